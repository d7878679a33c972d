import type { FailureCodeName, ReviewAction } from '#kyc/identifications';
import type { ScenarioCase } from '#kyc/idnow';

/**
 * What the demo data is made of, as data: partners, languages, how identifications go and why they
 * fail. docs/DEMO-DATA.md explains each number; change both together.
 */

export type DemoLanguage = 'DE' | 'EN';

/** Three partners (tenants) of different size and customer base; `de` is the share of German calls. */
export const DEMO_PARTNERS = [
  { id: 'demo-neobank', name: 'Nordlicht Neobank (demo)', weight: 50, de: 0.7 },
  { id: 'demo-broker', name: 'Kapitalfluss Broker (demo)', weight: 30, de: 0.5 },
  { id: 'demo-insurer', name: 'Hafenblick Versicherung (demo)', weight: 20, de: 0.85 },
] as const;
export type DemoPartnerId = (typeof DEMO_PARTNERS)[number]['id'];

/** Two compliance officers decide the review cases; four-eyes decisions need both. */
export const DEMO_OFFICERS = [
  { email: 'mara.lindner@demo.kyc.local', display_name: 'Mara Lindner (demo officer)' },
  { email: 'tarik.aydin@demo.kyc.local', display_name: 'Tarik Aydın (demo officer)' },
] as const;

/** An officer's decision on an open case: who decides (`takesOver` the provider's review, or after it). */
export interface OfficerPart {
  action: ReviewAction;
  reason: string;
  /** true: the officer decides while the provider's review is pending; false: on the flagged result. */
  takesOver: boolean;
}

/** One attempt of the customer on an identification's url, as a sandbox scenario plays it. */
export interface AttemptKind {
  /** The seed's test scenario whose script (SCENARIO_PLANS) the sandbox publishes. */
  scenario: ScenarioCase;
  /** Reasons to draw from for ABORTED or CANCELED, replacing the scenario's own example code. */
  reasons?: Readonly<Record<string, number>>;
  officer?: OfficerPart;
  /** Only the provider's first (review) result: the case waits in the officers' queue. */
  open?: true;
}

/** Temporary reasons the customer causes, for calls aborted during the video chat. */
export const USER_ABORT_REASONS = {
  USER_ABORT_WHILE_WAITING: 18,
  USER_CANCELLATION: 14,
  TECH_LIGHTING: 12,
  TECH_DISCONNECTED_WEBSOCKET: 8,
  TECH_INTERNET_CONNECTION: 7,
  USER_NO_ID: 7,
  TECH_VIDEO: 6,
  CONNECTION_LOST: 5,
  TECH_TIMEOUT: 5,
  IDENT_CODE_REPEATEDLY_INCORRECT: 4,
  TECH_AUDIO: 3,
  ID_NOT_SUPPORTED: 3,
  DISAGREE_WITH_VIDEO_RECORDING: 2,
  OTHER_MISCELLANEOUS_TEMPORARY: 2,
  USER_LANGUAGE: 1,
} satisfies Partial<Record<FailureCodeName, number>>;

/** Reasons on the provider's side (not caused by the customer). */
export const PROVIDER_ABORT_REASONS = {
  TECH_INTERNAL_SERVER_ERROR: 6,
  IDENT_CODE_NOT_RECEIVED: 4,
} satisfies Partial<Record<FailureCodeName, number>>;

/** Reasons of the provider's second line when it cancels after review (mostly the ID document). */
export const CANCEL_REASONS = {
  TECH_PHOTO: 25,
  DATA_ID_EXPIRED: 12,
  TECH_HOLOGRAM: 15,
  BAD_PHOTO_QUALITY: 12,
  ID_DAMAGED: 10,
  TECH_ID_TYPE: 8,
  USER_WRONG_PERSON: 6,
  DATA_APPLICATION_DATA: 4,
  OTHER_MISCELLANEOUS_PERMANENT: 2,
} satisfies Partial<Record<FailureCodeName, number>>;

/** What an officer tells the customer when sending a case back (documented retry reasons). */
export const OFFICER_RETRY_REASONS = { TECH_PHOTO: 5, TECH_LIGHTING: 3, TECH_HOLOGRAM: 2 };

export const ATTEMPTS = {
  happy: { scenario: 'HAPPYPATH' },
  hold_certificate: { scenario: 'HOLDCERTIFICATE' },
  aborted_user: { scenario: 'ABORTIDENT', reasons: USER_ABORT_REASONS },
  aborted_provider: { scenario: 'ABORTIDENT', reasons: PROVIDER_ABORT_REASONS },
  canceled: { scenario: 'CANCELED', reasons: CANCEL_REASONS },
  long_review: { scenario: 'LONGREVIEW' },
  fraud_ok: { scenario: 'FRAUDOK' },
  officer_approves: {
    scenario: 'LONGREVIEW',
    officer: { action: 'approve', reason: 'PROVIDER_REVIEW_CONFIRMED', takesOver: true },
  },
  officer_retry: {
    scenario: 'LONGREVIEW',
    officer: { action: 'retry', reason: 'TECH_PHOTO', takesOver: true },
  },
  officer_reject: {
    scenario: 'LONGREVIEW',
    officer: { action: 'reject', reason: 'DOCUMENT_NOT_ACCEPTABLE', takesOver: true },
  },
  fraud_cleared: {
    scenario: 'FRAUDOK',
    officer: { action: 'approve', reason: 'FRAUD_SUSPICION_CLEARED', takesOver: true },
  },
  change_all_review: {
    scenario: 'CHANGEALLREVIEW',
    officer: { action: 'approve', reason: 'DATA_CHANGE_VERIFIED', takesOver: false },
  },
  fraud_ident: { scenario: 'FRAUDIDENT' },
  fraud_review: { scenario: 'FRAUDREVIEW' },
  open_review: { scenario: 'LONGREVIEW', open: true },
  open_fraud_review: { scenario: 'FRAUDOK', open: true },
} as const satisfies Record<string, AttemptKind>;
export type AttemptName = keyof typeof ATTEMPTS;

/** A customer's first identification, in percent: most succeed, some never start. */
export const JOURNEYS = {
  created_only: 3,
  waiting: 4,
  happy: 47,
  hold_certificate: 3,
  aborted_user: 14,
  aborted_provider: 4,
  canceled: 6,
  long_review: 3,
  fraud_ok: 3,
  officer_approves: 3,
  officer_retry: 2,
  officer_reject: 1,
  fraud_cleared: 1,
  change_all_review: 1,
  fraud_ident: 1,
  fraud_review: 1,
  open_review: 2,
  open_fraud_review: 1,
} satisfies Record<AttemptName | 'created_only' | 'waiting', number>;
export type Journey = keyof typeof JOURNEYS;

/** Journeys that only make sense recently, with how many days back their sign-ups go at most. */
export const RECENT_JOURNEYS: Partial<Record<Journey, number>> = {
  // The url (14 days) is still valid.
  waiting: 12,
  // The officers' review SLA is 24 hours: older cases would all be overdue.
  open_review: 2,
  open_fraud_review: 2,
};

/** After an aborted or canceled attempt with a temporary reason, in percent. */
export const FOLLOW_UPS = { same_url: 55, officer_reidentifies: 15, gives_up: 30 };

/** How a later attempt goes. */
export const RETRY_ATTEMPTS = {
  happy: 78,
  aborted_user: 14,
  canceled: 5,
  aborted_provider: 3,
} satisfies Partial<Record<AttemptName, number>>;

/** A failed identification (rejected by an officer) is re-identified by a confirmed override this often. */
export const OVERRIDE_AFTER_REJECT = 0.5;

/** At most this many attempts per customer, across identifications. */
export const MAX_ATTEMPTS = 3;

/** Sign-ups by hour of the day (UTC; evenings and lunch time in Germany are busiest). */
export const SIGNUPS_BY_HOUR = [
  1, 1, 1, 1, 1, 2, 3, 5, 7, 8, 9, 10, 11, 10, 9, 9, 10, 12, 13, 12, 10, 7, 4, 2,
] as const;
