import type { DocumentType } from './rules/document-types.js';

/** One document as stored: metadata in PostgreSQL, the bytes in DocumentStorage under `storageKey`. */
export interface DocumentRecord {
  id: string;
  partnerId: string;
  personId: string;
  identificationId: string | null;
  name: string;
  contentType: string;
  documentType: DocumentType;
  size: number;
  sha256: string;
  storageKey: string;
  /** `partner` uploads, or the provider's evidence of an identification. */
  source: 'partner' | 'provider';
  /** The provider's file name, for provider evidence. */
  providerFile: string | null;
  /** False for evidence kept for compliance only (the audio log, the raw result). */
  partnerVisible: boolean;
  customerAccessible: boolean;
  /** Set when the provider canceled the identification after this evidence was captured. */
  providerCanceledAt: Date | null;
  createdAt: Date;
  deletedAt: Date | null;
}

/** Where a document's bytes live: two hex characters of fan-out, then the id. */
export function storageKeyFor(id: string): string {
  return `${id.slice(0, 2)}/${id}`;
}
