import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { CallbackProcessor } from '#kyc/idnow';
import { FakeIdnow, http, idnowResult, PartnerFactory, PersonFactory, type TestPartner } from '#kyc/testing';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Final results the provider reports, with the status and partner-visible reason they must produce. */
const OUTCOMES = [
  { result: 'SUCCESS', status: 'successful', reason: undefined },
  { result: 'ABORTED', status: 'aborted', reason: 'TECH_LIGHTING' },
  { result: 'CANCELED', status: 'canceled', reason: 'TECH_PHOTO' },
  { result: 'FRAUD_SUSPICION_CONFIRMED', status: 'failed', reason: undefined },
  { result: 'REVIEW_PENDING', status: 'pending_successful', reason: undefined },
  { result: 'FRAUD_SUSPICION_PENDING', status: 'pending_failed', reason: undefined },
] as const;

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

describe('IDnow callbacks: stored, acknowledged, then pulled and applied', () => {
  let t: TestApp;
  let fake: FakeIdnow;
  let partner: TestPartner;
  const ds = () => t.app.get(DataSource);

  async function pendingIdentification(): Promise<{ personId: string; id: string }> {
    const person = await PersonFactory.create(t, partner);
    const created = await http(t.url, 'POST', `/v1/persons/${person.id}/identifications`, {
      token: partner.token,
      body: { method: 'idnow' },
    });
    const requested = await http(
      t.url,
      'PATCH',
      `/v1/persons/${person.id}/identifications/${created.body.id}/request`,
      { token: partner.token },
    );
    expect(requested.status).toBe(200);
    return { personId: person.id, id: created.body.id };
  }

  async function settle(): Promise<void> {
    const processor = t.app.get(CallbackProcessor);
    for (let i = 0; i < 200; i++) {
      await processor.idle();
      await processor.drain();
      const [{ n }] = await ds().query(
        `SELECT count(*)::int AS n FROM provider_callbacks WHERE processed_at IS NULL`,
      );
      if (n === 0) return;
    }
    throw new Error('callbacks did not settle');
  }

  const post = (body: unknown) => http(t.url, 'POST', '/providers/idnow/callback', { body });

  beforeAll(async () => {
    fake = await new FakeIdnow().start();
    t = await startTestApp({
      env: { IDNOW_BASE_URL: fake.url, IDNOW_GO_URL: 'https://go.test.idnow.de', SANDBOX_TICK_MS: '0' },
    });
    partner = await PartnerFactory.create(t);
  });
  afterAll(() => t.close(() => fake.stop()));

  it('requests at the provider once and answers the same url on a second request', async () => {
    const { personId, id } = await pendingIdentification();
    const again = await http(t.url, 'PATCH', `/v1/persons/${personId}/identifications/${id}/request`, {
      token: partner.token,
    });
    expect(again.body).toMatchObject({
      status: 'pending',
      url: `https://go.test.idnow.de/kycdesk/identifications/${id}`,
      estimated_waiting_time: 42,
    });
    expect(again.body.reference).toMatch(/^TST-/);
    expect(fake.countOf('POST', new RegExp(`/identifications/${id}/start$`))).toBe(1);
    const [row] = await ds().query(
      `SELECT url_expires_at - requested_at AS validity FROM identifications WHERE id = $1`,
      [id],
    );
    expect(row.validity).toMatchObject({ days: 14 });
  });

  it('answers 502 when IDnow rejects the start, and the identification stays created', async () => {
    const person = await PersonFactory.create(t, partner);
    const base = `/v1/persons/${person.id}/identifications`;
    const created = await http(t.url, 'POST', base, { token: partner.token, body: { method: 'idnow' } });
    fake.startStatus = 409;
    try {
      const res = await http(t.url, 'PATCH', `${base}/${created.body.id}/request`, { token: partner.token });
      expect(res.status).toBe(502);
      expect(res.body.errors[0]).toMatchObject({ code: 'provider_error', status: 502 });
      expect(res.body.errors[0].detail).toContain('409');
    } finally {
      fake.startStatus = 201;
    }
    const after = await http(t.url, 'GET', `${base}/${created.body.id}`, { token: partner.token });
    expect(after.body).toMatchObject({ status: 'created', url: null });
    const retried = await http(t.url, 'PATCH', `${base}/${created.body.id}/request`, {
      token: partner.token,
    });
    expect(retried.body.status).toBe('pending');
  });

  it('takes the identification IDnow already holds when a retried start answers 409 EXISTING_IDENTIFICATION', async () => {
    // The first start got through but its answer was lost; by the retry the call is over at IDnow.
    const person = await PersonFactory.create(t, partner);
    const base = `/v1/persons/${person.id}/identifications`;
    const created = await http(t.url, 'POST', base, { token: partner.token, body: { method: 'idnow' } });
    const id = created.body.id as string;
    Object.assign(fake, { startStatus: 409, startCause: 'EXISTING_IDENTIFICATION' });
    try {
      // Without a result to read the ident id from, nothing is known: 502, still created.
      const early = await http(t.url, 'PATCH', `${base}/${id}/request`, { token: partner.token });
      expect(early.status).toBe(502);
      expect((await http(t.url, 'GET', `${base}/${id}`, { token: partner.token })).body.status).toBe(
        'created',
      );

      fake.results.set(id, {
        ...(idnowResult(id, 'SUCCESS') as object),
        identificationprocess: {
          id: 'TST-HELD1',
          result: 'SUCCESS',
          transactionnumber: id,
          identificationtime: new Date().toISOString(),
        },
      });
      const res = await http(t.url, 'PATCH', `${base}/${id}/request`, { token: partner.token });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        status: 'pending',
        reference: 'TST-HELD1',
        url: `https://go.test.idnow.de/kycdesk/identifications/${id}`,
      });
      const events = await ds().query(
        `SELECT from_status, to_status FROM identification_events WHERE identification_id = $1 AND kind = 'transition'`,
        [id],
      );
      expect(events).toEqual([{ from_status: 'created', to_status: 'pending' }]);
    } finally {
      Object.assign(fake, { startStatus: 201, startCause: 'INTERNAL_SERVER_ERROR' });
    }
  });

  it('converges 100 identifications whose callbacks arrive 1-3 times each, in random order, with stale ones mixed in', async () => {
    const cases = [];
    for (let i = 0; i < 100; i++) {
      const { id } = await pendingIdentification();
      const outcome = OUTCOMES[i % OUTCOMES.length];
      fake.results.set(id, idnowResult(id, outcome.result, outcome.reason));
      cases.push({ id, outcome });
    }
    const deliveries: unknown[] = [];
    for (const c of cases) {
      const copies = 1 + Math.floor(Math.random() * 3);
      for (let k = 0; k < copies; k++) deliveries.push(idnowResult(c.id, c.outcome.result, c.outcome.reason));
      // A stale preliminary result delivered late: the pull shows the final one, so it changes nothing.
      if (Math.random() < 0.5) deliveries.push(idnowResult(c.id, 'REVIEW_PENDING'));
    }
    const acks = [];
    for (const body of shuffle(deliveries)) acks.push(post(body));
    const answered = await Promise.all(acks);
    expect(answered.every((a) => a.status === 200)).toBe(true);
    await settle();

    for (const c of cases) {
      const [row] = await ds().query(`SELECT status, failure_reason FROM identifications WHERE id = $1`, [
        c.id,
      ]);
      expect(row.status).toBe(c.outcome.status);
      // created, created -> pending, pending -> final: exactly one provider transition however often it was told.
      const events = await ds().query(
        `SELECT kind, from_status, to_status FROM identification_events WHERE identification_id = $1 ORDER BY id`,
        [c.id],
      );
      expect(events.map((e: { to_status: string }) => e.to_status)).toEqual([
        'created',
        'pending',
        c.outcome.status,
      ]);
      const webhooks = await ds().query(
        `SELECT count(*)::int AS n FROM domain_events WHERE entity_id = $1 AND event_type = 'IDENTIFICATION'`,
        [c.id],
      );
      expect(webhooks[0].n).toBe(2);
    }
  }, 180_000);

  it('shows the reason for aborted and canceled, never for failed', async () => {
    const shown: Record<string, string | null> = {};
    for (const outcome of OUTCOMES) {
      const { personId, id } = await pendingIdentification();
      fake.results.set(id, idnowResult(id, outcome.result, outcome.reason ?? 'OTHER_ERROR'));
      await post(idnowResult(id, outcome.result));
      await settle();
      const res = await http(t.url, 'GET', `/v1/persons/${personId}/identifications/${id}`, {
        token: partner.token,
      });
      shown[res.body.status] = res.body.failure_reason;
    }
    expect(shown).toEqual({
      successful: null,
      aborted: 'TECH_LIGHTING',
      canceled: 'TECH_PHOTO',
      failed: null,
      pending_successful: null,
      pending_failed: null,
    });
  }, 60_000);

  it('answers the same url, without a provider call, when an aborted identification is requested again', async () => {
    const { personId, id } = await pendingIdentification();
    fake.results.set(id, idnowResult(id, 'ABORTED', 'TECH_LIGHTING'));
    await post(idnowResult(id, 'ABORTED', 'TECH_LIGHTING'));
    await settle();
    const starts = fake.countOf('POST', new RegExp(`/identifications/${id}/start$`));
    const again = await http(t.url, 'PATCH', `/v1/persons/${personId}/identifications/${id}/request`, {
      token: partner.token,
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'aborted', failure_reason: 'TECH_LIGHTING' });
    expect(again.body.url).toContain(id);
    expect(fake.countOf('POST', new RegExp(`/identifications/${id}/start$`))).toBe(starts);
  });

  it('ignores a forged callback for an unknown transaction', async () => {
    const txn = `${'f'.repeat(32)}cidt`;
    const res = await post(idnowResult(txn, 'SUCCESS'));
    expect(res.status).toBe(200);
    await settle();
    const [cb] = await ds().query(`SELECT outcome FROM provider_callbacks WHERE transaction_number = $1`, [
      txn,
    ]);
    expect(cb.outcome).toBe('no_result');
    const [{ n }] = await ds().query(`SELECT count(*)::int AS n FROM identifications WHERE id = $1`, [txn]);
    expect(n).toBe(0);
  });

  it('acts on what the pull shows, not on what the callback claims', async () => {
    const { id } = await pendingIdentification();
    fake.results.set(id, idnowResult(id, 'ABORTED', 'TECH_VIDEO'));
    await post(idnowResult(id, 'SUCCESS'));
    await settle();
    const [row] = await ds().query(`SELECT status, failure_reason FROM identifications WHERE id = $1`, [id]);
    expect(row).toEqual({ status: 'aborted', failure_reason: 'TECH_VIDEO' });
  });

  it('records a contradicting late result and flags the case instead of moving a final status', async () => {
    const { id } = await pendingIdentification();
    fake.results.set(id, idnowResult(id, 'SUCCESS'));
    await post(idnowResult(id, 'SUCCESS'));
    await settle();
    fake.results.set(id, idnowResult(id, 'FRAUD_SUSPICION_CONFIRMED'));
    await post(idnowResult(id, 'FRAUD_SUSPICION_CONFIRMED'));
    await settle();
    const [row] = await ds().query(
      `SELECT status, flagged, flag_reasons FROM identifications WHERE id = $1`,
      [id],
    );
    expect(row).toMatchObject({
      status: 'successful',
      flagged: true,
      flag_reasons: ['provider_contradiction'],
    });
    const kinds = await ds().query(
      `SELECT kind, to_status FROM identification_events WHERE identification_id = $1 ORDER BY id`,
      [id],
    );
    expect(kinds.at(-1)).toEqual({ kind: 'contradiction', to_status: 'failed' });
  });

  it('keeps a callback whose pull failed and applies it on a later attempt', async () => {
    const { id } = await pendingIdentification();
    fake.results.set(id, idnowResult(id, 'SUCCESS', undefined, { mobile: '+4915112345678' }));
    fake.failResultReads = true;
    await post(idnowResult(id, 'SUCCESS'));
    await t.app.get(CallbackProcessor).idle();
    await t.app.get(CallbackProcessor).drain();
    const [failed] = await ds().query(
      `SELECT processed_at, attempts, last_error, next_attempt_at > now() AS later FROM provider_callbacks WHERE transaction_number = $1`,
      [id],
    );
    expect(failed).toMatchObject({
      processed_at: null,
      attempts: 1,
      last_error: 'ServiceUnavailableError',
      later: true,
    });

    fake.failResultReads = false;
    await ds().query(`UPDATE provider_callbacks SET next_attempt_at = now() WHERE transaction_number = $1`, [
      id,
    ]);
    await settle();
    const [row] = await ds().query(
      `SELECT i.status, p.mobile_number FROM identifications i JOIN persons p ON p.id = i.person_id WHERE i.id = $1`,
      [id],
    );
    expect(row).toEqual({ status: 'successful', mobile_number: '+4915112345678' });
  });

  it('rejects a callback body that is not an IDnow identification', async () => {
    for (const body of [{}, { identificationprocess: { transactionnumber: '../etc' } }, [1, 2]]) {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(res.body.errors[0].source.field).toBe('identificationprocess.transactionnumber');
    }
  });
});
