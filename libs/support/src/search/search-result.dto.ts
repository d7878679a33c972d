import { lastDigits } from '#kyc/persons';
import type { SearchKind } from './search-query.js';
import type { SearchHit } from './support-search.repository.js';

/** One found customer, as little personal data as recognising them takes (the same for every role). */
export interface SearchResult {
  person_id: string;
  partner_id: string;
  name: string;
  /** The birth year only. */
  birth_year: number | null;
  /** `j•••@example.com`. */
  email_masked?: string;
  /** `••••567`. */
  mobile_masked: string | null;
  latest_identification: { id: string; status: string; reference: string | null; updated_at: string } | null;
  match: 'exact' | 'fuzzy';
  /** 1 for an exact match; the trigram word similarity (0.5–1) for a name. */
  score: number;
}

export interface SearchResponse {
  kind: SearchKind;
  results: SearchResult[];
}

/** The first character of the local part and the domain: enough to confirm, not to write to. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return `${email.slice(0, Math.min(1, at))}•••${email.slice(at)}`;
}

export function toSearchResult(h: SearchHit, match: SearchResult['match']): SearchResult {
  return {
    person_id: h.person_id,
    partner_id: h.partner_id,
    name: [h.first_name, h.last_name].filter(Boolean).join(' '),
    birth_year: h.birth_date ? Number(h.birth_date.slice(0, 4)) : null,
    ...(h.email ? { email_masked: maskEmail(h.email) } : {}),
    mobile_masked: lastDigits(h.mobile_number),
    latest_identification: h.identification_id
      ? {
          id: h.identification_id,
          status: h.identification_status!,
          reference: h.identification_reference,
          updated_at: new Date(h.identification_updated_at!).toISOString(),
        }
      : null,
    match,
    score: Math.round(Number(h.score) * 1000) / 1000,
  };
}
