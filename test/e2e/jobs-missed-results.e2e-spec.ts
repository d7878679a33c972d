import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { CallbackProcessor, IdnowSandboxScheduler, SandboxRateLimit } from '#kyc/idnow';
import { JobRunner } from '#kyc/jobs';
import { FakeClock, http, PartnerFactory, PersonFactory, type TestPartner } from '#kyc/testing';
import { startTestApp, type TestApp } from '../support/test-app.js';

const MINUTE = 60_000;
const T0 = new Date('2026-11-27T08:00:00.000Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * MINUTE);

/** Scenario (first name X-AUTOTEST-<name>) and the status it ends in, as the scenario test plays them. */
const ENDS: Record<string, string> = {
  HAPPYPATH: 'successful',
  CHANGEALL: 'successful',
  CHANGEALLREVIEW: 'successful',
  ABORTIDENT: 'aborted',
  FRAUDOK: 'successful',
  CANCELED: 'canceled',
  HOLDCERTIFICATE: 'successful',
  FRAUDIDENT: 'failed',
  FRAUDREVIEW: 'failed',
};
/** Clock steps past the call (30 s), the review (90 s) and HOLDCERTIFICATE's 10 minutes. */
const STEPS_MS = [31_000, 95_000, 11 * MINUTE];

/** The sandbox with a clock of its own, a partner, and what the tests do with them. */
function harness(env: Record<string, string>) {
  const h = {
    t: undefined as unknown as TestApp,
    partner: undefined as unknown as TestPartner,
    clock: new FakeClock(T0),
    ds: () => h.t.app.get(DataSource),
    runner: () => h.t.app.get(JobRunner),
    async start() {
      h.t = await startTestApp({ env: { SANDBOX_TICK_MS: '0', ...env }, clock: h.clock });
      h.partner = await PartnerFactory.create(h.t);
    },
    /** Request an identification of the scenario's robot; answers its id. */
    async requested(scenario: string): Promise<string> {
      await h.freshToken();
      const person = await PersonFactory.create(h.t, h.partner, { first_name: `X-AUTOTEST-${scenario}` });
      const created = await http(h.t.url, 'POST', `/v1/persons/${person.id}/identifications`, {
        token: h.partner.token,
        body: { method: 'idnow', language: 'EN' },
      });
      const res = await http(
        h.t.url,
        'PATCH',
        `/v1/persons/${person.id}/identifications/${created.body.id}/request`,
        {
          token: h.partner.token,
        },
      );
      expect(res.status).toBe(200);
      return created.body.id as string;
    },
    /** Tokens expire with the (fake) clock too: take a fresh one after a jump. */
    async freshToken(): Promise<void> {
      const p = h.partner;
      const res = await http(h.t.url, 'POST', '/oauth/token', {
        body: { grant_type: 'client_credentials', client_id: p.clientId, client_secret: p.secret },
      });
      p.token = res.body.access_token as string;
    },
    /** Play the sandbox's due steps and process every callback that arrived. */
    async settle(): Promise<void> {
      await h.t.app.get(IdnowSandboxScheduler).tick();
      const processor = h.t.app.get(CallbackProcessor);
      for (let i = 0; i < 100; i++) {
        await processor.idle();
        await processor.drain();
        const [{ n }] = await h
          .ds()
          .query<{ n: number }[]>(
            `SELECT count(*)::int AS n FROM provider_callbacks WHERE processed_at IS NULL`,
          );
        if (n === 0) return;
      }
    },
    async playOut(): Promise<void> {
      for (const step of STEPS_MS) {
        h.clock.advance(step);
        await h.settle();
      }
    },
    async statuses(ids: string[]): Promise<Record<string, string>> {
      const rows = await h
        .ds()
        .query<{ id: string; status: string }[]>(
          `SELECT id, status FROM identifications WHERE id = ANY($1)`,
          [ids],
        );
      return Object.fromEntries(rows.map((r) => [r.id, r.status]));
    },
    /** Run the job's slot with the clock at the slot, as the scheduler would. */
    run(slot: Date, trigger: 'schedule' | 'manual' = 'schedule') {
      h.clock.set(slot);
      return h.runner().runSlot('missed_results', slot, { trigger });
    },
    async count(sql: string, params: unknown[] = []): Promise<number> {
      return (await h.ds().query<{ n: number }[]>(`SELECT count(*)::int AS n ${sql}`, params))[0].n;
    },
  };
  return h;
}

/**
 * Job 2 of "Scheduled reconciliation": identifications waiting past their threshold are polled at the
 * provider (the real adapter, real HTTP to the sandbox) and its result applied as a callback would be.
 */
describe('scheduled jobs: missed provider results (every callback dropped)', () => {
  const h = harness({ SANDBOX_CALLBACK_DROP_RATE: '1', JOB_MISSED_RESULTS_MAX_CALLS: '2' });
  beforeAll(() => h.start());
  afterAll(() => h.t.close());

  it('leaves a pending identification alone before 30 minutes and repairs its dropped callback after', async () => {
    h.clock.set(T0);
    const id = await h.requested('HAPPYPATH');
    await h.playOut();
    expect(await h.statuses([id])).toEqual({ [id]: 'pending' });

    const early = await h.run(at(25));
    expect(early).toMatchObject({ status: 'succeeded', processed: 0, skipped: 0, failed: 0 });
    expect(early!.summary).toMatchObject({ calls: 0, pending_after_minutes: 30, review_after_minutes: 30 });
    expect(await h.statuses([id])).toEqual({ [id]: 'pending' });
    expect(await h.count(`FROM provider_results WHERE identification_id = $1`, [id])).toBe(0);

    const slot = at(30);
    const run = await h.run(slot);
    expect(run).toMatchObject({ status: 'succeeded', processed: 1, skipped: 0, failed: 0 });
    expect(run!.summary).toMatchObject({ calls: 1, repaired: 1, not_polled: 0, stopped: null });
    expect(await h.statuses([id])).toEqual({ [id]: 'successful' });
    const [result] = await h
      .ds()
      .query(`SELECT id, result, source FROM provider_results WHERE identification_id = $1`, [id]);
    expect(result).toMatchObject({ result: 'SUCCESS', source: 'poll' });
    const events = await h.ds().query(
      `SELECT kind, from_status, to_status, actor, actor_id, provider_result_id FROM identification_events
          WHERE identification_id = $1 AND to_status = 'successful'`,
      [id],
    );
    expect(events).toEqual([
      {
        kind: 'transition',
        from_status: 'pending',
        to_status: 'successful',
        actor: 'provider',
        actor_id: 'idnow',
        provider_result_id: result.id,
      },
    ]);
    const webhooks = await h
      .ds()
      .query<{ payload: { status: string } }[]>(
        `SELECT payload FROM domain_events WHERE event_type = 'IDENTIFICATION' AND entity_id = $1 ORDER BY id`,
        [id],
      );
    // The request's webhook, then the repaired result's.
    expect(webhooks.map((w) => w.payload.status)).toEqual(['pending', 'successful']);
    const audits = await h
      .ds()
      .query(
        `SELECT actor_type, actor_id, diff FROM audit_events WHERE action = 'identification.result_polled' AND entity_id = $1`,
        [id],
      );
    expect(audits).toEqual([
      {
        actor_type: 'system',
        actor_id: 'missed_results',
        diff: { outcome: 'transitioned', to: 'successful', provider_result: 'SUCCESS', job_run: run!.id },
      },
    ]);

    // The slot ran; running it again (manually) asks nobody and changes nothing.
    expect(await h.run(slot)).toBeNull();
    const before = await h.count(`FROM identification_events`);
    const rerun = await h.run(slot, 'manual');
    expect(rerun).toMatchObject({ status: 'succeeded', processed: 0, skipped: 0, failed: 0 });
    expect(rerun!.summary).toMatchObject({ calls: 0 });
    expect(await h.count(`FROM identification_events`)).toBe(before);
    expect(await h.count(`FROM provider_results WHERE identification_id = $1`, [id])).toBe(1);
    expect(await h.count(`FROM domain_events WHERE entity_id = $1`, [id])).toBe(2);
  });

  it('stops at a 429, counts the rest skipped, honours Retry-After, and the next run continues', async () => {
    const start = at(60);
    h.clock.set(start);
    const ids = [
      await h.requested('HAPPYPATH'),
      await h.requested('FRAUDIDENT'),
      await h.requested('HAPPYPATH'),
    ];
    await h.playOut();
    expect(Object.values(await h.statuses(ids))).toEqual(['pending', 'pending', 'pending']);
    const events = await h.count(`FROM identification_events`);

    const limit = h.t.app.get(SandboxRateLimit);
    limit.set({ allow: 1, retryAfterSeconds: 600 });
    try {
      const first = await h.run(at(95));
      expect(first).toMatchObject({ status: 'succeeded', processed: 1, skipped: 2, failed: 0 });
      expect(first!.summary).toMatchObject({
        calls: 1,
        not_polled: 2,
        stopped: 'rate_limited',
        retry_after_seconds: 600,
        backoff_until: at(105).toISOString(),
      });
      const after = await h.statuses(ids);
      expect(Object.values(after).filter((s) => s === 'pending')).toHaveLength(2);
      expect(await h.count(`FROM identification_events`)).toBe(events + 1);
      expect(
        await h.count(`FROM provider_results WHERE source = 'poll' AND identification_id = ANY($1)`, [ids]),
      ).toBe(1);

      // Five minutes later the provider's Retry-After still holds: nobody is asked.
      limit.clear();
      const waiting = await h.run(at(100));
      expect(waiting).toMatchObject({ status: 'succeeded', processed: 0, skipped: 2, failed: 0 });
      expect(waiting!.summary).toMatchObject({
        calls: 0,
        stopped: 'backing_off',
        backoff_until: at(105).toISOString(),
      });
      expect(await h.statuses(ids)).toEqual(after);
    } finally {
      limit.clear();
    }

    const next = await h.run(at(105));
    expect(next).toMatchObject({ status: 'succeeded', processed: 2, skipped: 0, failed: 0 });
    expect(next!.summary).toMatchObject({ calls: 2, stopped: null });
    const ends = await h.statuses(ids);
    expect(ids.map((i) => ends[i])).toEqual(['successful', 'failed', 'successful']);
  });

  it('makes at most JOB_MISSED_RESULTS_MAX_CALLS calls per run and leaves the rest to the next slot', async () => {
    h.clock.set(at(400));
    const ids = [
      await h.requested('HAPPYPATH'),
      await h.requested('HAPPYPATH'),
      await h.requested('HAPPYPATH'),
    ];
    await h.playOut();
    const first = await h.run(at(430));
    expect(first).toMatchObject({ status: 'succeeded', processed: 2, skipped: 1, failed: 0 });
    expect(first!.summary).toMatchObject({ calls: 2, max_calls: 2, not_polled: 1, stopped: 'max_calls' });
    const next = await h.run(at(435));
    expect(next).toMatchObject({ status: 'succeeded', processed: 1, skipped: 0, failed: 0 });
    expect(Object.values(await h.statuses(ids))).toEqual(['successful', 'successful', 'successful']);
  });

  it('asks again about a link nobody opened, but less and less often', async () => {
    h.clock.set(at(200));
    await h.freshToken();
    const person = await PersonFactory.create(h.t, h.partner, { first_name: 'X-MANUALTEST-HAPPYPATH' });
    const created = await http(h.t.url, 'POST', `/v1/persons/${person.id}/identifications`, {
      token: h.partner.token,
      body: { method: 'idnow', language: 'EN' },
    });
    const id = created.body.id as string;
    await http(h.t.url, 'PATCH', `/v1/persons/${person.id}/identifications/${id}/request`, {
      token: h.partner.token,
    });
    const polled: number[] = [];
    for (let m = 230; m <= 270; m += 5) {
      const run = await h.run(at(m));
      if ((run!.summary as { calls: number }).calls) polled.push(m);
      expect(run).toMatchObject({ status: 'succeeded', processed: 0, failed: 0 });
    }
    // Every run at first, then after 10 and 20 minutes.
    expect(polled).toEqual([230, 235, 245, 265]);
    expect(await h.statuses([id])).toEqual({ [id]: 'pending' });
  });
});

/** A deterministic stand-in for Math.random (mulberry32), so the 10 % drop drops the same callbacks each run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('scheduled jobs: missed provider results (the sandbox drops 10 % of its callbacks)', () => {
  const h = harness({ SANDBOX_CALLBACK_DROP_RATE: '0.1' });
  beforeAll(() => h.start());
  afterAll(() => {
    jest.restoreAllMocks();
    return h.t.close();
  });

  it('repairs every identification whose callback was dropped within two poll intervals', async () => {
    jest.spyOn(Math, 'random').mockImplementation(seeded(20261127));
    h.clock.set(T0);
    const names = Object.keys(ENDS);
    const expected = new Map<string, string>();
    for (let i = 0; i < 54; i++) {
      const scenario = names[i % names.length];
      expected.set(await h.requested(scenario), ENDS[scenario]);
    }
    const ids = [...expected.keys()];
    await h.playOut();
    jest.restoreAllMocks();

    const played = await h.statuses(ids);
    const dropped = ids.filter((id) => played[id] !== expected.get(id));
    expect(dropped.length).toBeGreaterThanOrEqual(1);
    // A dropped callback leaves the identification waiting: pending, or under review.
    for (const id of dropped)
      expect(['pending', 'pending_successful', 'pending_failed']).toContain(played[id]);

    // The first slot past every threshold, and the next one five minutes later.
    const runs = [await h.run(at(35)), await h.run(at(40))];
    for (const run of runs) expect(run).toMatchObject({ status: 'succeeded', failed: 0 });
    expect(runs[0]!.processed + runs[1]!.processed).toBe(dropped.length);

    const repaired = await h.statuses(ids);
    expect(ids.filter((id) => repaired[id] !== expected.get(id))).toEqual([]);
    expect(
      await h.count(`FROM provider_results WHERE source = 'poll' AND identification_id = ANY($1)`, [dropped]),
    ).toBeGreaterThanOrEqual(dropped.length);
    // What the callbacks brought is never polled again: only the dropped ones show a poll result.
    const polledIds = await h
      .ds()
      .query<{ id: string }[]>(
        `SELECT DISTINCT identification_id AS id FROM provider_results WHERE source = 'poll' AND identification_id = ANY($1)`,
        [ids],
      );
    expect(polledIds.map((r) => r.id.trim()).sort()).toEqual([...dropped].sort());
  }, 300_000);
});
