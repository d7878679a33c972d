import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { http, PartnerFactory, PersonFactory, StaffFactory } from '#kyc/testing';
import { startTestApp, type TestApp } from '../support/test-app.js';

const TRIALS = 200;
const SEED = Number(process.env.RACE_SEED ?? 20261127);

/** A small seeded generator, so a failing trial can be replayed (RACE_SEED). */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Concurrent decisions on one case: whatever the interleaving, exactly one officer's decision wins, the
 * others get 409, and the winner alone leaves its status event, audit row and webhook.
 */
describe(`review decisions race (${TRIALS} trials, seed ${SEED})`, () => {
  let t: TestApp;
  let partnerId: string;
  let personId: string;
  let officers: Awaited<ReturnType<typeof StaffFactory.session>>[];
  const ds = () => t.app.get(DataSource);

  beforeAll(async () => {
    t = await startTestApp({ env: { SANDBOX_TICK_MS: '0', WEBHOOK_TICK_MS: '0', EVIDENCE_TICK_MS: '0' } });
    const partner = await PartnerFactory.create(t);
    partnerId = partner.partnerId;
    personId = (await PersonFactory.create(t, partner)).id;
    officers = [];
    for (let i = 0; i < 8; i++) officers.push(await StaffFactory.session(t, 'compliance_officer'));
  });
  afterAll(() => t.close());

  async function openCase(): Promise<string> {
    const id = `${randomUUID().replace(/-/g, '')}cidt`;
    await ds().query(
      `INSERT INTO identifications (id, partner_id, person_id, method, status, provider_result, case_opened_at, case_due_at)
       VALUES ($1, $2, $3, 'idnow', 'pending_successful', 'REVIEW_PENDING', now(), now() + interval '24 hours')`,
      [id, partnerId, personId],
    );
    return id;
  }

  it('lets exactly one of 2-8 concurrent decisions win, every time', async () => {
    const random = mulberry32(SEED);
    const tally = { trials: 0, requests: 0 };
    for (let trial = 0; trial < TRIALS; trial++) {
      const id = await openCase();
      const k = 2 + Math.floor(random() * 7);
      const answers = await Promise.all(
        officers.slice(0, k).map((o) =>
          http(t.url, 'POST', `/admin/review-cases/${id}/decisions`, {
            headers: o.headers,
            body: {
              action: 'approve',
              reason_code: 'EVIDENCE_VERIFIED',
              justification: 'Concurrent decision under test.',
              version: 1,
            },
          }),
        ),
      );
      const statuses = answers.map((a) => a.status).sort();
      const [{ decided, events, webhooks, status }] = await ds().query(
        `SELECT (SELECT count(*)::int FROM audit_events WHERE action = 'identification.decided' AND entity_id = $1) AS decided,
                (SELECT count(*)::int FROM identification_events WHERE identification_id = $1 AND actor = 'staff') AS events,
                (SELECT count(*)::int FROM domain_events WHERE entity_id = $1 AND event_type = 'IDENTIFICATION') AS webhooks,
                (SELECT status FROM identifications WHERE id = $1) AS status`,
        [id],
      );
      const winner = answers.find((a) => a.status === 200);
      expect({ trial, k, statuses, decided, events, webhooks, status }).toEqual({
        trial,
        k,
        statuses: [200, ...Array<number>(k - 1).fill(409)],
        decided: 1,
        events: 1,
        webhooks: 1,
        status: 'successful',
      });
      const [{ actor_id }] = await ds().query(
        `SELECT actor_id FROM audit_events WHERE action = 'identification.decided' AND entity_id = $1`,
        [id],
      );
      expect(winner!.body.identification.decided_by).toBe(actor_id);
      for (const loser of answers.filter((a) => a.status === 409)) {
        expect(loser.body.errors[0].detail).toMatch(/already decided by .+ at /);
      }
      tally.trials++;
      tally.requests += k;
    }
    expect(tally.trials).toBe(TRIALS);
  }, 600_000);
});
