import { type FieldIssue, hasTestPrefix, InvalidModelError, pastDate } from '#kyc/common';
import { MANDATORY_ADDRESS_FIELDS, MANDATORY_FIELDS, SELF_EMPLOYED_STATUSES } from './person-enums.js';

type Body = Record<string, unknown>;
const present = (v: unknown) => v !== undefined && v !== null && v !== '';

/**
 * The seed's mandatory data points. In sandbox mode a test person (X-MANUALTEST-/X-AUTOTEST- name) may
 * omit all but one name, exactly as the seed's happy-path tutorial does.
 */
export function missingMandatoryFields(body: Body, sandbox: boolean): FieldIssue[] {
  if (sandbox && hasTestPrefix(body.first_name as string, body.last_name as string)) return [];
  const issues: FieldIssue[] = [];
  for (const field of MANDATORY_FIELDS) {
    if (field === 'address') continue;
    if (!present(body[field])) issues.push({ field, message: 'is required' });
  }
  const address = body.address;
  if (!present(address)) {
    issues.push({ field: 'address', message: 'is required' });
  } else if (typeof address === 'object') {
    for (const f of MANDATORY_ADDRESS_FIELDS) {
      if (!present((address as Body)[f])) issues.push({ field: `address.${f}`, message: 'is required' });
    }
  }
  return issues;
}

export function birthDateIssues(body: Body, today: string): FieldIssue[] {
  if (!present(body.birth_date)) return [];
  const message = pastDate(today)(body.birth_date);
  return message ? [{ field: 'birth_date', message }] : [];
}

/** Solaris B2C rule: FREELANCER/SELF_EMPLOYED needs nace_code, or industry and industry_key nulled, in the same request. */
export function selfEmployedIssues(body: Body): FieldIssue[] {
  if (!SELF_EMPLOYED_STATUSES.includes(body.employment_status as string)) return [];
  if (present(body.nace_code)) return [];
  if (body.industry === null && body.industry_key === null) return [];
  return [
    {
      field: 'nace_code',
      message: `is required when employment_status is ${String(body.employment_status)}, unless industry and industry_key are set to null in the same request`,
    },
  ];
}

/** aml_confirmed_on may only be set to today's or tomorrow's date (UTC). */
export function amlConfirmedOnIssues(body: Body, today: string): FieldIssue[] {
  const v = body.aml_confirmed_on;
  if (v === undefined || v === null) return [];
  const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return v === today || v === tomorrow
    ? []
    : [{ field: 'aml_confirmed_on', message: 'must be today or tomorrow' }];
}

/**
 * Branch residency (seed, "Note about branching"): the error text follows the seed's example,
 * `allowed residency country values for branch "null" are ["DE", "FR"]`.
 */
export function checkResidency(
  branch: string | null,
  country: string | null,
  branches: Map<string, string[]>,
): void {
  if (!country) return;
  const key = branch ?? 'null';
  const allowed = branches.get(key);
  if (!allowed) {
    throw new InvalidModelError(
      'branch',
      `is not a known branch; known branches are [${[...branches.keys()].map((b) => `"${b}"`).join(', ')}]`,
    );
  }
  if (allowed.includes(country)) return;
  throw new InvalidModelError(
    'country',
    `Residency Country is not allowed for this branch,allowed residency country values for branch "${key}" are [${allowed
      .map((c) => `"${c}"`)
      .join(', ')}]`,
  );
}

/**
 * aml_follow_up_date: the confirmation date plus the configured KYC refresh period. A day that the
 * target month lacks (31 August + 6 months) becomes that month's last day, never a day of the next month.
 */
export function amlFollowUpDate(confirmedOn: string, months: number): string {
  const d = new Date(`${confirmedOn}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return d.toISOString().slice(0, 10);
}

/** PATCH may not clear what video identification needs (salutation, the address and its mandatory parts). */
export function clearedMandatoryIssues(body: Body): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (body.salutation === null)
    issues.push({ field: 'salutation', message: 'is mandatory and cannot be cleared' });
  if (body.address === null) issues.push({ field: 'address', message: 'is mandatory and cannot be cleared' });
  else if (body.address && typeof body.address === 'object') {
    for (const f of MANDATORY_ADDRESS_FIELDS) {
      const v = (body.address as Body)[f];
      if (v === null || v === '')
        issues.push({ field: `address.${f}`, message: 'is mandatory and cannot be cleared' });
    }
  }
  return issues;
}
