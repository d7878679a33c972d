import { Injectable } from '@nestjs/common';
import {
  IdentificationProvider,
  PROVIDER_LIST_KINDS,
  type ProviderListKind,
} from '../provider/identification-provider.js';
import { IDENTIFICATION_STATUSES, type IdentificationStatus } from '../rules/identification-status.js';
import { EVIDENCE_STATUSES, REVIEW_STATUSES, TRANSITIONS } from '../rules/state-machine.js';
import { EXPIRABLE_STATUSES } from '../expiry/link-expiry.service.js';
import {
  type Capped,
  IdentificationDriftRepository,
  type StuckIdentification,
} from './identification-drift.repository.js';

/** Open: a provider result (a status that asks for evidence) can still arrive (pending, aborted, canceled, pending_*). */
export const OPEN_STATUSES = IDENTIFICATION_STATUSES.filter((s) =>
  TRANSITIONS[s].some((to) => EVIDENCE_STATUSES.includes(to)),
);

/** Open statuses only a provider result sets (not the partner's request): the provider must list these. */
export const PROVIDER_SET_STATUSES = OPEN_STATUSES.filter((s) => !TRANSITIONS.created.includes(s));

/** A created identification the partner never requested for this long is stuck. */
export const CREATED_STUCK_MS = 24 * 3600_000;
/** expire_links runs every 5 minutes: a url this long past its end that is still open is stuck. */
export const EXPIRY_STUCK_MS = 3600_000;

export interface StatusDisagreement {
  identification_id: string;
  ours: IdentificationStatus;
  provider: IdentificationStatus;
}

export interface ProviderDrift {
  /** How many identifications each provider list held. */
  listed: Record<ProviderListKind, number>;
  /** Open on our side, in another state on the provider's (or finished there). */
  disagreements: Capped<StatusDisagreement>;
  /** Listed by the provider, unknown to us. */
  unknown: Capped<{ transaction_number: string; provider: IdentificationStatus }>;
  /** Open on our side from a provider result, listed nowhere by the provider. */
  missing: Capped<{ identification_id: string; status: IdentificationStatus }>;
}

export interface StuckIdentifications {
  created_unrequested: Capped<StuckIdentification>;
  review_overdue: Capped<StuckIdentification>;
  expiry_overdue: Capped<StuckIdentification>;
}

/** Collects up to `cap` items and counts them all. */
function capped<T>(cap: number): Capped<T> & { add(item: T): void } {
  const c = { total: 0, items: [] as T[] };
  return Object.assign(c, {
    add(item: T) {
      c.total++;
      if (c.items.length < cap) c.items.push(item);
    },
  });
}
const plain = <T>(c: Capped<T>): Capped<T> => ({ total: c.total, items: c.items });

/**
 * The drift report's view of identifications (it only reads; the missed-results job repairs): our open
 * identifications against the provider's lists, and those held too long in a status. Ours are read a
 * page at a time; the provider's lists are held as id → status only.
 */
@Injectable()
export class IdentificationDriftService {
  constructor(
    private readonly provider: IdentificationProvider,
    private readonly repo: IdentificationDriftRepository,
  ) {}

  async compareWithProvider(at: Date, cap: number, page = 1000): Promise<ProviderDrift> {
    const theirs = new Map<string, IdentificationStatus>();
    const listed = {} as Record<ProviderListKind, number>;
    for (const kind of PROVIDER_LIST_KINDS) {
      const results = await this.provider.list(kind);
      listed[kind] = results.length;
      for (const r of results) theirs.set(r.transactionNumber, r.status);
    }
    const disagreements = capped<StatusDisagreement>(cap);
    const unknown = capped<{ transaction_number: string; provider: IdentificationStatus }>(cap);
    const ids = [...theirs.keys()].sort();
    for (let i = 0; i < ids.length; i += page) {
      const chunk = ids.slice(i, i + page);
      const ours = await this.repo.statusesOf(chunk);
      for (const id of chunk) {
        const status = ours.get(id);
        const provider = theirs.get(id)!;
        if (status === undefined) unknown.add({ transaction_number: id, provider });
        else if (OPEN_STATUSES.includes(status) && status !== provider)
          disagreements.add({ identification_id: id, ours: status, provider });
      }
    }
    const missing = capped<{ identification_id: string; status: IdentificationStatus }>(cap);
    for (let after = ''; ;) {
      const rows = await this.repo.page(this.provider.name, PROVIDER_SET_STATUSES, at, after, page);
      for (const r of rows) if (!theirs.has(r.id)) missing.add({ identification_id: r.id, status: r.status });
      if (rows.length < page) break;
      after = rows[rows.length - 1].id;
    }
    return { listed, disagreements: plain(disagreements), unknown: plain(unknown), missing: plain(missing) };
  }

  /** Open identifications past their status's threshold at `at` (a pending one with a valid url is normal). */
  async stuck(at: Date, cap: number): Promise<StuckIdentifications> {
    const ago = (ms: number) => new Date(at.getTime() - ms);
    return {
      created_unrequested: await this.repo.olderThan(['created'], 'created_at', ago(CREATED_STUCK_MS), cap),
      review_overdue: await this.repo.olderThan(REVIEW_STATUSES, 'case_due_at', at, cap),
      expiry_overdue: await this.repo.olderThan(
        EXPIRABLE_STATUSES,
        'url_expires_at',
        ago(EXPIRY_STUCK_MS),
        cap,
      ),
    };
  }
}
