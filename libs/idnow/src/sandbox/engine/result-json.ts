import { createHash } from 'node:crypto';
import type { IdnowResultCode } from '../../results/idnow-result.js';
import type { ResultData } from '../scenarios.js';
import type { SandboxStartData } from './start-data.js';

/** What a published result is built from: the identification as started and the attempt's outcome. */
export interface ResultInput {
  companyId: string;
  transactionNumber: string;
  identId: string;
  startData: SandboxStartData;
  /** The number the customer entered in the web flow, already international. */
  mobileNumber: string | null;
  identificationTime: Date;
  result: IdnowResultCode;
  reason?: string;
  data: ResultData;
}

type Field = { value: string; status: 'MATCH' | 'NEW' | 'CHANGE'; original?: string };
type OriginalField = { status: 'ORIGINAL'; original: string };

const PERSON_FIELDS = [
  'firstname',
  'lastname',
  'birthname',
  'title',
  'birthday',
  'birthplace',
  'nationality',
  'gender',
] as const;
const ADDRESS_FIELDS = ['street', 'streetnumber', 'city', 'zipcode', 'country'] as const;
type DataField = (typeof PERSON_FIELDS)[number] | (typeof ADDRESS_FIELDS)[number];

/** What the agent reads off the ID card when the partner did not send a field (status NEW). */
const READ_FROM_ID: Partial<Record<DataField, string>> = {
  firstname: 'JANE',
  lastname: 'DOE',
  birthday: '1990-01-01',
  birthplace: 'BERLIN',
  nationality: 'DE',
  gender: 'FEMALE',
  street: 'AMRUMERSTRASSE',
  streetnumber: '14',
  city: 'BERLIN',
  zipcode: '13353',
  country: 'DE',
};

/**
 * CHANGEALL's corrections: real UTF-8 letters that still pass as person names (letters, spaces, hyphens,
 * apostrophes). The second value is used when the first equals what was sent.
 */
export const CHANGED_VALUES: Record<DataField, readonly [string, string]> = {
  firstname: ['ÉLOÏSE-ÅSA', 'ZOË-BJØRG'],
  lastname: ['MÜLLER-ŁUKASIŃSKA ØRSTED', "D'ANNUNZIO-ŠČERBA"],
  birthname: ["O'BRIEN-ŒLSCHLÄGER", 'GROẞMANN-ÇELIK'],
  title: ['DR.', 'PROF.'],
  birthday: ['1987-03-14', '1986-10-02'],
  birthplace: ['SAINT-ÉTIENNE', 'MÜNSTER'],
  nationality: ['AT', 'FR'],
  gender: ['MALE', 'FEMALE'],
  street: ['KÄRNTNER STRAßE', 'GRÜNER WEG'],
  streetnumber: ['12A', '7B'],
  city: ['WIEN', 'MÜNCHEN'],
  zipcode: ['1010', '80331'],
  country: ['AT', 'DE'],
};

const upper = (v: string) => v.trim().toLocaleUpperCase('de-DE');
/** ISO time without milliseconds, as IDnow writes it. */
export const idnowTime = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

function field(name: DataField, sent: string | undefined, data: ResultData): Field | undefined {
  const original = sent === undefined || sent.trim() === '' ? undefined : upper(sent);
  if (original === undefined) {
    const read = READ_FROM_ID[name];
    return read === undefined ? undefined : { value: read, status: 'NEW' };
  }
  if (data === 'sent') return { value: original, status: 'MATCH' };
  const [first, second] = CHANGED_VALUES[name];
  return { value: first === original ? second : first, status: 'CHANGE', original };
}

function userdata(input: ResultInput) {
  const sent = input.startData;
  const aborted = input.result === 'ABORTED' || input.result === 'CANCELED';
  const one = (name: DataField): Field | OriginalField | undefined => {
    if (!aborted) return field(name, sent[name], input.data);
    const value = sent[name]?.trim();
    return value ? { status: 'ORIGINAL', original: upper(value) } : undefined;
  };
  const pick = (names: readonly DataField[]) =>
    Object.fromEntries(names.flatMap((n) => (one(n) ? [[n, one(n)]] : [])));
  return { ...pick(PERSON_FIELDS), address: pick(ADDRESS_FIELDS) };
}

function identificationDocument(input: ResultInput) {
  const year = input.identificationTime.getUTCFullYear();
  const digits = BigInt(`0x${createHash('sha256').update(input.identId).digest('hex').slice(0, 12)}`);
  const number = `T${String(digits % 100000000n).padStart(8, '0')}`;
  const entry = (value: string) => ({ value, status: 'NEW' as const });
  return {
    type: entry('IDCARD'),
    country: entry('DE'),
    validuntil: entry(`${year + 6}-08-31`),
    number: entry(number),
    issuedby: entry('STADT BERLIN'),
    dateissued: entry(`${year - 4}-09-01`),
  };
}

function attachments(txn: string) {
  return {
    pdf: `${txn}.pdf`,
    audiolog: `${txn}_audiolog.mp3`,
    xml: `${txn}.xml`,
    idfrontside: `${txn}_idfrontside.jpg`,
    idbackside: `${txn}_idbackside.jpg`,
    userface: `${txn}_userface.jpg`,
  };
}

/** One identification exactly as IDnow publishes it (result, callback body and list element alike). */
export function buildResultJson(input: ResultInput): Record<string, unknown> {
  const txn = input.transactionNumber;
  const aborted = input.result === 'ABORTED' || input.result === 'CANCELED';
  const process = {
    result: input.result,
    companyid: input.companyId,
    agentname: 'TESTAGENT',
    identificationtime: idnowTime(input.identificationTime),
    id: input.identId,
    type: 'WEB',
    transactionnumber: txn,
    ...(aborted
      ? { reason: input.reason ?? 'OTHER_MISCELLANEOUS_TEMPORARY' }
      : { filename: `${txn}.zip`, href: `/api/v1/${input.companyId}/identifications/${txn}.zip` }),
  };
  const sent = input.startData;
  const customdata = Object.fromEntries(
    (['custom1', 'custom2', 'custom3', 'custom4', 'custom5'] as const).flatMap((k) =>
      sent[k] !== undefined ? [[k, sent[k]]] : [],
    ),
  );
  const mobilephone = input.mobileNumber ?? sent.mobilephone;
  const contactdata = {
    ...(sent.email !== undefined ? { email: sent.email } : {}),
    ...(mobilephone !== undefined ? { mobilephone } : {}),
  };
  const json: Record<string, unknown> = {
    identificationprocess: process,
    customdata,
    contactdata,
    userdata: userdata(input),
  };
  if (!aborted) {
    json.identificationdocument = identificationDocument(input);
    json.attachments = attachments(txn);
  }
  return json;
}
