import type { Identifier, RaRecord } from 'react-admin';
import type { IdentificationStatus } from '../identifications/choices';

export type ReviewAction = 'approve' | 'reject' | 'retry';
export type ProposalState = 'pending' | 'confirmed' | 'declined' | 'superseded';

/** The catalog's verdict on a failure reason, when the server gives it (the console keeps no copy). */
export interface FailureBadges {
  failure_category?: 'DATA' | 'Technical' | 'User' | 'Other' | null;
  failure_permanent?: boolean | null;
  failure_caused_by_user?: 'yes' | 'no' | 'unknown' | null;
}

/** A row of GET /admin/review-cases. */
export interface QueueRow extends RaRecord, FailureBadges {
  id: string;
  person_id: string;
  partner_id: string;
  status: IdentificationStatus;
  provider_result: string | null;
  failure_reason: string | null;
  language: string | null;
  flagged: boolean;
  flag_reasons: string[];
  case_opened_at: string | null;
  case_due_at: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  assigned_at: string | null;
  version: number;
  first_name: string | null;
  last_name: string | null;
  proposal_id: string | null;
  proposal_action: string | null;
  proposed_by: string | null;
  overdue: boolean;
  awaiting_approval: boolean;
  /** When the review SLA job escalated the case (docs/JOBS.md); null while it is not escalated. */
  escalated_at: string | null;
}

export interface Proposal extends RaRecord {
  id: string;
  identification_id: string;
  action: ReviewAction | 'reidentify';
  reason_code: string;
  justification: string;
  proposed_by: string;
  proposed_by_name: string | null;
  proposed_at: string;
  state: ProposalState;
  resolved_by: string | null;
  resolved_at: string | null;
}

export interface FieldDiffRow {
  field: string;
  person_value: string | null;
  document_value: string | null;
  status: string;
  original: string | null;
  changed: boolean;
  source: string | null;
}

export interface TimelineEntry {
  at: string;
  kind: string;
  actor: string | null;
  summary: string;
  ref: string | null;
  detail: Record<string, unknown>;
}

export interface Note {
  id: string;
  author_id: string;
  author_name: string | null;
  body: string;
  created_at: string;
}

export interface ReidentificationPolicy {
  mode: 'same_url' | 'new_identification' | 'blocked' | 'not_applicable';
  explanation: string;
  override_mode?: 'same_url' | 'new_identification';
}

/** GET /admin/identifications/:id/reidentification, and the case page's `reidentification`. */
export interface Reidentification {
  policy: ReidentificationPolicy;
  used: number;
  limit: number;
  next_allowed_at: string | null;
}

/**
 * GET /admin/review-cases/:id. The case-page parts are optional: while it loads, react-admin shows the
 * queue's row (QueueRow) in its place.
 */
export interface ReviewCase extends RaRecord, FailureBadges {
  id: string;
  person_id: string;
  partner_id: string;
  status: IdentificationStatus;
  provider_result: string | null;
  failure_reason: string | null;
  language: string | null;
  flagged: boolean;
  flag_reasons: string[];
  first_name?: string | null;
  last_name?: string | null;
  case_open?: boolean;
  case_opened_at: string | null;
  case_due_at: string | null;
  overdue: boolean;
  escalated_at: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  decided_by?: string | null;
  decided_at?: string | null;
  version: number;
  person?: Record<string, unknown>;
  field_diff?: FieldDiffRow[];
  earlier_identifications?: {
    id: string;
    status: IdentificationStatus;
    failure_reason: string | null;
    created_at: string;
    completed_at: string | null;
  }[];
  notes?: Note[];
  proposals?: Proposal[];
  reidentification?: Reidentification;
  timeline?: TimelineEntry[];
}

export type ReviewReasons = Record<ReviewAction, { code: string; description: string }[]>;

export interface DecisionInput {
  action: ReviewAction;
  reason_code: string;
  justification: string;
  version: number;
}

export type DecisionOutcome =
  | {
      outcome: 'decided';
      identification: { id: string; status: IdentificationStatus; version: number };
      reidentification?: ReidentificationOutcome;
    }
  | { outcome: 'proposed'; awaiting_second_approval: true; needs: string; proposal: { id: Identifier } };

export type ReidentificationOutcome =
  | { mode: 'same_url'; identification_id: string; url: string | null }
  | { mode: 'new_identification'; identification_id: string; status: string; url: string | null }
  | { mode: 'proposed'; proposal_id: string }
  | { mode: 'not_started'; reason: string };

/** One item of a bulk call: what happened to it. */
export type BulkResult<T> =
  | { id: string; ok: true; result: T }
  | { id: string; ok: false; status: number; code: string; detail: string };

export interface ProviderResult {
  id: string;
  identification_id: string;
  provider: string;
  result: string;
  payload: unknown;
  source: string;
  received_at: string;
}

/** GET /admin/review-cases/summary: the queue's counters. */
export interface ReviewSummary {
  open: number;
  overdue: number;
  escalated: number;
  at: string;
}
