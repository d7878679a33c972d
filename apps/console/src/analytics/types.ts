/** The answers of `GET /admin/analytics/...` and the alerts (docs/ADMIN-API.md, "Analytics"). */

export type Granularity = 'hour' | 'day' | 'week';
export type CausedByUser = 'yes' | 'no' | 'unknown';
export const OUTCOME_STATUSES = ['successful', 'failed', 'aborted', 'canceled', 'expired'] as const;
export type OutcomeStatus = (typeof OUTCOME_STATUSES)[number];

export interface AnswerRange {
  from: string;
  to: string;
  granularity: Granularity;
}

interface Answer {
  range: AnswerRange;
}

export interface StatusTrend extends Answer {
  series: ({ start: string; total: number } & Record<OutcomeStatus, number>)[];
}

export interface ReasonClass {
  /** null: an outcome without a reason. */
  code: string | null;
  category: string;
  permanent: boolean;
  caused_by_user: CausedByUser;
}

export interface Failures extends Answer {
  outcomes: number;
  failures: number;
  failure_share: number;
  series: {
    start: string;
    permanent: number;
    temporary: number;
    user_caused: number;
    not_user_caused: number;
    unknown: number;
  }[];
}

export const FUNNEL_STEPS = ['created', 'requested', 'reviewed', 'successful'] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

export interface Funnel extends Answer {
  steps: { step: FunnelStep; count: number; conversion: number; drop_off: number; drop_off_share: number }[];
}

export interface DurationSummary {
  count: number;
  median_seconds: number | null;
  p90_seconds: number | null;
}

export interface TimeToFinal extends Answer {
  resolution: string;
  overall: DurationSummary;
  by_status: (DurationSummary & { status: string })[];
  by_path: (DurationSummary & { path: string[] })[];
}

export interface RetryReason extends Omit<ReasonClass, 'code'> {
  previous_reason: string | null;
  reidentifications: number;
  successful: number;
  success_rate: number;
}

export interface Retries extends Answer {
  reidentifications: number;
  successful: number;
  success_rate: number;
  by_reason: RetryReason[];
}

export interface TopReason extends ReasonClass {
  count: number;
  share: number;
  previous_count: number;
  previous_share: number;
  change: number;
  /** null when the previous range had none. */
  change_share: number | null;
}

export interface TopReasons extends Answer {
  previous_range: { from: string; to: string };
  outcomes: number;
  previous_outcomes: number;
  reasons: TopReason[];
}

export interface AnalyticsAnswers {
  'status-trend': StatusTrend;
  failures: Failures;
  funnel: Funnel;
  'time-to-final': TimeToFinal;
  retries: Retries;
  'top-reasons': TopReasons;
}

export type AnalyticsPath = keyof AnalyticsAnswers;

/** GET /admin/analytics-alerts/:id */
export interface AnalyticsAlert {
  id: string;
  reason: string;
  category: string | null;
  hour: string;
  observed: number;
  baseline: number;
  factor: number;
  min_volume: number;
  raised_at: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  acknowledged_by_name: string | null;
  acknowledgement_note: string | null;
}

/** GET /admin/demo-data (sandbox only). */
export interface DemoDataStatus {
  available: boolean;
  state: 'idle' | 'running' | 'done' | 'failed';
  done: number;
  total: number;
}
