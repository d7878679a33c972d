import simpleRestProvider from 'ra-data-simple-rest';
import type {
  CreateParams,
  DataProvider,
  GetListParams,
  GetOneParams,
  Identifier,
  RaRecord,
  UpdateParams,
} from 'react-admin';
import { API, fetchBlob, httpClient } from './httpClient';
import type {
  BulkResult,
  DecisionInput,
  DecisionOutcome,
  Note,
  Proposal,
  ProviderResult,
  QueueRow,
  Reidentification,
  ReidentificationOutcome,
  ReviewReasons,
  ReviewSummary,
} from './review/types';
import type { AnalyticsAlert, AnalyticsAnswers, AnalyticsPath, DemoDataStatus } from './analytics/types';
import type { JobRun } from './jobs/types';
import type { MfaSetup } from './types';

/** The fields each write call of docs/ADMIN-API.md accepts; anything else in a form record is not sent. */
const CREATE_FIELDS: Record<string, string[]> = {
  users: ['email', 'display_name', 'role', 'password'],
  'partner-clients': ['partner_name', 'partner_id'],
};
const UPDATE_FIELDS: Record<string, string[]> = {
  users: ['display_name', 'role', 'status'],
  'partner-clients': ['status'],
};

function pick(data: Record<string, unknown>, fields: string[] | undefined): Record<string, unknown> {
  if (!fields) return data;
  return Object.fromEntries(
    fields.filter((f) => data[f] !== undefined && data[f] !== '').map((f) => [f, data[f]]),
  );
}

const base = simpleRestProvider(API, httpClient);

const post = async <T>(path: string, body?: unknown): Promise<T> => {
  const { json } = await httpClient(`${API}/${path}`, {
    method: 'POST',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return json as T;
};

const get = async <T>(path: string): Promise<T> => (await httpClient(`${API}/${path}`)).json as T;

const id = (value: Identifier) => encodeURIComponent(String(value));

/** Resources whose admin path is not their name: a job's runs live under /admin/jobs/runs. */
const PATHS: Record<string, string> = { 'job-runs': 'jobs/runs' };
const path = (resource: string) => PATHS[resource] ?? resource;

export interface RedeliverFailedParams {
  from: string;
  to: string;
  subscription_id?: string;
  partner_id?: string;
}

/** ra-data-simple-rest against /admin, plus the calls that are not CRUD (each one a button in the console). */
export const dataProvider = {
  ...base,
  create: <R extends Omit<RaRecord, 'id'>>(resource: string, params: CreateParams<R>) =>
    base.create(resource, { ...params, data: pick(params.data, CREATE_FIELDS[resource]) as R }),
  update: <R extends RaRecord>(resource: string, params: UpdateParams<R>) =>
    base.update(resource, { ...params, data: pick(params.data, UPDATE_FIELDS[resource]) as Partial<R> }),
  getList: <R extends RaRecord>(resource: string, params: GetListParams) =>
    base.getList<R>(path(resource), params),
  getOne: <R extends RaRecord>(resource: string, params: GetOneParams<R>) =>
    base.getOne<R>(path(resource), params),

  resetPassword: (userId: Identifier, password: string) =>
    post<RaRecord>(`users/${id(userId)}/reset-password`, { password }),
  resetMfa: (userId: Identifier) => post<RaRecord>(`users/${id(userId)}/reset-mfa`),
  rotateSecret: (clientId: Identifier) =>
    post<RaRecord & { secret: string }>(`partner-clients/${id(clientId)}/rotate`),
  redeliver: (deliveryId: Identifier) => post<RaRecord>(`webhook-deliveries/${id(deliveryId)}/redeliver`),
  redeliverFailed: (params: RedeliverFailedParams) =>
    post<{ requeued: number }>(
      'webhook-deliveries/redeliver-failed',
      pick({ ...params }, ['from', 'to', 'subscription_id', 'partner_id']),
    ),
  /** The file itself, audited by the server with the reason; `inline` when the console shows it. */
  documentFile: (documentId: Identifier, reason: string, disposition: 'inline' | 'attachment') =>
    fetchBlob(
      `${API}/documents/${id(documentId)}/file?${new URLSearchParams({ reason, disposition }).toString()}`,
    ),
  // The compliance review (docs/ADMIN-API.md, "Review"): each call one button of the queue or the case page.
  reviewReasons: () => get<ReviewReasons>('review-reasons'),
  reviewOfficers: () => get<{ id: string; display_name: string }[]>('review-officers'),
  reviewSummary: () => get<ReviewSummary>('review-cases/summary'),
  claimCase: (caseId: Identifier) => post<QueueRow>(`review-cases/${id(caseId)}/claim`),
  releaseCase: (caseId: Identifier) => post<QueueRow>(`review-cases/${id(caseId)}/release`),
  assignCase: (caseId: Identifier, assigneeId: string) =>
    post<QueueRow>(`review-cases/${id(caseId)}/assign`, { assignee_id: assigneeId }),
  addNote: (caseId: Identifier, body: string) => post<Note>(`review-cases/${id(caseId)}/notes`, { body }),
  decide: (caseId: Identifier, input: DecisionInput) =>
    post<DecisionOutcome>(`review-cases/${id(caseId)}/decisions`, input),
  bulkDecide: (
    input: Omit<DecisionInput, 'version' | 'action'> & { ids: Identifier[]; action: 'reject' | 'retry' },
  ) => post<{ results: BulkResult<DecisionOutcome>[] }>('review-cases/bulk-decisions', input),
  confirmProposal: (proposalId: Identifier) => post<unknown>(`review-proposals/${id(proposalId)}/confirm`),
  declineProposal: (proposalId: Identifier) => post<Proposal>(`review-proposals/${id(proposalId)}/decline`),
  reidentification: (identificationId: Identifier) =>
    get<Reidentification>(`identifications/${id(identificationId)}/reidentification`),
  reidentify: (identificationId: Identifier, justification?: string) =>
    post<ReidentificationOutcome>(
      `identifications/${id(identificationId)}/reidentify`,
      justification ? { justification } : {},
    ),
  bulkReidentify: (ids: Identifier[], justification?: string) =>
    post<{ results: BulkResult<ReidentificationOutcome>[] }>(
      'reidentifications/bulk',
      justification ? { ids, justification } : { ids },
    ),
  /** A provider's raw result as received (audited by the server). */
  providerResult: (resultId: string) => get<ProviderResult>(`provider-results/${id(resultId)}`),
  // Failure analytics (docs/ADMIN-API.md, "Analytics"): the dashboard's panels, alerts, demo data.
  analytics: <P extends AnalyticsPath>(path: P, params: Record<string, string>) =>
    get<AnalyticsAnswers[P]>(`analytics/${path}?${new URLSearchParams(params).toString()}`),
  acknowledgeAlert: (alertId: Identifier, note: string) =>
    post<AnalyticsAlert>(`analytics-alerts/${id(alertId)}/acknowledge`, { note }),
  demoDataStatus: () => get<DemoDataStatus>('demo-data'),
  loadDemoData: (persons: number) => post<DemoDataStatus>('demo-data', { persons }),
  // Scheduled jobs (docs/ADMIN-API.md, "Jobs"): run one now, or its dry run; answers the run to follow.
  runJob: (name: Identifier, dryRun: boolean) =>
    post<JobRun>(`jobs/${id(name)}/runs`, dryRun ? { dry_run: true } : {}),
  mfaSetup: () => post<MfaSetup>('auth/mfa/setup'),
  mfaConfirm: (otp: string) => post<{ recovery_codes: string[] }>('auth/mfa/confirm', { otp }),
} satisfies DataProvider;

export type ConsoleDataProvider = typeof dataProvider;
