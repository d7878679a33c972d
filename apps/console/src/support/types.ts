import type { IdentificationStatus } from '../identifications/choices';

/** A text the server wrote in both customer languages. */
export interface Bilingual {
  en: string;
  de: string;
}

export type CustomerLanguage = keyof Bilingual;

/** What the server recognised the query as. */
export type SearchKind =
  'person_id' | 'identification_id' | 'reference' | 'email' | 'phone' | 'name' | 'name_and_birth_date';

export interface LatestIdentification {
  id: string;
  status: IdentificationStatus;
  reference: string | null;
  updated_at: string;
}

/** GET /admin/support/search: one person found (masked for support agents). */
export interface SearchResult {
  person_id: string;
  partner_id: string;
  name: string;
  birth_year: number | null;
  email_masked?: string;
  mobile_masked: string | null;
  latest_identification: LatestIdentification | null;
  match: 'exact' | 'fuzzy';
  /** 1 for an exact kind; the name similarity (0.5–1) otherwise. */
  score: number;
}

export interface SearchAnswer {
  kind: SearchKind;
  results: SearchResult[];
}

export type RetryHow = 'same_link' | 'new_link' | 'none';

export interface Headline {
  status: IdentificationStatus | null;
  text: Bilingual;
  can_retry_now: boolean;
  /** `url` only with `same_link` (the identification's link is still valid). */
  retry: { how: RetryHow; url: string | null; url_expires_at: string | null };
  next_step: Bilingual;
}

export interface SupportEvent {
  at: string;
  status: IdentificationStatus;
  text: Bilingual;
}

export interface SupportIdentification {
  id: string;
  status: IdentificationStatus;
  reference: string | null;
  created_at: string;
  updated_at: string;
  url_valid: boolean;
  /** `aborted` and `canceled` only; `code` is null for a code that names a suspicion. */
  reason: null | { code: string | null; what_happened: Bilingual; next_step: Bilingual };
  events: SupportEvent[];
}

export interface SupportNote {
  id: string;
  author_name: string;
  body: string;
  created_at: string;
}

/** The person as the server returns it: masked for support agents (`masked: true`), full after an unmask. */
export type SupportPerson = Record<string, unknown> & { id: string; masked?: boolean };

/** A proposal on one of the person's identifications that no officer has confirmed or declined yet. */
export interface PendingProposal {
  id: string;
  identification_id: string;
  action: string;
  reason_code: string;
  proposed_by_name: string | null;
  proposed_at: string;
}

/** GET /admin/support/customers/{personId} */
export interface Customer {
  person: SupportPerson;
  customer_language: string;
  headline: Headline;
  identifications: SupportIdentification[];
  notes: SupportNote[];
  pending_proposals: PendingProposal[];
}

/** GET /admin/support/customers/{personId}/answer */
export interface Answer {
  language: string;
  subject: string;
  body: string;
}
