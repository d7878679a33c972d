/** A capped list of findings: `total` found, the first `items` of them. */
export interface Capped<T = Record<string, unknown>> {
  total: number;
  items: T[];
}

/** GET /admin/drift-reports/:id (docs/ADMIN-API.md, "Drift reports") */
export interface DriftReport {
  id: string;
  run_id: string;
  created_at: string;
  slot: string;
  summary: Record<string, unknown> & { total: number; provider_error: string | null };
  findings?: {
    provider: {
      listed: Record<string, number>;
      disagreements: Capped;
      unknown: Capped;
      missing: Capped;
    } | null;
    stuck: Record<string, Capped>;
    outbox: Record<string, Capped>;
    rollup: Capped & {
      from: string | null;
      to: string;
      mismatched_keys: number;
      expected_total: number;
      actual_total: number;
      by_metric: Record<string, number>;
    };
  };
}

/** The summary's counts, in the order the report shows its sections. */
export const COUNTS = [
  'provider_disagreements',
  'unknown_to_us',
  'missing_at_provider',
  'created_unrequested',
  'review_overdue',
  'expiry_overdue',
  'callbacks_unprocessed',
  'evidence_overdue',
  'events_not_fanned_out',
  'deliveries_undelivered',
  'rollup_mismatched_keys',
] as const;
