import type { DocumentRecord } from '../document.record.js';

/** A document as Solaris answers it. */
export interface DocumentResponse {
  id: string;
  name: string;
  content_type: string;
  document_type: string;
  size: number;
  customer_accessible: boolean;
  created_at: string;
  deleted_at: string | null;
}

export function toDocumentResponse(d: DocumentRecord): DocumentResponse {
  return {
    id: d.id,
    name: d.name,
    content_type: d.contentType,
    document_type: d.documentType,
    size: d.size,
    customer_accessible: d.customerAccessible,
    created_at: d.createdAt.toISOString(),
    deleted_at: d.deletedAt?.toISOString() ?? null,
  };
}

/** The staff view adds where the document came from and how it is kept. */
export function toAdminDocumentResponse(d: DocumentRecord) {
  return {
    ...toDocumentResponse(d),
    partner_id: d.partnerId,
    person_id: d.personId,
    identification_id: d.identificationId,
    source: d.source,
    provider_file: d.providerFile,
    partner_visible: d.partnerVisible,
    provider_canceled_at: d.providerCanceledAt?.toISOString() ?? null,
    sha256: d.sha256,
  };
}
