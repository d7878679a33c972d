import type { IdentificationStatus } from '../rules/identification-status.js';

/** What the provider needs to start an identification: the person as we know it. */
export interface StartRequest {
  transactionNumber: string;
  language: string | null;
  person: {
    id: string;
    salutation: string | null;
    firstName: string | null;
    lastName: string | null;
    birthDate: string | null;
    birthCity: string | null;
    nationality: string | null;
    email: string | null;
    mobileNumber: string | null;
    address: {
      line1: string | null;
      line2: string | null;
      postalCode: string | null;
      city: string | null;
      country: string | null;
    };
  };
}

export interface StartedIdentification {
  reference: string;
  url: string;
  estimatedWaitingTime: number | null;
}

/** A person field as the provider's agent saw it, by its Solaris name. */
export interface ProviderField {
  field: string;
  value: string | null;
  /** MATCH (as sent), CHANGE (corrected), NEW (not sent by us), REDACTION, ORIGINAL. */
  status: string;
  original: string | null;
}

/** The authoritative result of one identification, provider-neutral. */
export interface ProviderResult {
  transactionNumber: string;
  status: IdentificationStatus;
  resultCode: string;
  reason: string | null;
  reference: string | null;
  identifiedAt: Date | null;
  fields: ProviderField[];
  verifiedMobileNumber: string | null;
  /** The identity document used, when the provider says. */
  document: { type: string | null; country: string | null } | null;
  raw: unknown;
}

/** The kinds of evidence a provider produces, as the seed's `document_type` values (Appendix I). */
export type EvidenceDocumentType = 'KYC_REPORT' | 'SIGNATURE' | 'ID_DOCUMENT' | 'PICTURE' | 'OTHER';

/** One file of the provider's evidence for an identification (report, images, audio log, raw data). */
export interface EvidenceFile {
  /** The provider's own file name, e.g. `…cidt_idfrontside.jpg`. */
  name: string;
  documentType: EvidenceDocumentType;
  bytes: Buffer;
}

/** The provider's result lists (IDnow's: successful, pending review, aborted, cancelled). */
export const PROVIDER_LIST_KINDS = ['successful', 'pending', 'aborted', 'cancelled'] as const;
export type ProviderListKind = (typeof PROVIDER_LIST_KINDS)[number];

/**
 * The port the identifications domain talks to. The IDnow lib implements it (over HTTP, against IDnow
 * or its sandbox); the app binds the implementation.
 */
export abstract class IdentificationProvider {
  abstract readonly name: string;
  abstract start(request: StartRequest): Promise<StartedIdentification>;
  /** The current result, or null while the provider has none. */
  abstract fetchResult(transactionNumber: string): Promise<ProviderResult | null>;
  /** A stored raw result read again (the review shows what the provider read from the ID document). */
  abstract interpret(raw: unknown): ProviderResult | null;
  /** The evidence files, or null while (or once) the provider has none, e.g. deleted after a cancel. */
  abstract fetchEvidence(transactionNumber: string): Promise<EvidenceFile[] | null>;
  /** The provider's own list of one kind (reconciliation compares it with ours). */
  abstract list(kind: ProviderListKind): Promise<ProviderResult[]>;
}
