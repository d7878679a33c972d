import type { IdnowField } from '../../results/idnow-fields.js';
import { parseIdnowResult, type IdnowResultCode } from '../../results/idnow-result.js';

/** What a sandbox evidence zip is built from: the published result and the identification's times. */
export interface EvidenceInput {
  companyId: string;
  /** The current result JSON exactly as the API publishes it, so the evidence says what the result says. */
  resultJson: Record<string, unknown>;
  createdAt: Date;
  /** When the video call began. */
  startedAt: Date;
}

export interface CheckedField {
  path: string;
  label: string;
  value: string | null;
  status: string;
  original: string | null;
}

/** The facts every evidence file shows, read once from the result JSON. */
export interface EvidenceFacts {
  transactionNumber: string;
  identId: string;
  companyId: string;
  result: IdnowResultCode;
  reason: string | null;
  agentName: string;
  type: string;
  createdAt: Date;
  startedAt: Date;
  identifiedAt: Date;
  fields: CheckedField[];
  document: CheckedField[];
  /** The attachment key (pdf, idfrontside, …) to its file name. */
  attachments: Record<string, string>;
}

const LABELS: Record<string, string> = {
  title: 'Title',
  firstname: 'First name',
  lastname: 'Last name',
  birthname: 'Birth name',
  birthday: 'Date of birth',
  birthplace: 'Place of birth',
  nationality: 'Nationality',
  gender: 'Gender',
  'address.street': 'Street',
  'address.streetnumber': 'House number',
  'address.zipcode': 'Postal code',
  'address.city': 'City',
  'address.country': 'Country',
  type: 'Type',
  country: 'Issuing country',
  number: 'Document number',
  validuntil: 'Valid until',
  issuedby: 'Issued by',
  dateissued: 'Date of issue',
};
const ORDER = Object.keys(LABELS);
const rank = (path: string) => (ORDER.includes(path) ? ORDER.indexOf(path) : ORDER.length);

function checked(map: Record<string, IdnowField>): CheckedField[] {
  return Object.entries(map)
    .map(([path, f]) => ({ path, label: LABELS[path] ?? path, ...f }))
    .sort((a, b) => rank(a.path) - rank(b.path) || a.path.localeCompare(b.path));
}

export function evidenceFacts(input: EvidenceInput): EvidenceFacts {
  const r = parseIdnowResult(input.resultJson);
  return {
    transactionNumber: r.transactionNumber,
    identId: r.reference ?? '',
    companyId: input.companyId,
    result: r.result,
    reason: r.reason,
    agentName: r.agentName ?? '',
    type: r.type ?? '',
    createdAt: input.createdAt,
    startedAt: input.startedAt,
    identifiedAt: r.identifiedAt ?? input.startedAt,
    fields: checked(r.userData),
    document: checked(r.document),
    attachments: r.attachments,
  };
}

/** The value of a person or document field by its path, '' when absent. */
export function valueOf(fields: CheckedField[], path: string): string {
  return fields.find((f) => f.path === path)?.value ?? '';
}

/** ISO UTC without milliseconds, as IDnow writes times. */
export const isoUtc = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
