import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { http, PartnerFactory, PersonFactory, StaffFactory, type TestStaffRole } from '#kyc/testing';
import type { TestApp } from '../test-app.js';
import type { FuzzContext } from './runner.js';

const ROLES: TestStaffRole[] = ['admin', 'compliance_officer', 'support_agent'];
const AS = 'x-fuzz-as';

/**
 * Live staff sessions by role. Generated requests name a role (or none); the session is looked up when the
 * request is sent, and replaced after a 401, since the fuzzer may sign it out, reset its MFA or disable it.
 */
export class StaffSessions {
  private readonly headers = new Map<string, Record<string, string>>();
  private readonly renewing = new Map<string, Promise<void>>();

  constructor(private readonly t: TestApp) {}

  async start(): Promise<void> {
    for (const role of ROLES) this.headers.set(role, (await StaffFactory.session(this.t, role)).headers);
  }

  headersOf = (generated: Record<string, string>): Record<string, string> => {
    const { [AS]: role, ...rest } = generated;
    return role ? { ...this.headers.get(role), ...rest } : rest;
  };

  /** After a 401 with a role's current session, signs that role in again (once, however many requests saw it). */
  async renewAfter(
    generated: Record<string, string>,
    status: number,
    sent: Record<string, string>,
  ): Promise<void> {
    const role = generated[AS] as TestStaffRole | undefined;
    if (status !== 401 || !role || generated.cookie) return;
    await this.renewing.get(role);
    if (this.headers.get(role)?.cookie !== sent.cookie) return;
    const renewal = StaffFactory.session(this.t, role)
      .then((s) => void this.headers.set(role, s.headers))
      .catch(() => undefined);
    this.renewing.set(role, renewal);
    await renewal;
  }
}

/** Admin data to point ids at: a person, an identification, an open review case, a document, staff, clients. */
export async function adminContext(t: TestApp): Promise<FuzzContext> {
  const ds = t.app.get(DataSource);
  const partner = await PartnerFactory.create(t);
  const person = await PersonFactory.create(t, partner);
  const idt = await http(t.url, 'POST', `/v1/persons/${person.id}/identifications`, {
    token: partner.token,
    body: { method: 'idnow' },
  });
  const caseId = `${randomUUID().replace(/-/g, '')}cidt`;
  await ds.query(
    `INSERT INTO identifications (id, partner_id, person_id, method, status, provider_result, url, url_expires_at,
                                  case_opened_at, case_due_at)
     VALUES ($1, $2, $3, 'idnow', 'pending_successful', 'REVIEW_PENDING', 'https://go.example/x',
             now() + interval '10 days', now(), now() + interval '24 hours')`,
    [caseId, partner.partnerId, person.id],
  );
  const form = new FormData();
  form.append('document_type', 'KYC_REPORT');
  form.append('file', new Blob([Buffer.from('%PDF-1.4\n%%EOF\n')]), 'report.pdf');
  const doc = await fetch(`${t.url}/v1/persons/${person.id}/documents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${partner.token}` },
    body: form,
  });
  const staff = await StaffFactory.create(t, 'support_agent');
  const docId = ((await doc.json()) as { id: string }).id;
  const ids = [person.id, String(idt.body.id), caseId, docId, staff.id, partner.clientId, '1', randomUUID()];
  return {
    bodyLimit: t.env.BODY_LIMIT_BYTES,
    ids: {
      id: ids,
      personId: [person.id, randomUUID()],
      code: ['TECH_LIGHTING', 'NOPE'],
      name: ['expire_links', 'drift_report', 'nope'],
    },
    examples: {
      'POST /admin/auth/login': [{ email: staff.email, password: 'wrong-password-2026' }],
      'POST /admin/users': [
        {
          email: 'fuzz@bank.example',
          display_name: 'Fuzz',
          role: 'support_agent',
          password: 'Fresh-password-2026',
        },
      ],
      'PUT /admin/users/:id': [{ display_name: 'Renamed' }],
      'POST /admin/partner-clients': [{ partner_name: 'Fuzz Bank' }],
      'POST /admin/review-cases/:id/decisions': [
        {
          action: 'approve',
          version: 1,
          reason_code: 'EVIDENCE_VERIFIED',
          justification: 'Checked the evidence.',
        },
      ],
      'POST /admin/review-cases/:id/notes': [{ body: 'A note.' }],
      'POST /admin/persons/:id/legal-hold': [{ reason: 'litigation' }],
      'POST /admin/support/customers/:personId/unmask': [{ reason: 'customer called' }],
      'POST /admin/demo-data': [{ persons: 1 }],
      'POST /admin/webhook-deliveries/redeliver-failed': [
        { from: '2020-01-01T00:00:00Z', to: '2099-01-01T00:00:00Z' },
      ],
    },
    // Staff sign-in, user creation, password resets and client rotation each hash with argon2; a logout
    // costs a new sign-in; the audit export reads the whole (growing) trail.
    weights: Object.fromEntries(
      [
        'POST /admin/auth/login',
        'POST /admin/users',
        'POST /admin/users/:id/reset-password',
        'POST /admin/auth/logout',
      ]
        .concat(
          'POST /admin/partner-clients',
          'POST /admin/partner-clients/:id/rotate',
          'GET /admin/audit-events/export.csv',
        )
        .map((r) => [r, 1]),
    ),
    auth: fc.oneof(
      { weight: 6, arbitrary: fc.constant({ [AS]: 'admin' }) },
      { weight: 2, arbitrary: fc.constantFrom(...ROLES.slice(1).map((r) => ({ [AS]: r }))) },
      {
        weight: 1,
        arbitrary: fc.constantFrom<Record<string, string>>(
          {},
          { cookie: 'kyc_session=forged' },
          { cookie: `kyc_session=${'x'.repeat(5000)}`, 'x-csrf-token': 'nope' },
          { [AS]: 'admin', 'x-csrf-token': 'wrong' },
        ),
      },
    ),
  };
}
