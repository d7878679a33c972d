import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { registeredRoutes } from '#kyc/common';
import { can, STAFF_ROLES } from '#kyc/staff';
import { authenticatorCode, http, PartnerFactory, PersonFactory, StaffFactory } from '#kyc/testing';
import { type AdminRoute, adminRoutes } from '../support/admin-routes.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Generated from the route table: every /admin route, against every role and against no session.
 * Allowed → 2xx, denied → 403, no session → 401. A new admin route needs an action in the permission
 * matrix and a sample request below, or this test fails.
 */
describe('admin access matrix', () => {
  let t: TestApp;
  const ds = () => t.app.get(DataSource);

  /** A failed delivery on a live subscription, so each allowed redelivery has something to do. */
  async function failedDelivery(): Promise<string> {
    const partner = await PartnerFactory.create(t);
    const subId = `sub-${Math.random().toString(36).slice(2, 10)}`;
    await ds().query(
      `INSERT INTO webhook_subscriptions (id, partner_id, event_type, url, secret_encrypted)
       VALUES ($1, $2, 'PERSON_CHANGED', 'http://127.0.0.1:9/hook', 'x')`,
      [subId, partner.partnerId],
    );
    const [ev] = await ds().query<{ id: string }[]>(
      `INSERT INTO domain_events (partner_id, event_type, entity_id, payload, fanned_out_at)
       VALUES ($1, 'PERSON_CHANGED', 'person-1', '{}', now()) RETURNING id`,
      [partner.partnerId],
    );
    const [d] = await ds().query<{ id: string }[]>(
      `INSERT INTO webhook_deliveries (subscription_id, domain_event_id, entity_id, status, attempts, next_attempt_at)
       VALUES ($1, $2, 'person-1', 'failed', 3, now()) RETURNING id`,
      [subId, ev.id],
    );
    return d.id;
  }

  /** An open failure-rate alert (each call its own hour, so every allowed role acknowledges its own). */
  async function anAlert(): Promise<string> {
    const [row] = await ds().query<{ id: string }[]>(
      `INSERT INTO analytics_alerts (reason, hour, observed, baseline, factor, min_volume, raised_at)
       VALUES ('TECH_LIGHTING', date_trunc('hour', now()) - (random() * 100000)::int * interval '1 hour', 40, 2, 3, 10, now())
       RETURNING id`,
    );
    return String(row.id);
  }

  /** A partner's uploaded PDF, for the document routes. */
  async function aDocument(): Promise<string> {
    const partner = await PartnerFactory.create(t);
    const person = await PersonFactory.create(t, partner);
    const form = new FormData();
    form.append('document_type', 'KYC_REPORT');
    form.append('file', new Blob([Buffer.from('%PDF-1.4\n%%EOF\n')]), 'report.pdf');
    const res = await fetch(`${t.url}/v1/persons/${person.id}/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${partner.token}` },
      body: form,
    });
    return ((await res.json()) as { id: string }).id;
  }

  /** An open review case (or an identification in `status`), written directly: the routes are the subject. */
  async function openCase(status = 'pending_successful', reason: string | null = null): Promise<string> {
    const partner = await PartnerFactory.create(t);
    const person = await PersonFactory.create(t, partner);
    const id = `${randomUUID().replace(/-/g, '')}cidt`;
    const open = status.startsWith('pending_');
    await ds().query(
      `INSERT INTO identifications (id, partner_id, person_id, method, status, provider_result, failure_reason, url,
                                    url_expires_at, case_opened_at, case_due_at)
       VALUES ($1, $2, $3, 'idnow', $4, 'REVIEW_PENDING', $5, 'https://go.example/x', now() + interval '10 days',
               CASE WHEN $6 THEN now() END, CASE WHEN $6 THEN now() + interval '24 hours' END)`,
      [id, partner.partnerId, person.id, status, reason, open],
    );
    return id;
  }

  /** A proposal by another officer, so that the caller may confirm or decline it. */
  async function proposal(): Promise<string> {
    const id = await openCase('pending_failed');
    const proposer = await StaffFactory.create(t, 'compliance_officer');
    const [row] = await ds().query<{ id: string }[]>(
      `INSERT INTO review_proposals (identification_id, action, reason_code, justification, identification_version,
                                     proposed_by, proposed_at)
       VALUES ($1, 'approve', 'EVIDENCE_VERIFIED', 'Checked the evidence in full.', 1, $2, now()) RETURNING id`,
      [id, proposer.id],
    );
    return String(row.id);
  }

  const DECISION = { reason_code: 'EVIDENCE_VERIFIED', justification: 'Checked the evidence in full.' };

  /** How to call each route for real: the path with its parameters filled in, and a valid body. */
  type Sample = { path: string; body?: unknown };
  const SAMPLES: Record<string, (headers: Record<string, string>) => Sample | Promise<Sample>> = {
    'GET /admin/auth/me': () => ({ path: '/admin/auth/me' }),
    'POST /admin/auth/logout': () => ({ path: '/admin/auth/logout' }),
    'POST /admin/auth/mfa/setup': () => ({ path: '/admin/auth/mfa/setup' }),
    'POST /admin/auth/mfa/confirm': async (headers) => {
      const setup = await http(t.url, 'POST', '/admin/auth/mfa/setup', { headers });
      const otp = setup.status === 200 ? authenticatorCode(setup.body.secret, new Date()) : '000000';
      return { path: '/admin/auth/mfa/confirm', body: { otp } };
    },
    'GET /admin/users': () => ({ path: '/admin/users' }),
    'GET /admin/users/:id': async () => ({
      path: `/admin/users/${(await StaffFactory.create(t, 'support_agent')).id}`,
    }),
    'POST /admin/users': () => ({
      path: '/admin/users',
      body: {
        email: `new-${randomUUID()}@bank.example`,
        display_name: 'New Agent',
        role: 'support_agent',
        password: 'Fresh-password-2026',
      },
    }),
    'PUT /admin/users/:id': async () => ({
      path: `/admin/users/${(await StaffFactory.create(t, 'support_agent')).id}`,
      body: { display_name: 'Renamed' },
    }),
    'POST /admin/users/:id/reset-password': async () => ({
      path: `/admin/users/${(await StaffFactory.create(t, 'support_agent')).id}/reset-password`,
      body: { password: 'Another-password-2026' },
    }),
    'POST /admin/users/:id/reset-mfa': async () => ({
      path: `/admin/users/${(await StaffFactory.create(t, 'support_agent')).id}/reset-mfa`,
    }),
    'GET /admin/audit-events': () => ({ path: '/admin/audit-events' }),
    'GET /admin/audit-events/export.csv': () => ({ path: '/admin/audit-events/export.csv' }),
    'GET /admin/partner-clients': () => ({ path: '/admin/partner-clients' }),
    'POST /admin/partner-clients': () => ({
      path: '/admin/partner-clients',
      body: { partner_name: 'Matrix Bank' },
    }),
    'GET /admin/partner-clients/:id': async () => ({
      path: `/admin/partner-clients/${(await PartnerFactory.create(t)).clientId}`,
    }),
    'POST /admin/partner-clients/:id/rotate': async () => ({
      path: `/admin/partner-clients/${(await PartnerFactory.create(t)).clientId}/rotate`,
    }),
    'PUT /admin/partner-clients/:id': async () => ({
      path: `/admin/partner-clients/${(await PartnerFactory.create(t)).clientId}`,
      body: { status: 'disabled' },
    }),
    'GET /admin/persons': () => ({ path: '/admin/persons' }),
    'GET /admin/aml-follow-ups': () => ({ path: '/admin/aml-follow-ups' }),
    'GET /admin/persons/:id': async () => {
      const partner = await PartnerFactory.create(t);
      return { path: `/admin/persons/${(await PersonFactory.create(t, partner)).id}` };
    },
    'POST /admin/persons/:id/relationship-end': async () => {
      const person = await PersonFactory.create(t, await PartnerFactory.create(t));
      const today = new Date().toISOString().slice(0, 10);
      return {
        path: `/admin/persons/${person.id}/relationship-end`,
        body: { ended_on: today, reason: 'account_closed' },
      };
    },
    'POST /admin/persons/:id/legal-hold': async () => {
      const person = await PersonFactory.create(t, await PartnerFactory.create(t));
      return { path: `/admin/persons/${person.id}/legal-hold`, body: { reason: 'litigation' } };
    },
    'DELETE /admin/persons/:id/legal-hold': async () => {
      const person = await PersonFactory.create(t, await PartnerFactory.create(t));
      await ds().query(
        `UPDATE persons SET legal_hold = true, legal_hold_reason = 'litigation' WHERE id = $1`,
        [person.id],
      );
      return { path: `/admin/persons/${person.id}/legal-hold`, body: { reason: 'set_in_error' } };
    },
    'GET /admin/webhook-subscriptions': () => ({ path: '/admin/webhook-subscriptions' }),
    'GET /admin/webhook-subscriptions/:id': async () => {
      const [row] = await ds().query<{ subscription_id: string }[]>(
        `SELECT subscription_id FROM webhook_deliveries WHERE id = $1`,
        [await failedDelivery()],
      );
      return { path: `/admin/webhook-subscriptions/${row.subscription_id.trim()}` };
    },
    'GET /admin/identifications': () => ({ path: '/admin/identifications' }),
    'GET /admin/identifications/:id': async () => {
      const partner = await PartnerFactory.create(t);
      const person = await PersonFactory.create(t, partner);
      const res = await http(t.url, 'POST', `/v1/persons/${person.id}/identifications`, {
        token: partner.token,
        body: { method: 'idnow' },
      });
      return { path: `/admin/identifications/${res.body.id}` };
    },
    'GET /admin/review-cases': () => ({ path: '/admin/review-cases' }),
    'GET /admin/review-cases/summary': () => ({ path: '/admin/review-cases/summary' }),
    'GET /admin/review-cases/:id': async () => ({ path: `/admin/review-cases/${await openCase()}` }),
    'POST /admin/review-cases/:id/claim': async () => ({
      path: `/admin/review-cases/${await openCase()}/claim`,
    }),
    'POST /admin/review-cases/:id/release': async (headers) => {
      const id = await openCase();
      await http(t.url, 'POST', `/admin/review-cases/${id}/claim`, { headers });
      return { path: `/admin/review-cases/${id}/release` };
    },
    'POST /admin/review-cases/:id/assign': async () => ({
      path: `/admin/review-cases/${await openCase()}/assign`,
      body: { assignee_id: (await StaffFactory.create(t, 'compliance_officer')).id },
    }),
    'POST /admin/review-cases/:id/notes': async () => ({
      path: `/admin/review-cases/${await openCase()}/notes`,
      body: { body: 'A note for the file.' },
    }),
    'POST /admin/review-cases/:id/decisions': async () => ({
      path: `/admin/review-cases/${await openCase()}/decisions`,
      body: { action: 'approve', version: 1, ...DECISION },
    }),
    'POST /admin/review-cases/bulk-decisions': async () => ({
      path: '/admin/review-cases/bulk-decisions',
      body: {
        ids: [await openCase('pending_failed')],
        action: 'reject',
        ...DECISION,
        reason_code: 'DATA_MISMATCH',
      },
    }),
    'GET /admin/review-reasons': () => ({ path: '/admin/review-reasons' }),
    'GET /admin/review-officers': () => ({ path: '/admin/review-officers' }),
    'GET /admin/review-proposals': () => ({ path: '/admin/review-proposals' }),
    'POST /admin/review-proposals/:id/confirm': async () => ({
      path: `/admin/review-proposals/${await proposal()}/confirm`,
    }),
    'POST /admin/review-proposals/:id/decline': async () => ({
      path: `/admin/review-proposals/${await proposal()}/decline`,
    }),
    'GET /admin/identifications/:id/reidentification': async () => ({
      path: `/admin/identifications/${await openCase('aborted', 'TECH_LIGHTING')}/reidentification`,
    }),
    'POST /admin/identifications/:id/reidentify': async () => ({
      path: `/admin/identifications/${await openCase('aborted', 'TECH_LIGHTING')}/reidentify`,
      body: {},
    }),
    'POST /admin/reidentifications/bulk': async () => ({
      path: '/admin/reidentifications/bulk',
      body: { ids: [await openCase('canceled', 'TECH_PHOTO')] },
    }),
    'GET /admin/provider-results/:id': async () => {
      const id = await openCase();
      const [row] = await ds().query<{ id: string }[]>(
        `INSERT INTO provider_results (identification_id, provider, result, payload, payload_sha256, source)
         VALUES ($1, 'idnow', 'REVIEW_PENDING', '{}', repeat('a', 64), 'test') RETURNING id`,
        [id],
      );
      return { path: `/admin/provider-results/${row.id}` };
    },
    'GET /admin/analytics/status-trend': () => ({ path: '/admin/analytics/status-trend' }),
    'GET /admin/analytics/failures': () => ({ path: '/admin/analytics/failures' }),
    'GET /admin/analytics/funnel': () => ({ path: '/admin/analytics/funnel' }),
    'GET /admin/analytics/time-to-final': () => ({ path: '/admin/analytics/time-to-final' }),
    'GET /admin/analytics/retries': () => ({ path: '/admin/analytics/retries' }),
    'GET /admin/analytics/top-reasons': () => ({ path: '/admin/analytics/top-reasons' }),
    'GET /admin/analytics-alerts': () => ({ path: '/admin/analytics-alerts' }),
    'GET /admin/analytics-alerts/:id': async () => ({ path: `/admin/analytics-alerts/${await anAlert()}` }),
    'POST /admin/analytics-alerts/:id/acknowledge': async () => ({
      path: `/admin/analytics-alerts/${await anAlert()}/acknowledge`,
      body: { note: 'access matrix check' },
    }),
    'GET /admin/demo-data': () => ({ path: '/admin/demo-data' }),
    // The allowed call starts a one-person load in the background; closing the app waits for it.
    'POST /admin/demo-data': () => ({ path: '/admin/demo-data', body: { persons: 1 } }),
    'GET /admin/support/search': () => ({ path: '/admin/support/search?q=M%C3%BCller' }),
    'GET /admin/failure-codes': () => ({ path: '/admin/failure-codes' }),
    'GET /admin/failure-codes/:code': () => ({ path: '/admin/failure-codes/TECH_LIGHTING' }),
    'GET /admin/documents': () => ({ path: '/admin/documents' }),
    'GET /admin/documents/:id': async () => ({ path: `/admin/documents/${await aDocument()}` }),
    'GET /admin/documents/:id/file': async () => ({
      path: `/admin/documents/${await aDocument()}/file?reason=access%20matrix%20check`,
    }),
    'GET /admin/support/customers/:personId/evidence-pack': async () => ({
      path: `/admin/support/customers/${(await PersonFactory.create(t, await PartnerFactory.create(t))).id}/evidence-pack?reason=${encodeURIComponent('access matrix check')}`,
    }),
    'GET /admin/support/customers/:personId': async () => ({
      path: `/admin/support/customers/${(await PersonFactory.create(t, await PartnerFactory.create(t))).id}`,
    }),
    'GET /admin/support/customers/:personId/answer': async () => ({
      path: `/admin/support/customers/${(await PersonFactory.create(t, await PartnerFactory.create(t))).id}/answer?language=de`,
    }),
    'POST /admin/support/customers/:personId/notes': async () => ({
      path: `/admin/support/customers/${(await PersonFactory.create(t, await PartnerFactory.create(t))).id}/notes`,
      body: { body: 'access matrix check' },
    }),
    'POST /admin/support/customers/:personId/unmask': async () => ({
      path: `/admin/support/customers/${(await PersonFactory.create(t, await PartnerFactory.create(t))).id}/unmask`,
      body: { reason: 'access matrix check' },
    }),
    'POST /admin/support/identifications/:id/resend-link': async () => ({
      path: `/admin/support/identifications/${await openCase('aborted', 'TECH_LIGHTING')}/resend-link`,
    }),
    'POST /admin/support/identifications/:id/reidentification-proposal': async () => ({
      path: `/admin/support/identifications/${await openCase('aborted', 'TECH_LIGHTING')}/reidentification-proposal`,
      body: { justification: 'access matrix check' },
    }),
    'GET /admin/jobs': () => ({ path: '/admin/jobs' }),
    'GET /admin/jobs/:name': () => ({ path: '/admin/jobs/expire_links' }),
    'GET /admin/jobs/runs': () => ({ path: '/admin/jobs/runs' }),
    'GET /admin/jobs/runs/:id': async () => {
      const [row] = await ds().query<{ id: string }[]>(
        `INSERT INTO job_runs (job, slot, trigger, runner, status, started_at, heartbeat_at, finished_at)
         VALUES ('expire_links', now() - (random() * 1e9)::int * interval '1 ms', 'schedule', 'matrix', 'succeeded', now(), now(), now())
         RETURNING id`,
      );
      return { path: `/admin/jobs/runs/${row.id}` };
    },
    // The allowed call runs the expiry job in the background; closing the app waits for it.
    'POST /admin/jobs/:name/runs': () => ({ path: '/admin/jobs/expire_links/runs', body: {} }),
    'GET /admin/drift-reports': () => ({ path: '/admin/drift-reports' }),
    'GET /admin/drift-reports/:id': async () => {
      const [row] = await ds().query<{ id: string }[]>(
        `WITH run AS (
           INSERT INTO job_runs (job, slot, trigger, runner, status, started_at, heartbeat_at, finished_at)
           VALUES ('drift_report', now(), 'manual', 'matrix', 'succeeded', now(), now(), now()) RETURNING id)
         INSERT INTO drift_reports (run_id, slot, summary, findings)
         SELECT id, now(), '{"total":0}', '{}' FROM run RETURNING id`,
      );
      return { path: `/admin/drift-reports/${row.id}` };
    },
    'GET /admin/webhook-deliveries': () => ({ path: '/admin/webhook-deliveries' }),
    'GET /admin/webhook-deliveries/:id': async () => ({
      path: `/admin/webhook-deliveries/${await failedDelivery()}`,
    }),
    'POST /admin/webhook-deliveries/:id/redeliver': async () => ({
      path: `/admin/webhook-deliveries/${await failedDelivery()}/redeliver`,
    }),
    'POST /admin/webhook-deliveries/redeliver-failed': () => ({
      path: '/admin/webhook-deliveries/redeliver-failed',
      body: { from: '2020-01-01T00:00:00Z', to: '2099-01-01T00:00:00Z' },
    }),
  };

  /** Routes after which the caller's session is gone (logout) or its user has two-factor set up. */
  const ENDS_SESSION = new Set(['POST /admin/auth/logout', 'POST /admin/auth/mfa/confirm']);

  let routes: AdminRoute[];

  beforeAll(async () => {
    t = await startTestApp();
    routes = adminRoutes(t.app);
  }, 180_000);
  afterAll(() => t.close());

  it('finds every /admin route the server registered, each naming an action of the matrix and a sample', () => {
    const served = registeredRoutes(t.app.getHttpAdapter().getInstance())
      .filter((r) => r.url.startsWith('/admin/') && r.method !== 'HEAD')
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(routes.map((r) => `${r.method} ${r.path}`).sort()).toEqual(served);
    expect(routes.length).toBeGreaterThanOrEqual(8);
    for (const r of routes.filter((x) => !x.public)) {
      expect({ route: `${r.method} ${r.path}`, permission: r.permission }).toEqual({
        route: `${r.method} ${r.path}`,
        permission: expect.any(String),
      });
      expect(SAMPLES[`${r.method} ${r.path}`]).toBeDefined();
    }
  });

  it('answers 401 on every non-public admin route without a session', async () => {
    for (const r of routes.filter((x) => !x.public)) {
      const sample = await SAMPLES[`${r.method} ${r.path}`]({});
      const res = await http(t.url, r.method, sample.path, { body: sample.body });
      expect({
        route: `${r.method} ${r.path}`,
        status: res.status,
        code: res.body?.errors?.[0]?.code,
      }).toEqual({
        route: `${r.method} ${r.path}`,
        status: 401,
        code: 'unauthorized',
      });
    }
    // A real sample per route (some create persons, cases, documents): about a hundred routes.
  }, 300_000);

  it.each(STAFF_ROLES.map((role) => [role]))(
    'applies the matrix to every admin route for %s',
    async (role) => {
      let s = await StaffFactory.session(t, role);
      for (const r of routes.filter((x) => !x.public)) {
        const sample = await SAMPLES[`${r.method} ${r.path}`](s.headers);
        const res = await http(t.url, r.method, sample.path, { body: sample.body, headers: s.headers });
        const allowed = can(role, r.permission!);
        const outcome = res.status >= 200 && res.status < 300 ? '2xx' : String(res.status);
        expect({ route: `${r.method} ${r.path}`, allowed, outcome }).toEqual({
          route: `${r.method} ${r.path}`,
          allowed,
          outcome: allowed ? '2xx' : '403',
        });
        // A fresh session after a route that ends it or changes how it signs in.
        if (ENDS_SESSION.has(`${r.method} ${r.path}`)) s = await StaffFactory.session(t, role);
      }
    },
    // A real sample per route (some create persons, cases, documents): about eighty routes.
    300_000,
  );
});
