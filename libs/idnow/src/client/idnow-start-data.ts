import { IdnowRequestError } from '../errors/idnow-errors.js';

/** The documented flat fields of a start request; all optional, null and undefined are left out. */
export interface IdnowStartData {
  /** YYYY-MM-DD */
  birthday?: string | null;
  birthplace?: string | null;
  birthname?: string | null;
  city?: string | null;
  /** ISO 3166-1 alpha-2 */
  country?: string | null;
  custom1?: string | null;
  custom2?: string | null;
  custom3?: string | null;
  custom4?: string | null;
  custom5?: string | null;
  trackingid?: string | null;
  email?: string | null;
  firstname?: string | null;
  gender?: 'MALE' | 'FEMALE' | null;
  lastname?: string | null;
  mobilephone?: string | null;
  nationality?: string | null;
  street?: string | null;
  streetnumber?: string | null;
  title?: string | null;
  zipcode?: string | null;
  preferredLang?: string | null;
}

/** The documented flat fields of a start request, in IDnow's order; the sandbox accepts exactly these. */
export const START_FIELDS = [
  'birthday',
  'birthplace',
  'birthname',
  'city',
  'country',
  'custom1',
  'custom2',
  'custom3',
  'custom4',
  'custom5',
  'trackingid',
  'email',
  'firstname',
  'gender',
  'lastname',
  'mobilephone',
  'nationality',
  'street',
  'streetnumber',
  'title',
  'zipcode',
  'preferredLang',
] as const satisfies readonly (keyof IdnowStartData)[];

/** The JSON body of a start request; only known keys are copied, as IDnow rejects UNRECOGNIZED_FIELD. */
export function startBody(data: IdnowStartData): Record<string, string> {
  const body: Record<string, string> = {};
  for (const field of START_FIELDS) {
    const value = data[field];
    if (value !== undefined && value !== null) body[field] = value;
  }
  return body;
}

const TRANSACTION_NUMBER = /^[a-zA-Z0-9_-]+$/;

/** IDnow's transaction number alphabet; checking it also keeps the value from changing the URL path. */
export function assertTransactionNumber(transactionNumber: string): void {
  if (typeof transactionNumber !== 'string' || !TRANSACTION_NUMBER.test(transactionNumber)) {
    throw new IdnowRequestError('transactionNumber', 'must match [a-zA-Z0-9_-]+');
  }
}
