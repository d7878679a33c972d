import { type ListQuery, type ListSpec, NotFoundError } from '#kyc/common';
import {
  FAILURE_CODES,
  type FailureCode,
  type FailureGuidance,
  type Guidance,
  guidanceFor,
} from '#kyc/identifications';

/** The react-admin list contract of `GET /admin/failure-codes`. */
export const FAILURE_CODE_LIST: ListSpec = {
  sortable: ['code', 'category'],
  filters: {
    id: 'id',
    category: ['DATA', 'Technical', 'User', 'Other'],
    permanent: 'boolean',
    caused_by_user: ['yes', 'no', 'unknown'],
    q: 'text',
  },
  defaultSort: ['code', 'ASC'],
};

interface GuidanceResponse {
  what_happened: string;
  next_step: string;
}

/** One catalog code with its guidance, as staff read it. */
export interface FailureCodeResponse {
  id: string;
  code: string;
  category: FailureCode['category'];
  /** The seed's description, verbatim. */
  description: string;
  permanent: boolean;
  caused_by_user: FailureCode['causedByUser'];
  /** yes: just try again; after_fix: once something was fixed first; no: permanent. */
  retry: FailureGuidance['retry'];
  guidance: {
    staff: { en: GuidanceResponse; de: GuidanceResponse };
    customer: { en: GuidanceResponse; de: GuidanceResponse };
  };
}

const text = (g: Guidance): GuidanceResponse => ({ what_happened: g.whatHappened, next_step: g.nextStep });

export function toFailureCodeResponse(f: FailureCode): FailureCodeResponse {
  // Every catalog code has guidance: the guidance record is keyed by the catalog's code type.
  const g = guidanceFor(f.code)!;
  return {
    id: f.code,
    code: f.code,
    category: f.category,
    description: f.description,
    permanent: f.permanent,
    caused_by_user: f.causedByUser,
    retry: g.retry,
    guidance: {
      staff: { en: text(g.staff.en), de: text(g.staff.de) },
      customer: { en: text(g.customer.en), de: text(g.customer.de) },
    },
  };
}

/** Filter, sort and page the catalog in memory: 59 rows, fixed at build time. */
export function listFailureCodes(q: ListQuery): { rows: FailureCodeResponse[]; total: number } {
  const { id, category, permanent, caused_by_user: causedByUser, q: search } = q.filter;
  const ids = id === undefined ? undefined : new Set([id].flat());
  const needle = typeof search === 'string' ? search.trim().toLowerCase() : '';
  const matches = FAILURE_CODES.filter(
    (f) =>
      (!ids || ids.has(f.code)) &&
      (category === undefined || f.category === category) &&
      (permanent === undefined || f.permanent === permanent) &&
      (causedByUser === undefined || f.causedByUser === causedByUser) &&
      (!needle || f.code.toLowerCase().includes(needle) || f.description.toLowerCase().includes(needle)),
  );
  const direction = q.sort.order === 'ASC' ? 1 : -1;
  const key = (f: FailureCode) => (q.sort.field === 'category' ? f.category : f.code);
  // Ties (several codes per category) fall back to the code, so a page is always the same page.
  const sorted = [...matches].sort((a, b) => direction * compare(key(a), key(b)) || compare(a.code, b.code));
  return {
    rows: sorted.slice(q.offset, q.offset + q.limit).map(toFailureCodeResponse),
    total: matches.length,
  };
}

// Codes and categories are ASCII: plain code-unit order, the same on every machine and locale.
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function getFailureCode(code: string): FailureCodeResponse {
  const f = FAILURE_CODES.find((c) => c.code === code);
  if (!f) throw new NotFoundError('FailureCode', code);
  return toFailureCodeResponse(f);
}
