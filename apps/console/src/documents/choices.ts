/** The 24 Solaris document types, shown as the codes partners send (they are not translated). */
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

export const DOCUMENT_TYPE_CHOICES = DOCUMENT_TYPES.map((id) => ({ id, name: id }));

export const SOURCE_CHOICES = ['partner', 'provider'].map((id) => ({
  id,
  name: `resources.documents.choices.source.${id}`,
}));

/** What the viewer shows in the page; anything else is offered as a download. */
export function viewerKind(contentType: string): 'pdf' | 'image' | 'download' {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/pdf') return 'pdf';
  // Types every browser draws in an <img>; TIFF and HEIC mostly not, so those are downloads.
  if (['image/png', 'image/jpeg', 'image/gif', 'image/webp'].includes(type)) return 'image';
  return 'download';
}
