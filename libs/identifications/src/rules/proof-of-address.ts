import { type FieldIssue, parseIsoDate } from '#kyc/common';

/**
 * Values for `proof_of_address_type`. The seed shows only GAS_BILL; the rest are the documents German banks
 * commonly accept as proof of address for a customer whose identity document prints none.
 */
export const PROOF_OF_ADDRESS_TYPES = [
  'GAS_BILL',
  'ELECTRICITY_BILL',
  'WATER_BILL',
  'PHONE_BILL',
  'INTERNET_BILL',
  'OTHER_UTILITY_BILL',
  'BANK_STATEMENT',
  'TAX_ASSESSMENT', // Steuerbescheid
  'RESIDENCE_CERTIFICATE', // Meldebescheinigung
  'RENTAL_AGREEMENT',
] as const;

export type ProofOfAddressType = (typeof PROOF_OF_ADDRESS_TYPES)[number];

/** Seed: proof_of_address_issued_at "must NOT be older than 6 months". */
export const PROOF_OF_ADDRESS_MAX_AGE_MONTHS = 6;

const present = (v: unknown) => v !== undefined && v !== null && v !== '';

/**
 * The oldest issue date still accepted: the same day six calendar months back, so on exactly that day a
 * document is valid. A day the earlier month lacks becomes its last day (31 August -> 29 February).
 */
export function oldestProofOfAddressDate(today: string): string {
  const d = parseIsoDate(today);
  if (!d) throw new Error(`today must be a YYYY-MM-DD date, got ${today}`);
  const month = d.getUTCMonth() - PROOF_OF_ADDRESS_MAX_AGE_MONTHS;
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(d.getUTCFullYear(), month, Math.min(d.getUTCDate(), lastDay)))
    .toISOString()
    .slice(0, 10);
}

/** The two fields come together or not at all (seed: both mandatory when the ID document prints no address). */
export function proofOfAddressIssues(type: unknown, issuedAt: unknown, today: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (present(type) && !present(issuedAt)) {
    issues.push({
      field: 'proof_of_address_issued_at',
      message: 'is required when proof_of_address_type is set',
    });
  }
  if (present(issuedAt) && !present(type)) {
    issues.push({
      field: 'proof_of_address_type',
      message: 'is required when proof_of_address_issued_at is set',
    });
  }
  if (present(type) && !PROOF_OF_ADDRESS_TYPES.includes(type as ProofOfAddressType)) {
    issues.push({
      field: 'proof_of_address_type',
      message: `must be one of ${PROOF_OF_ADDRESS_TYPES.join(', ')}`,
    });
  }
  if (present(issuedAt)) {
    const message = issuedAtIssue(issuedAt, today);
    if (message) issues.push({ field: 'proof_of_address_issued_at', message });
  }
  return issues;
}

function issuedAtIssue(issuedAt: unknown, today: string): string | null {
  if (!parseIsoDate(issuedAt)) return 'must be a valid date in the format YYYY-MM-DD';
  const date = issuedAt as string;
  if (date > today) return 'must not be in the future';
  if (date < oldestProofOfAddressDate(today)) {
    return `must not be older than ${PROOF_OF_ADDRESS_MAX_AGE_MONTHS} months`;
  }
  return null;
}
