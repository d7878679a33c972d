import { IdnowPayloadError } from '../errors/idnow-errors.js';
import { asText, isRecord } from '../util/json-guards.js';
import { flattenFields, type IdnowFieldMap } from './idnow-fields.js';

export const IDNOW_RESULTS = [
  'SUCCESS',
  'SUCCESS_DATA_CHANGED',
  'REVIEW_PENDING',
  'FRAUD_SUSPICION_PENDING',
  'FRAUD_SUSPICION_CONFIRMED',
  'ABORTED',
  'CANCELED',
] as const;
export type IdnowResultCode = (typeof IDNOW_RESULTS)[number];

/** Spellings IDnow's own documentation and examples use besides the canonical ones. */
const RESULT_ALIASES: Record<string, IdnowResultCode> = {
  SUCCESS_DATA_CHANGE: 'SUCCESS_DATA_CHANGED',
  CANCELLED: 'CANCELED',
};

export type IdnowCustomData = Record<
  'custom1' | 'custom2' | 'custom3' | 'custom4' | 'custom5',
  string | null
>;

/** One identification (result, callback body or list element), normalised; `raw` is the input as received. */
export interface IdnowResult {
  transactionNumber: string;
  /** IDnow's ident id, e.g. KDS-Q7RT2. */
  reference: string | null;
  result: IdnowResultCode;
  /** Failure code of ABORTED and CANCELED (e.g. TECH_LIGHTING). */
  reason: string | null;
  identifiedAt: Date | null;
  agentName: string | null;
  /** e.g. WEB, APP */
  type: string | null;
  customData: IdnowCustomData;
  contact: { email: string | null; mobilephone: string | null };
  userData: IdnowFieldMap;
  document: IdnowFieldMap;
  /** Attachment name (pdf, idfrontside, ...) to file name inside the evidence zip. */
  attachments: Record<string, string>;
  raw: unknown;
}

function normaliseResult(value: unknown): IdnowResultCode | null {
  const code = asText(value)?.trim().toUpperCase() ?? '';
  const known = (IDNOW_RESULTS as readonly string[]).includes(code) ? (code as IdnowResultCode) : null;
  return known ?? RESULT_ALIASES[code] ?? null;
}

function parseTime(value: unknown): Date | null {
  const text = asText(value);
  const date = text ? new Date(text) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

function textMap(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  const entries = Object.entries(value).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v] as const] : []));
  return Object.fromEntries(entries);
}

/** Lenient about extra, missing or oddly spelled fields; strict only about what identifies the result. */
export function parseIdnowResult(json: unknown): IdnowResult {
  if (!isRecord(json)) throw new IdnowPayloadError('$', 'is not an object');
  const ident = json.identificationprocess;
  if (!isRecord(ident)) throw new IdnowPayloadError('identificationprocess', 'is missing');
  const transactionNumber = asText(ident.transactionnumber);
  if (!transactionNumber)
    throw new IdnowPayloadError('identificationprocess.transactionnumber', 'is missing');
  if (ident.result === undefined || ident.result === null) {
    throw new IdnowPayloadError('identificationprocess.result', 'is missing');
  }
  const result = normaliseResult(ident.result);
  if (!result) throw new IdnowPayloadError('identificationprocess.result', 'is not a known result');

  const custom = isRecord(json.customdata) ? json.customdata : {};
  const contact = isRecord(json.contactdata) ? json.contactdata : {};
  return {
    transactionNumber,
    reference: asText(ident.id),
    result,
    reason: asText(ident.reason),
    identifiedAt: parseTime(ident.identificationtime),
    agentName: asText(ident.agentname),
    type: asText(ident.type),
    customData: {
      custom1: asText(custom.custom1),
      custom2: asText(custom.custom2),
      custom3: asText(custom.custom3),
      custom4: asText(custom.custom4),
      custom5: asText(custom.custom5),
    },
    contact: { email: asText(contact.email), mobilephone: asText(contact.mobilephone) },
    userData: flattenFields(json.userdata),
    document: flattenFields(json.identificationdocument),
    attachments: textMap(json.attachments),
    raw: json,
  };
}
