import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { JobRunner } from '#kyc/jobs';
import { http, PartnerFactory, PersonFactory, StaffFactory, type TestPartner } from '#kyc/testing';
import { startTestApp, type TestApp } from '../support/test-app.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Every count of the summary, all zero unless named. */
const counts = (some: Record<string, number> = {}) => ({
  provider_disagreements: 0,
  unknown_to_us: 0,
  missing_at_provider: 0,
  created_unrequested: 0,
  review_overdue: 0,
  expiry_overdue: 0,
  callbacks_unprocessed: 0,
  evidence_overdue: 0,
  events_not_fanned_out: 0,
  deliveries_undelivered: 0,
  rollup_mismatched_keys: 0,
  ...some,
  total: Object.values(some).reduce((a, b) => a + b, 0),
});

/**
 * The nightly drift report (job 6): a clean dataset gives an empty report; a crafted one with one of each
 * problem (a result the provider has and we missed, a stuck callback, an old undelivered webhook, a
 * tampered rollup row) gives a report listing exactly those. The report is stored and read through the
 * admin API by admins and compliance officers only; bad ids answer in the Solaris error shape.
 */
describe('scheduled jobs: drift report', () => {
  let t: TestApp;
  let partner: TestPartner;
  const ds = () => t.app.get(DataSource);
  const runner = () => t.app.get(JobRunner);
  // Every sandbox callback is lost, as if the network dropped it: only the provider knows the result.
  beforeAll(async () => {
    t = await startTestApp({ env: { SANDBOX_TICK_MS: '0', SANDBOX_CALLBACK_DROP_RATE: '1' } });
    partner = await PartnerFactory.create(t);
  });
  afterAll(() => t.close());

  async function requested(): Promise<string> {
    const person = await PersonFactory.create(t, partner);
    const created = await http(t.url, 'POST', `/v1/persons/${person.id}/identifications`, {
      token: partner.token,
      body: { method: 'idnow', language: 'EN' },
    });
    const path = `/v1/persons/${person.id}/identifications/${created.body.id}`;
    const res = await http(t.url, 'PATCH', `${path}/request`, { token: partner.token });
    expect(res.body.status).toBe('pending');
    return created.body.id as string;
  }

  /** The relay fans the outbox out within a second or two; the report looks at rows an hour old. */
  async function outboxFannedOut(): Promise<void> {
    for (let i = 0; i < 100; i++) {
      const [{ n }] = await ds().query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM domain_events WHERE fanned_out_at IS NULL`,
      );
      if (n === 0) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the outbox was not fanned out');
  }

  const slotAfter = (ms: number) => new Date(Math.ceil((Date.now() + ms) / 1000) * 1000);

  it('stores an empty report for a clean dataset', async () => {
    await requested(); // pending with a valid url: normal, listed by the provider nowhere
    await outboxFannedOut();
    const run = await runner().runSlot('drift_report', slotAfter(2 * HOUR));
    expect(run).toMatchObject({ status: 'succeeded', processed: 0, failed: 0 });
    expect(run!.summary).toMatchObject({ ...counts(), provider_error: null });
    const [report] = await ds().query(`SELECT summary, findings FROM drift_reports WHERE run_id = $1`, [
      run!.id,
    ]);
    expect(report.summary).toMatchObject(counts());
    expect(report.findings.provider).toMatchObject({
      listed: { successful: 0, pending: 0, aborted: 0, cancelled: 0 },
      disagreements: { total: 0, items: [] },
    });
  });

  it('lists exactly the crafted problems, and the API shows the report to admins and compliance', async () => {
    // 1. The provider finished it, the callback was dropped: ours is still pending.
    const missed = await requested();
    const forced = await http(t.url, 'POST', `/sandbox/idnow/admin/identifications/${missed}/force`, {
      headers: { 'X-Sandbox-Admin-Token': t.env.SANDBOX_ADMIN_TOKEN! },
      body: { result: 'SUCCESS' },
    });
    expect(forced.status).toBe(200);
    const slot = slotAfter(3 * HOUR); // not the clean run's slot, whatever the test's speed
    // 2. A callback received 20 minutes before the slot and never processed (its retry is far away).
    const stuckTxn = await requested();
    const [callback] = await ds().query<{ id: string }[]>(
      `INSERT INTO provider_callbacks (provider, transaction_number, body, body_sha256, received_at, next_attempt_at)
       VALUES ('idnow', $1, '{}', $2, $3, now() + interval '30 days') RETURNING id`,
      [stuckTxn, randomUUID().replace(/-/g, '').padEnd(64, '0'), new Date(slot.getTime() - 20 * 60_000)],
    );
    // 3. A webhook delivery created two hours before the slot, still pending.
    const other = await PartnerFactory.create(t);
    const subId = randomUUID();
    await ds().query(
      `INSERT INTO webhook_subscriptions (id, partner_id, event_type, url, secret_encrypted)
       VALUES ($1, $2, 'PERSON_CHANGED', 'http://127.0.0.1:9/hook', 'x')`,
      [subId, other.partnerId],
    );
    const [event] = await ds().query<{ id: string }[]>(
      `INSERT INTO domain_events (partner_id, event_type, entity_id, payload, fanned_out_at)
       VALUES ($1, 'PERSON_CHANGED', 'person-drift', '{}', now()) RETURNING id`,
      [other.partnerId],
    );
    const [delivery] = await ds().query<{ id: string }[]>(
      `INSERT INTO webhook_deliveries (subscription_id, domain_event_id, entity_id, status, attempts, next_attempt_at, created_at)
       VALUES ($1, $2, 'person-drift', 'pending', 4, now() + interval '30 days', $3) RETURNING id`,
      [subId, event.id, new Date(slot.getTime() - 2 * HOUR)],
    );
    // 4. A rollup row no event supports (the day before the slot's, compared in full).
    const hour = new Date(Math.floor(slot.getTime() / DAY) * DAY - DAY + 10 * HOUR);
    await ds().query(
      `INSERT INTO analytics_rollup (grain, metric, bucket_start, partner_id, language, status, reason, path, bucket, n)
       VALUES ('h', 'outcome', $1, $2, 'EN', 'failed', 'TECH_LIGHTING', '', 0, 2)`,
      [hour, partner.partnerId],
    );
    await outboxFannedOut();

    const run = await runner().runSlot('drift_report', slot);
    const expected = counts({
      provider_disagreements: 1,
      callbacks_unprocessed: 1,
      deliveries_undelivered: 1,
      rollup_mismatched_keys: 1,
    });
    expect(run).toMatchObject({ status: 'succeeded', processed: 4, failed: 0 });
    expect(run!.summary).toMatchObject(expected);

    const admin = await StaffFactory.session(t, 'admin');
    const list = await http(t.url, 'GET', '/admin/drift-reports', { headers: admin.headers });
    expect(list.status).toBe(200);
    expect(list.headers.get('content-range')).toBe('drift-reports 0-1/2');
    expect(list.body[0]).toMatchObject({ run_id: run!.id, summary: expected });
    expect(list.body[0].findings).toBeUndefined();

    const shown = await http(t.url, 'GET', `/admin/drift-reports/${list.body[0].id}`, {
      headers: admin.headers,
    });
    expect(shown.status).toBe(200);
    const f = shown.body.findings;
    expect(f.provider).toMatchObject({
      listed: { successful: 1, pending: 0, aborted: 0, cancelled: 0 },
      disagreements: {
        total: 1,
        items: [{ identification_id: missed, ours: 'pending', provider: 'successful' }],
      },
      unknown: { total: 0, items: [] },
      missing: { total: 0, items: [] },
    });
    expect(f.stuck.callbacks_unprocessed).toEqual({
      total: 1,
      items: [
        {
          callback_id: String(callback.id),
          transaction_number: stuckTxn,
          received_at: new Date(slot.getTime() - 20 * 60_000).toISOString(),
          attempts: 0,
        },
      ],
    });
    for (const k of ['created_unrequested', 'review_overdue', 'expiry_overdue', 'evidence_overdue']) {
      expect({ k, ...f.stuck[k] }).toEqual({ k, total: 0, items: [] });
    }
    expect(f.outbox.events_not_fanned_out).toEqual({ total: 0, items: [] });
    expect(f.outbox.deliveries_undelivered).toMatchObject({
      total: 1,
      items: [{ delivery_id: String(delivery.id), domain_event_id: String(event.id), attempts: 4 }],
    });
    expect(f.rollup).toMatchObject({
      mismatched_keys: 1,
      by_metric: { outcome: 1, funnel: 0, duration: 0, retry: 0 },
      expected_total: 0,
      actual_total: 2,
      items: [
        {
          metric: 'outcome',
          grain: 'h',
          bucket_start: hour.toISOString(),
          partner_id: partner.partnerId,
          language: 'EN',
          status: 'failed',
          reason: 'TECH_LIGHTING',
          expected: 0,
          actual: 2,
        },
      ],
    });
    // Ids and keys only: nothing of the persons is in the report.
    expect(JSON.stringify(shown.body)).not.toMatch(/first_name|last_name|birth|email|@/i);

    // Compliance officers read it too; support agents do not; nobody without a session.
    const officer = await StaffFactory.session(t, 'compliance_officer');
    expect((await http(t.url, 'GET', '/admin/drift-reports', { headers: officer.headers })).status).toBe(200);
    expect(
      (await http(t.url, 'GET', `/admin/drift-reports/${list.body[0].id}`, { headers: officer.headers }))
        .status,
    ).toBe(200);
    const agent = await StaffFactory.session(t, 'support_agent');
    expect((await http(t.url, 'GET', '/admin/drift-reports', { headers: agent.headers })).status).toBe(403);
    expect(
      (await http(t.url, 'GET', `/admin/drift-reports/${list.body[0].id}`, { headers: agent.headers }))
        .status,
    ).toBe(403);
    expect((await http(t.url, 'GET', '/admin/drift-reports')).status).toBe(401);

    // Running the slot again is refused (once per slot); a manual run decides the same way.
    expect(await runner().runSlot('drift_report', slot)).toBeNull();
    const again = await runner().runSlot('drift_report', slot, { trigger: 'manual' });
    expect(again!.summary).toMatchObject(expected);
  });

  it('answers bad ids and bad list queries in the Solaris error shape', async () => {
    const admin = await StaffFactory.session(t, 'admin');
    const cases: [string, number, string, string | undefined][] = [
      ['/admin/drift-reports/abc', 404, 'model_not_found', undefined],
      ['/admin/drift-reports/0', 404, 'model_not_found', undefined],
      ['/admin/drift-reports/99999999', 404, 'model_not_found', undefined],
      [
        `/admin/drift-reports?filter=${encodeURIComponent('{"run_id":"1 OR 1=1"}')}`,
        400,
        'validation_error',
        'filter.run_id',
      ],
      [
        `/admin/drift-reports?sort=${encodeURIComponent('["findings","ASC"]')}`,
        400,
        'validation_error',
        'sort',
      ],
      [
        `/admin/drift-reports?filter=${encodeURIComponent('{"partner":"p"}')}`,
        400,
        'validation_error',
        'filter.partner',
      ],
    ];
    for (const [path, status, code, field] of cases) {
      const res = await http(t.url, 'GET', path, { headers: admin.headers });
      const error = res.body.errors?.[0];
      expect({ path, status: res.status, code: error?.code, field: error?.source?.field }).toEqual({
        path,
        status,
        code,
        field,
      });
    }
  });
});
