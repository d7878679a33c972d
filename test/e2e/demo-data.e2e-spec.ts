import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { http, PartnerFactory, StaffFactory } from '#kyc/testing';
import { planDemoData } from '../../apps/api/src/demo/demo-plan.js';
import { DemoSeeder } from '../../apps/api/src/demo/demo-seeder.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Demo data through the real services: partner calls, the built-in IDnow sandbox with its HTTP
 * callbacks, the officers' decisions, each at its simulated time. What it leaves behind must be as
 * consistent as real traffic: events, the analytics rollup, outbox and audit rows.
 */
const DAY = 24 * 3600_000;
const END = new Date(Math.floor(Date.now() / 3600_000) * 3600_000 - DAY);
// Seed 15's first 30 customers cover every kind of story: aborts, cancels, four-eyes decisions, open cases.
const OPTIONS = { persons: 30, seed: 15, days: 30, end: END };
// The background jobs stay off: nothing but the seeder writes while the data is compared.
const QUIET = { EVIDENCE_TICK_MS: '0', WEBHOOK_TICK_MS: '0', SANDBOX_TICK_MS: '0' };

const OUTCOMES = `('successful', 'failed', 'aborted', 'canceled', 'expired')`;

describe('demo data', () => {
  let a: TestApp;
  let b: TestApp | undefined;
  const q = <T = any>(t: TestApp, sql: string, params: unknown[] = []) =>
    t.app.get(DataSource).query<T[]>(sql, params);

  beforeAll(async () => {
    a = await startTestApp({ env: QUIET });
    await a.app.get(DemoSeeder).run(OPTIONS);
  }, 120_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('leaves identifications in several statuses, each with its events, all inside the history', async () => {
    const statuses = await q(a, `SELECT status, count(*)::int AS n FROM identifications GROUP BY status`);
    expect(statuses.map((s) => s.status)).toEqual(
      expect.arrayContaining(['successful', 'created', 'pending', 'aborted', 'failed']),
    );
    const [mix] = await q(
      a,
      `SELECT (SELECT count(DISTINCT language)::int FROM identifications) AS languages,
              (SELECT count(DISTINCT partner_id)::int FROM identifications) AS partners,
              (SELECT count(*)::int FROM identifications WHERE case_opened_at IS NOT NULL) AS open_cases,
              (SELECT count(*)::int FROM review_proposals WHERE state = 'confirmed') AS four_eyes,
              (SELECT count(*)::int FROM identification_events WHERE kind = 'reidentification') AS same_url,
              (SELECT count(*)::int FROM identifications WHERE previous_identification_id IS NOT NULL) AS new_ones`,
    );
    expect(mix).toMatchObject({ languages: 2, partners: 3 });
    expect(mix.open_cases * mix.four_eyes * (mix.same_url + mix.new_ones)).toBeGreaterThan(0);
    const [counts] = await q(
      a,
      `SELECT (SELECT count(*)::int FROM persons) AS persons,
              (SELECT count(*)::int FROM identifications) AS identifications,
              (SELECT count(*)::int FROM identification_events WHERE kind = 'created') AS created_events,
              (SELECT count(*)::int FROM identification_events WHERE kind = 'transition') AS transitions,
              (SELECT count(*)::int FROM provider_callbacks WHERE processed_at IS NULL) AS unprocessed,
              (SELECT count(*)::int FROM provider_callbacks) AS callbacks`,
    );
    expect(counts).toMatchObject({ persons: 30, created_events: counts.identifications, unprocessed: 0 });
    expect(counts.identifications).toBeGreaterThanOrEqual(30);
    expect(counts.callbacks).toBeGreaterThan(0);
    const [span] = await q(
      a,
      `SELECT min(t) AS first, max(t) AS last FROM (
         SELECT created_at AS t FROM identification_events UNION ALL SELECT created_at FROM identifications) x`,
    );
    expect(new Date(span.first).getTime()).toBeGreaterThanOrEqual(END.getTime() - 30 * DAY);
    expect(new Date(span.last).getTime()).toBeLessThanOrEqual(END.getTime());
    expect(new Date(span.last).getTime() - new Date(span.first).getTime()).toBeGreaterThan(7 * DAY);
  });

  it('keeps the analytics rollup equal to the events it counts (outcomes per hour, funnel steps)', async () => {
    const fromEvents = await q(
      a,
      `SELECT date_trunc('hour', e.created_at, 'UTC') AS hour, i.partner_id, coalesce(i.language, '') AS language,
              e.to_status AS status, coalesce(e.reason_code, '') AS reason, count(*)::int AS n
         FROM identification_events e JOIN identifications i ON i.id = e.identification_id
        WHERE (e.kind = 'transition' AND e.to_status IN ${OUTCOMES}
               OR e.kind = 'repeated' AND e.to_status IN ('aborted', 'canceled'))
        GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
    );
    // One statement: the fold job may move deltas into the rollup meanwhile.
    const fromRollup = await q(
      a,
      `SELECT hour, partner_id, language, status, reason, sum(n)::int AS n FROM (
         SELECT bucket_start AS hour, partner_id, language, status, reason, n FROM analytics_rollup
          WHERE grain = 'h' AND metric = 'outcome'
         UNION ALL
         SELECT hour, partner_id, language, status, reason, n FROM analytics_deltas WHERE metric = 'outcome') x
        GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
    );
    expect(fromEvents.length).toBeGreaterThan(5);
    expect(fromRollup).toEqual(fromEvents);
    const [funnel] = await q(
      a,
      `SELECT (SELECT coalesce(sum(n), 0)::int FROM (
                 SELECT n FROM analytics_rollup WHERE grain = 'h' AND metric = 'funnel' AND status = 'created'
                 UNION ALL SELECT n FROM analytics_deltas WHERE metric = 'funnel' AND status = 'created') c) AS created,
              (SELECT coalesce(sum(n), 0)::int FROM (
                 SELECT n FROM analytics_rollup WHERE grain = 'h' AND metric = 'funnel' AND status = 'requested'
                 UNION ALL SELECT n FROM analytics_deltas WHERE metric = 'funnel' AND status = 'requested') r) AS requested,
              (SELECT count(*)::int FROM identifications) AS identifications,
              (SELECT count(*)::int FROM identification_events
                WHERE kind = 'transition' AND from_status = 'created' AND to_status = 'pending') AS requests`,
    );
    expect(funnel).toEqual({
      created: funnel.identifications,
      requested: funnel.requests,
      identifications: funnel.identifications,
      requests: funnel.requests,
    });
  });

  it("writes the partners' webhooks to the outbox and the officers' work to the audit trail", async () => {
    const [outbox] = await q(
      a,
      `SELECT (SELECT count(*)::int FROM domain_events WHERE event_type = 'IDENTIFICATION') AS webhooks,
              (SELECT count(*)::int FROM identification_events WHERE kind IN ('transition', 'reidentification')) AS changes`,
    );
    expect(outbox.webhooks).toBe(outbox.changes);
    const audit = await q(
      a,
      `SELECT action, actor_type, request_id, diff FROM audit_events WHERE action LIKE 'demo_data.%' OR action LIKE 'identification.%'`,
    );
    expect(audit.filter((r) => r.action === 'demo_data.loaded')).toEqual([
      expect.objectContaining({
        actor_type: 'system',
        diff: expect.objectContaining({ persons: 30, seed: 15 }),
      }),
    ]);
    expect(audit.every((r) => r.request_id === 'demo-data')).toBe(true);
    const decided = await q(
      a,
      `SELECT count(*)::int AS n FROM identification_events WHERE actor = 'staff' AND kind IN ('transition', 'review')`,
    );
    expect(audit.filter((r) => r.action === 'identification.decided')).toHaveLength(decided[0].n);
  });

  it('plans customers the partner API accepts as they are', async () => {
    const partner = await PartnerFactory.create(a);
    for (const { person } of planDemoData({ ...OPTIONS, persons: 5 })) {
      const res = await http(a.url, 'POST', '/v1/persons', { token: partner.token, body: person });
      expect({ status: res.status, errors: res.body.errors }).toEqual({ status: 201, errors: undefined });
    }
  });

  it('reproduces the same persons, statuses, reasons and times from the same seed on a fresh database', async () => {
    b = await startTestApp({ env: QUIET });
    await b.app.get(DemoSeeder).run(OPTIONS);
    const snapshot = async (t: TestApp) => ({
      persons: await q(
        t,
        `SELECT partner_id, first_name, last_name, birth_date::text, nationality FROM persons
          WHERE partner_id LIKE 'demo-%' ORDER BY 1, 2, 3, 4, 5`,
      ),
      identifications: await q(
        t,
        `SELECT partner_id, language, status, failure_reason, created_at, completed_at FROM identifications
          ORDER BY created_at, partner_id, status`,
      ),
      events: await q(
        t,
        `SELECT kind, from_status, to_status, actor, reason_code, created_at FROM identification_events
          ORDER BY created_at, kind, to_status, from_status, reason_code`,
      ),
    });
    const [first, second] = [await snapshot(a), await snapshot(b)];
    // a also holds the five persons the previous test posted for another partner.
    expect(second.persons).toHaveLength(30);
    expect(second).toEqual(first);
  }, 120_000);

  it('loads demo data from the console in the background for an admin: 202, 409 while running, progress until done', async () => {
    const t = b!;
    const admin = await StaffFactory.session(t, 'admin');
    const officer = await StaffFactory.session(t, 'compliance_officer');
    expect((await http(t.url, 'GET', '/admin/demo-data', { headers: admin.headers })).body).toEqual({
      available: true,
      state: 'idle',
      done: 0,
      total: 0,
    });
    const started = await http(t.url, 'POST', '/admin/demo-data', {
      headers: admin.headers,
      body: { persons: 6, seed: 3 },
    });
    expect(started).toMatchObject({ status: 202, body: { available: true, state: 'running', total: 6 } });
    const again = await http(t.url, 'POST', '/admin/demo-data', {
      headers: admin.headers,
      body: { persons: 1 },
    });
    expect(again.status).toBe(409);
    for (const route of ['GET', 'POST']) {
      const denied = await http(t.url, route, '/admin/demo-data', {
        headers: officer.headers,
        body: route === 'POST' ? { persons: 1 } : undefined,
      });
      expect({ route, status: denied.status }).toEqual({ route, status: 403 });
    }
    let status: any;
    for (let i = 0; i < 600; i++) {
      status = (await http(t.url, 'GET', '/admin/demo-data', { headers: admin.headers })).body;
      if (status.state !== 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(status).toEqual({ available: true, state: 'done', done: 6, total: 6 });
    const [{ n }] = await q(t, `SELECT count(*)::int AS n FROM persons WHERE partner_id LIKE 'demo-%'`);
    expect(n).toBe(36);
    const [audit] = await q(
      t,
      `SELECT actor_id, diff FROM audit_events WHERE action = 'demo_data.load_started'`,
    );
    expect(audit).toEqual({ actor_id: admin.staff.id, diff: { persons: 6, seed: 3, days: 30 } });
    const invalid = await http(t.url, 'POST', '/admin/demo-data', {
      headers: admin.headers,
      body: { persons: 2001 },
    });
    expect(invalid.status).toBe(400);
  }, 120_000);
});
