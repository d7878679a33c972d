import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import {
  type AnalyticsQuery,
  AnalyticsCountsRepository,
  AnalyticsService,
  AnomalyDetector,
  type CountSource,
} from '#kyc/failure-analytics';
import {
  DECISION_REASONS,
  FAILURE_CODES,
  isFinal,
  RETRYABLE_STATUSES,
  TRANSITIONS,
  type IdentificationStatus,
} from '#kyc/identifications';
import { http, PartnerFactory, PersonFactory, StaffFactory } from '#kyc/testing';
import { type CraftedIdentification, insertIdentifications, type Step } from '../support/analytics-data.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** A small seeded generator, so a failing dataset can be replayed from the seed in the test name. */
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOUR = 3_600_000;
const SEED = 20261127;
const START = Date.parse('2025-06-01T00:00:00Z');
const SPAN = 10 * 24 * HOUR;

describe('analytics rollup', () => {
  let t: TestApp;
  let ds: DataSource;
  let counts: AnalyticsCountsRepository;
  let service: AnalyticsService;
  let partners: { partnerId: string; personId: string }[];
  const random = mulberry32(SEED);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];

  beforeAll(async () => {
    t = await startTestApp({
      env: { SANDBOX_TICK_MS: '0', ANALYTICS_FOLD_TICK_MS: '0', ANALYTICS_ALERT_TICK_MS: '0' },
    });
    ds = t.app.get(DataSource);
    counts = t.app.get(AnalyticsCountsRepository);
    service = t.app.get(AnalyticsService);
    partners = [];
    for (let i = 0; i < 3; i++) {
      const partner = await PartnerFactory.create(t);
      const person = await PersonFactory.create(t, partner);
      partners.push({ partnerId: partner.partnerId, personId: person.id });
    }
  });
  afterAll(() => t.close());

  /** A random walk through the state machine, with catalog or officer reasons where statuses carry one. */
  function randomIdentification(previous?: { id: string; after: number }): CraftedIdentification {
    const who = pick(partners);
    const createdAt = previous ? previous.after + random() * 24 * HOUR : START + random() * SPAN;
    const steps: Step[] = [];
    let at = createdAt;
    let status: IdentificationStatus = 'created';
    if (random() > 0.1) {
      while (steps.length < 6) {
        // Now and then the customer aborts or is canceled again on the same url (a repeated outcome).
        const again: boolean = RETRYABLE_STATUSES.includes(status) && random() < 0.2;
        const next: IdentificationStatus = again ? status : pick(TRANSITIONS[status]);
        at += 60_000 + random() * 5 * HOUR;
        const reason = ['aborted', 'canceled', 'failed', 'pending_failed'].includes(next)
          ? random() < 0.15
            ? null
            : next === 'failed' && random() < 0.3
              ? pick(DECISION_REASONS.reject).code
              : pick(FAILURE_CODES).code
          : null;
        steps.push({ to: next, at: new Date(at), reason });
        status = next;
        if (isFinal(status) || random() < 0.25) break;
      }
    }
    return {
      partnerId: who.partnerId,
      personId: who.personId,
      language: pick(['DE', 'EN', null] as const),
      createdAt: new Date(createdAt),
      steps,
      previousId: previous?.id,
    };
  }

  async function insertRandom(n: number): Promise<void> {
    const first = Array.from({ length: n }, () => randomIdentification());
    const ids = await insertIdentifications(ds, first);
    // Re-identify a tenth of those that ended, after they ended (they never change afterwards).
    const ended = first.flatMap((c, i) =>
      c.steps.length && ['failed', 'expired', 'aborted', 'canceled'].includes(c.steps.at(-1)!.to)
        ? [{ id: ids[i], after: c.steps.at(-1)!.at.getTime() }]
        : [],
    );
    const again = ended.filter(() => random() < 0.3).map((p) => randomIdentification(p));
    if (again.length) await insertIdentifications(ds, again);
  }

  function randomQuery(): AnalyticsQuery {
    const from = new Date(START - 24 * HOUR + Math.floor(random() * 11 * 24) * HOUR);
    const to = new Date(from.getTime() + (1 + Math.floor(random() * 6 * 24)) * HOUR);
    const maybe = <T>(value: T) => (random() < 0.25 ? value : undefined);
    return {
      from,
      to,
      granularity: pick(['hour', 'day', 'week'] as const),
      partnerId: maybe(pick(partners).partnerId),
      language: maybe(pick(['DE', 'EN'])),
      statuses: maybe([
        pick(['failed', 'aborted', 'canceled'] as const),
        pick(['successful', 'expired'] as const),
      ]),
      outcomeClass: {
        category: maybe(pick(['DATA', 'Technical', 'User', 'Other', 'Review', 'None'] as const)),
        permanent: maybe(random() < 0.5),
        causedByUser: maybe(pick(['yes', 'no', 'unknown'] as const)),
      },
      limit: 5,
    };
  }

  const ANSWERS = ['statusTrend', 'failures', 'funnel', 'timeToFinal', 'retries', 'topReasons'] as const;

  async function expectRollupEqualsRaw(queries: number): Promise<void> {
    let outcomes = 0;
    for (let i = 0; i < queries; i++) {
      const q = randomQuery();
      outcomes += (await service.failures(q, 'raw')).outcomes;
      for (const answer of ANSWERS) {
        const ask = (source: CountSource) => service[answer](q, source) as Promise<unknown>;
        const [rollup, raw] = await Promise.all([ask('rollup'), ask('raw')]);
        expect({ answer, q, result: rollup }).toEqual({ answer, q, result: raw });
      }
    }
    expect(outcomes).toBeGreaterThan(queries * 5); // the ranges hold data: equal answers are not empty ones
  }

  const rollupRows = () =>
    ds.query(
      `SELECT grain, metric, bucket_start, partner_id, language, status, reason, path, bucket, n::int
         FROM analytics_rollup ORDER BY grain, metric, bucket_start, partner_id, language, status, reason, path, bucket`,
    );

  it(`answers from the rollup exactly what the raw events answer (seed ${SEED})`, async () => {
    await insertRandom(400);
    // Some deltas folded, some not: queries must count both, and each exactly once.
    await counts.fold(700);
    await expectRollupEqualsRaw(25);
    // Folds racing with new events (and with each other) still count every event once.
    await Promise.all([counts.fold(200), counts.fold(200), insertRandom(100), counts.fold(50)]);
    await expectRollupEqualsRaw(15);
    while ((await counts.fold()) > 0);
    const [{ left }] = await ds.query<{ left: number }[]>(
      `SELECT count(*)::int AS left FROM analytics_deltas`,
    );
    expect(left).toBe(0);
    await expectRollupEqualsRaw(10);
  });

  it('rebuilds the same rollup from the raw events (npm run analytics:rebuild)', async () => {
    while ((await counts.fold()) > 0);
    const before = await rollupRows();
    expect(before.length).toBeGreaterThan(100);
    await ds.query(`UPDATE analytics_rollup SET n = n + 5 WHERE metric = 'outcome'`); // damage it
    const { rows } = await counts.rebuild();
    expect(rows).toBe(before.length);
    expect(await rollupRows()).toEqual(before);
  });
});

describe('failure-rate alerts', () => {
  let t: TestApp;
  // The hour under watch: 2026-05-20 14:00 UTC; the baseline is the 7 days before it.
  const hour = Date.parse('2026-05-20T14:00:00Z');

  beforeAll(async () => {
    t = await startTestApp({
      env: { SANDBOX_TICK_MS: '0', ANALYTICS_FOLD_TICK_MS: '0', ANALYTICS_ALERT_TICK_MS: '0' },
    });
    const partner = await PartnerFactory.create(t);
    const person = await PersonFactory.create(t, partner);
    const random = mulberry32(7);
    const canceled = (reason: string, at: number): CraftedIdentification => ({
      partnerId: partner.partnerId,
      personId: person.id,
      language: 'DE',
      createdAt: new Date(at - 120_000),
      steps: [
        { to: 'pending', at: new Date(at - 60_000) },
        { to: 'canceled', at: new Date(at), reason },
      ],
    });
    const crafted: CraftedIdentification[] = [];
    for (let h = 1; h <= 7 * 24; h++) {
      const start = hour - h * HOUR;
      // TECH_INTERNAL_SERVER_ERROR: about 3 an hour. TECH_LIGHTING: noisy, 4 to 12 an hour (mean 8).
      for (let i = 0; i < 3; i++)
        crafted.push(canceled('TECH_INTERNAL_SERVER_ERROR', start + random() * HOUR));
      const lighting = 4 + Math.floor(random() * 9);
      for (let i = 0; i < lighting; i++) crafted.push(canceled('TECH_LIGHTING', start + random() * HOUR));
    }
    // The hour: the provider has an incident (30, ten times its usual); lighting is high but within noise (16).
    for (let i = 0; i < 30; i++) crafted.push(canceled('TECH_INTERNAL_SERVER_ERROR', hour + random() * HOUR));
    for (let i = 0; i < 16; i++) crafted.push(canceled('TECH_LIGHTING', hour + random() * HOUR));
    const ds = t.app.get(DataSource);
    for (let i = 0; i < crafted.length; i += 500) await insertIdentifications(ds, crafted.slice(i, i + 500));
  });
  afterAll(() => t.close());

  it('raises an alert for the spike, none for the noise, once however often it checks', async () => {
    const detector = t.app.get(AnomalyDetector);
    // During the hour's last minutes the current hour is checked; just after it, as the last complete hour.
    expect(await detector.check(new Date(hour + 59 * 60_000))).toBe(1);
    expect(await detector.check(new Date(hour + HOUR + 5 * 60_000))).toBe(0);
    // The hours before were ordinary: checked one by one, nothing rises.
    for (let h = 1; h <= 24; h++)
      expect(await detector.check(new Date(hour - h * HOUR + 30 * 60_000))).toBe(0);

    const officer = await StaffFactory.session(t, 'compliance_officer');
    const list = await http(
      t.url,
      'GET',
      `/admin/analytics-alerts?filter=${encodeURIComponent('{"open":true}')}`,
      {
        headers: officer.headers,
      },
    );
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(1);
    expect(list.body[0]).toMatchObject({
      reason: 'TECH_INTERNAL_SERVER_ERROR',
      category: 'Technical',
      hour: '2026-05-20T14:00:00.000Z',
      observed: 30,
      baseline: 3,
      factor: 3,
      min_volume: 10,
      acknowledged_at: null,
    });
  });

  it('is acknowledged once, with a note, and the acknowledgement is audited', async () => {
    const officer = await StaffFactory.session(t, 'compliance_officer');
    const agent = await StaffFactory.session(t, 'support_agent');
    const [{ id }] = await t.app.get(DataSource).query<{ id: string }[]>(`SELECT id FROM analytics_alerts`);
    const ack = (as: typeof officer, body: unknown) =>
      http(t.url, 'POST', `/admin/analytics-alerts/${id}/acknowledge`, { headers: as.headers, body });

    expect((await ack(agent, { note: 'seen' })).status).toBe(403);
    const empty = await ack(officer, { note: '' });
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].source).toMatchObject({ field: 'note' });
    const unknown = await ack(officer, { note: 'ok', silence: true });
    expect(unknown.status).toBe(400);

    const done = await ack(officer, { note: 'IDnow status page: incident 4711, resolved 15:10' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      acknowledged_by: officer.staff.id,
      acknowledgement_note: 'IDnow status page: incident 4711, resolved 15:10',
    });
    expect(Date.parse(done.body.acknowledged_at)).not.toBeNaN();
    expect((await ack(officer, { note: 'again' })).status).toBe(409);
    expect(
      (
        await http(t.url, 'POST', '/admin/analytics-alerts/999999/acknowledge', {
          headers: officer.headers,
          body: { note: 'x' },
        })
      ).status,
    ).toBe(404);

    const audit = await t.app
      .get(DataSource)
      .query<{ action: string; actor_id: string; entity_id: string }[]>(
        `SELECT action, actor_id, entity_id FROM audit_events WHERE action = 'analytics_alert.acknowledged'`,
      );
    expect(audit).toEqual([
      { action: 'analytics_alert.acknowledged', actor_id: officer.staff.id, entity_id: String(id) },
    ]);
    const open = await http(
      t.url,
      'GET',
      `/admin/analytics-alerts?filter=${encodeURIComponent('{"open":true}')}`,
      {
        headers: officer.headers,
      },
    );
    expect(open.body).toEqual([]);
  });
});
