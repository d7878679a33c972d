/** The seed's `document_type` values (Appendix I "Document types"), in its order. */
export const DOCUMENT_TYPES = [
  'ANNUAL_FINANCIAL_STATEMENT',
  'KYC_REPORT',
  'ID_DOCUMENT',
  'SIGNATURE',
  'PICTURE',
  'QES_DOCUMENT',
  'SIGNED_CONTRACT',
  'SIGNED_QES_DOCUMENT',
  'REGISTER_CHECK',
  'REGISTER_EXTRACT',
  'FOUNDATION_DOCUMENT',
  'SCHUFA_COMPACT_REPORT',
  'SCHUFA_GWG_REPORT',
  'SCHUFA_FULL_REPORT',
  'SCHUFA_SHORT_REPORT',
  'CREDIT_AGENCY_REPORT',
  'SHARE_HOLDERS_AGREEMENT',
  'SHAREHOLDERS_LIST',
  'TRADING_LICENSE',
  'TRANSPARENCY_REGISTER_EXTRACT',
  'INVOICE',
  'OTHER',
  'VIDEO',
  'VAT_CERTIFICATE',
] as const;

export type DocumentType = (typeof DOCUMENT_TYPES)[number];

const PDF = ['application/pdf'];
const IMAGES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/tiff', 'image/heic'];
const VIDEOS = ['video/mp4', 'video/quicktime', 'video/webm'];
const AUDIO = ['audio/mpeg', 'audio/wav', 'audio/ogg'];
const DATA = ['application/xml', 'application/json', 'text/plain', 'application/zip'];
const PAPER = [...PDF, ...IMAGES];
const ANYTHING = [...PAPER, ...VIDEOS, ...AUDIO, ...DATA];

/**
 * What the bytes of each document type may be, as sniffed from the file itself (never the client's
 * word). A report is a PDF, a signature or picture an image (or a scan as PDF), a video a video; OTHER
 * takes any recognised format. Everything else is paper: a PDF or a scan.
 */
export const ACCEPTED_CONTENT: Readonly<Record<DocumentType, readonly string[]>> = Object.freeze({
  ANNUAL_FINANCIAL_STATEMENT: PAPER,
  KYC_REPORT: PDF,
  ID_DOCUMENT: PAPER,
  SIGNATURE: IMAGES,
  PICTURE: PAPER,
  QES_DOCUMENT: PAPER,
  SIGNED_CONTRACT: PAPER,
  SIGNED_QES_DOCUMENT: PAPER,
  REGISTER_CHECK: PAPER,
  REGISTER_EXTRACT: PAPER,
  FOUNDATION_DOCUMENT: PAPER,
  SCHUFA_COMPACT_REPORT: PAPER,
  SCHUFA_GWG_REPORT: PAPER,
  SCHUFA_FULL_REPORT: PAPER,
  SCHUFA_SHORT_REPORT: PAPER,
  CREDIT_AGENCY_REPORT: PAPER,
  SHARE_HOLDERS_AGREEMENT: PAPER,
  SHAREHOLDERS_LIST: PAPER,
  TRADING_LICENSE: PAPER,
  TRANSPARENCY_REGISTER_EXTRACT: PAPER,
  INVOICE: PAPER,
  OTHER: ANYTHING,
  VIDEO: VIDEOS,
  VAT_CERTIFICATE: PAPER,
});

export function isDocumentType(value: unknown): value is DocumentType {
  return typeof value === 'string' && (DOCUMENT_TYPES as readonly string[]).includes(value);
}
