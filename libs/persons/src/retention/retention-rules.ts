/**
 * The retention rules, as data, in one place (docs/RETENTION.md explains each). GwG §8(4): records are kept
 * five years, counted from the end of the calendar year in which the business relationship ended, and
 * destroyed at the latest after ten. We erase at the first night after the keep period; an operator may
 * keep longer (other laws, e.g. HGB §257 / AO §147), never beyond the ten years.
 */
export const RETENTION = {
  /** Years kept after the end of the calendar year in which the relationship ended (GwG §8(4) sentence 1). */
  keepYears: 5,
  /** The most JOB_RETENTION_KEEP_YEARS may say (GwG §8(4): "spätestens nach zehn Jahren"; env.ts checks it). */
  maxKeepYears: 10,
  /** Rows per transaction: short enough not to hold locks a partner request would wait on. */
  batch: 100,
  /** At most this many person ids are listed in a run's summary (the counts are always complete). */
  listedIds: 10_000,
} as const;

/** Why a person's relationship ended, as a compliance officer records it (a code: no free text in the audit). */
export const RELATIONSHIP_END_REASONS = [
  'account_closed',
  'terminated_by_customer',
  'terminated_by_bank',
  'partner_offboarded',
  'customer_deceased',
  'other',
] as const;
export type RelationshipEndReason = (typeof RELATIONSHIP_END_REASONS)[number];

/** Why a person is held: their records may be needed for proceedings, so retention never erases them. */
export const LEGAL_HOLD_REASONS = [
  'litigation',
  'authority_request',
  'criminal_investigation',
  'internal_investigation',
] as const;
export type LegalHoldReason = (typeof LEGAL_HOLD_REASONS)[number];

/** Why a hold ends. */
export const LEGAL_HOLD_LIFT_REASONS = ['proceedings_closed', 'authority_released', 'set_in_error'] as const;

/** A case or file number for a hold: letters, digits and `./_-`, no spaces (so no names). */
export const HOLD_REFERENCE = /^[A-Za-z0-9][A-Za-z0-9./_-]{0,63}$/;

/**
 * Which rule dates a person's end of relationship: an officer recorded it, or the person never became a
 * customer (no successful identification) and counts as ended at their last activity (latest change of the
 * person or of one of their identifications).
 */
export type RetentionRule = 'relationship_ended' | 'never_customer';

/** The tables an erasure touches, in the order the summary and the audit list them. */
export const ERASED_TABLES = [
  'persons',
  'identifications',
  'provider_results',
  'provider_callbacks',
  'person_data_changes',
  'documents',
  'case_notes',
  'review_proposals',
  'support_notes',
  'domain_events',
] as const;
export type ErasedTable = (typeof ERASED_TABLES)[number];
export type TableCounts = Record<ErasedTable, number>;

/** The first instant (UTC) a person whose relationship ended on `endedOn` (YYYY-MM-DD) may be erased. */
export function keepUntil(endedOn: string, keepYears: number = RETENTION.keepYears): Date {
  const year = Number(endedOn.slice(0, 4));
  return new Date(Date.UTC(year + 1 + keepYears, 0, 1));
}

/** The latest relationship end (YYYY-MM-DD) that is due at `at`: the last day of the year keepYears + 1 back. */
export function latestDueEnd(at: Date, keepYears: number = RETENTION.keepYears): string {
  return `${at.getUTCFullYear() - keepYears - 1}-12-31`;
}

/** Counts per table, every table listed, zero where nothing went; sums them when given several. */
export function tableCounts(...parts: Partial<Record<string, number>>[]): TableCounts {
  const out = Object.fromEntries(ERASED_TABLES.map((t) => [t, 0])) as TableCounts;
  for (const p of parts) for (const t of ERASED_TABLES) out[t] += Number(p[t] ?? 0);
  return out;
}
