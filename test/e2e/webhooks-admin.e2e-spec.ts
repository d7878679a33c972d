import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { WebhookDeliveryWorker } from '#kyc/webhooks';
import {
  FakeClock,
  http,
  PartnerFactory,
  StaffFactory,
  type StaffSession,
  type TestStaff,
  type TestPartner,
} from '#kyc/testing';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { type ReceivedRequest, WebhookReceiver } from '../support/webhook-receiver.js';

const HOUR = 3600_000;

/** Paths under /down answer 500 to deliveries; the subscription's verification ping always passes. */
const downIsDown = (r: ReceivedRequest) => ({
  status:
    r.path.startsWith('/down') && r.headers['solaris-webhook-event-type'] !== 'WEBHOOK-SUBSCRIPTION'
      ? 500
      : 200,
});

describe('webhooks in the console: subscriptions, deliveries with attempts, redelivery', () => {
  let t: TestApp;
  let receiver: WebhookReceiver;
  let admin: StaffSession & { staff: TestStaff };
  let officer: StaffSession & { staff: TestStaff };
  const clock = new FakeClock(new Date());
  const ds = () => t.app.get(DataSource);
  const drain = () => t.app.get(WebhookDeliveryWorker).drain();
  const get = (s: StaffSession, path: string) => http(t.url, 'GET', path, { headers: s.headers });
  const post = (s: StaffSession, path: string, body?: unknown) =>
    http(t.url, 'POST', path, { headers: s.headers, body });
  const q = (o: Record<string, unknown>) =>
    '?' +
    Object.entries(o)
      .map(([k, v]) => `${k}=${encodeURIComponent(JSON.stringify(v))}`)
      .join('&');
  const lastAudit = async (action: string) =>
    (
      await ds().query<
        { actor_id: string; role: string; entity_id: string; diff: any; request_id: string }[]
      >(
        `SELECT actor_id, role, entity_id, diff, request_id FROM audit_events WHERE action = $1 ORDER BY id DESC LIMIT 1`,
        [action],
      )
    )[0];

  async function subscribe(partner: TestPartner, path: string) {
    const res = await http(t.url, 'POST', '/v1/webhooks', {
      token: partner.token,
      body: { event_type: 'PERSON_CHANGED', url: `${receiver.url}${path}` },
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; secret: string };
  }

  async function event(partner: TestPartner, entityId: string) {
    await ds().query(
      `INSERT INTO domain_events (event_type, partner_id, entity_id, payload) VALUES ('PERSON_CHANGED', $1, $2, '{}')`,
      [partner.partnerId, entityId],
    );
  }

  /** Drive the relay on the fake clock until the receiver's 500s dead-letter every delivery of the subscription. */
  async function deadLetter(subscriptionId: string) {
    for (let i = 0; i < 40; i++) {
      await drain();
      const [{ pending }] = await ds().query<{ pending: number }[]>(
        `SELECT count(*)::int AS pending FROM webhook_deliveries WHERE subscription_id = $1 AND status = 'pending'`,
        [subscriptionId],
      );
      if (!pending) return signInAgain();
      clock.advance(7 * HOUR);
    }
    throw new Error('deliveries did not dead-letter');
  }

  /** Days pass on the fake clock, so the console sessions time out (as they should): sign in again. */
  async function signInAgain() {
    admin = { ...(await StaffFactory.login(t, admin.staff)), staff: admin.staff };
    officer = { ...(await StaffFactory.login(t, officer.staff)), staff: officer.staff };
  }

  beforeAll(async () => {
    receiver = await new WebhookReceiver().start();
    receiver.respond = downIsDown;
    t = await startTestApp({
      clock,
      env: { WEBHOOK_TICK_MS: '0', SANDBOX_TICK_MS: '0', WEBHOOK_TIMEOUT_MS: '500' },
    });
    admin = await StaffFactory.session(t, 'admin');
    officer = await StaffFactory.session(t, 'compliance_officer');
  });
  afterAll(() => t.close(() => receiver.stop()));

  it('lists the subscriptions of every partner, filtered and paged, with Content-Range', async () => {
    const [a, b] = [await PartnerFactory.create(t), await PartnerFactory.create(t)];
    const subA1 = await subscribe(a, '/a1');
    const subA2 = await subscribe(a, '/a2');
    const subB = await subscribe(b, '/b');
    await http(t.url, 'DELETE', `/v1/webhooks/${subA2.id}`, { token: a.token });

    const all = await get(
      officer,
      `/admin/webhook-subscriptions${q({ filter: { partner_id: [a.partnerId, b.partnerId] } })}`,
    );
    expect(all.status).toBe(200);
    expect(all.headers.get('content-range')).toBe('webhook-subscriptions 0-2/3');
    expect(all.body.map((s: { id: string }) => s.id).sort()).toEqual([subA1.id, subA2.id, subB.id].sort());
    expect(all.body.find((s: { id: string }) => s.id === subA2.id)).toMatchObject({
      state: 'deleted',
      partner_id: a.partnerId,
    });
    expect(JSON.stringify(all.body)).not.toContain(subA1.secret);
    expect(all.body[0]).not.toHaveProperty('secret_encrypted');

    const page = await get(
      officer,
      `/admin/webhook-subscriptions${q({ filter: { partner_id: a.partnerId, state: 'active' }, range: [0, 0], sort: ['created_at', 'ASC'] })}`,
    );
    expect(page.headers.get('content-range')).toBe('webhook-subscriptions 0-0/1');
    expect(page.body).toEqual([
      expect.objectContaining({ id: subA1.id, state: 'active', pending_deliveries: 0 }),
    ]);

    const one = await get(officer, `/admin/webhook-subscriptions/${subB.id}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: subB.id, partner_id: b.partnerId, url: `${receiver.url}/b` });
    expect(await lastAudit('webhook.subscription_viewed')).toMatchObject({
      actor_id: officer.staff.id,
      entity_id: subB.id,
    });
    expect((await get(officer, '/admin/webhook-subscriptions/nope')).status).toBe(404);
  });

  it.each([
    ['an unknown sort field', { sort: ['secret_encrypted', 'ASC'] }, 'sort'],
    ['a bad sort order', { sort: ['id', 'UP'] }, 'sort'],
    ['an unknown filter', { filter: { secret: 'x' } }, 'filter.secret'],
    ['a bad enum value', { filter: { status: 'lost' } }, 'filter.status'],
    ['a bad date', { filter: { created_from: 'yesterday' } }, 'filter.created_from'],
    ['a reversed range', { range: [10, 2] }, 'range'],
    ['an injection attempt', { filter: { "status = 'x' OR 1=1 --": 'x' } }, "filter.status = 'x' OR 1=1 --"],
  ])('answers 400 with the field for %s', async (_, params, field) => {
    const res = await get(officer, `/admin/webhook-deliveries${q(params)}`);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].source.field).toBe(field);
  });

  it('answers 400 for a parameter that is not JSON, and caps a page at 100 rows', async () => {
    const bad = await get(officer, '/admin/webhook-deliveries?filter={oops');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].source.field).toBe('filter');
    const big = await get(officer, `/admin/webhook-deliveries${q({ range: [0, 999] })}`);
    expect(big.status).toBe(200);
    expect(big.body.length).toBeLessThanOrEqual(100);
  });

  it('shows a dead-lettered delivery with every attempt, and redelivers it under the same webhook id', async () => {
    const partner = await PartnerFactory.create(t);
    const sub = await subscribe(partner, '/down/1');
    await event(partner, 'person-redeliver');
    await deadLetter(sub.id);

    const list = await get(
      officer,
      `/admin/webhook-deliveries${q({ filter: { subscription_id: sub.id, status: 'failed' } })}`,
    );
    expect(list.headers.get('content-range')).toBe('webhook-deliveries 0-0/1');
    const [d] = list.body;
    expect(d).toMatchObject({
      partner_id: partner.partnerId,
      entity_id: 'person-redeliver',
      event_type: 'PERSON_CHANGED',
    });
    expect(d.attempts).toBeGreaterThan(5);

    const shown = await get(officer, `/admin/webhook-deliveries/${d.id}`);
    expect(shown.status).toBe(200);
    expect(shown.body.attempt_log).toHaveLength(d.attempts);
    expect(shown.body.attempt_log.map((a: { attempt: number }) => a.attempt)).toEqual(
      Array.from({ length: d.attempts }, (_, i) => i + 1),
    );
    expect(shown.body.attempt_log[0]).toMatchObject({ response_status: 500, latency_ms: expect.any(Number) });
    expect(await lastAudit('webhook.delivery_viewed')).toMatchObject({
      actor_id: officer.staff.id,
      entity_id: d.id,
    });

    const sentBefore = receiver.deliveries().filter((r) => r.path === '/down/1');
    const webhookId = sentBefore[0].headers['solaris-webhook-id'];
    expect(new Set(sentBefore.map((r) => r.headers['solaris-webhook-id']))).toEqual(new Set([webhookId]));

    receiver.respond = () => ({ status: 200 });
    try {
      const again = await post(admin, `/admin/webhook-deliveries/${d.id}/redeliver`);
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ id: d.id, status: 'pending' });
      const audit = await lastAudit('webhook.redelivered');
      expect(audit).toMatchObject({
        actor_id: admin.staff.id,
        role: 'admin',
        entity_id: d.id,
        diff: { before: { status: 'failed', attempts: d.attempts }, after: { status: 'pending' } },
      });
      expect(audit.request_id).toEqual(expect.any(String));
      await drain();
    } finally {
      receiver.respond = downIsDown;
    }
    const sent = receiver.deliveries().filter((r) => r.path === '/down/1');
    expect(sent).toHaveLength(sentBefore.length + 1);
    expect(sent.at(-1)!.headers).toMatchObject({
      'solaris-webhook-id': webhookId,
      'solaris-webhook-attempt': String(d.attempts + 1),
    });
    const after = await get(officer, `/admin/webhook-deliveries/${d.id}`);
    expect(after.body).toMatchObject({ status: 'delivered', attempts: d.attempts + 1 });
  });

  it('refuses to redeliver a pending delivery, one of a deleted subscription, or an unknown one', async () => {
    const partner = await PartnerFactory.create(t);
    const sub = await subscribe(partner, '/down/2');
    await event(partner, 'person-pending');
    await drain(); // one failed attempt: pending, retry scheduled
    const [d] = (await get(officer, `/admin/webhook-deliveries${q({ filter: { subscription_id: sub.id } })}`))
      .body;
    expect(d.status).toBe('pending');
    const pending = await post(admin, `/admin/webhook-deliveries/${d.id}/redeliver`);
    expect(pending.status).toBe(409);

    await http(t.url, 'DELETE', `/v1/webhooks/${sub.id}`, { token: partner.token });
    const gone = await post(admin, `/admin/webhook-deliveries/${d.id}/redeliver`);
    expect(gone.status).toBe(409);
    expect(gone.body.errors[0].detail).toMatch(/deleted or canceled/);

    for (const id of ['999999999', 'abc', '0']) {
      const res = await post(admin, `/admin/webhook-deliveries/${id}/redeliver`);
      expect(res.status).toBe(404);
      expect(res.body.errors[0].code).toBe('model_not_found');
    }
  });

  it('redelivers every failed delivery created in a time range, once, and audits the batch', async () => {
    const partner = await PartnerFactory.create(t);
    const sub = await subscribe(partner, '/down/3');
    const start = new Date(Date.now() - 1000);
    await event(partner, 'person-r1');
    await event(partner, 'person-r2');
    await deadLetter(sub.id);
    const end = new Date(Date.now() + 1000);

    const before = await post(admin, '/admin/webhook-deliveries/redeliver-failed', {
      from: '2020-01-01T00:00:00Z',
      to: start.toISOString(),
      subscription_id: sub.id,
    });
    expect(before).toMatchObject({ status: 200, body: { requeued: 0 } });

    const res = await post(admin, '/admin/webhook-deliveries/redeliver-failed', {
      from: start.toISOString(),
      to: end.toISOString(),
      subscription_id: sub.id,
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ requeued: 2 });
    expect(await lastAudit('webhook.failed_redelivered')).toMatchObject({
      actor_id: admin.staff.id,
      entity_id: sub.id,
      diff: { requeued: 2, from: start.toISOString(), to: end.toISOString() },
    });
    const rows = await ds().query<{ status: string }[]>(
      `SELECT status FROM webhook_deliveries WHERE subscription_id = $1`,
      [sub.id],
    );
    expect(rows.map((r) => r.status)).toEqual(['pending', 'pending']);
    const again = await post(admin, '/admin/webhook-deliveries/redeliver-failed', {
      from: start.toISOString(),
      to: end.toISOString(),
      subscription_id: sub.id,
    });
    expect(again.body).toEqual({ requeued: 0 });
  });

  it.each([
    ['to before from', { from: '2026-01-02T00:00:00Z', to: '2026-01-01T00:00:00Z' }, 'to'],
    ['a bad date', { from: 'monday', to: '2026-01-01T00:00:00Z' }, 'from'],
    ['an unknown field', { from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z', status: 'x' }, 'status'],
    [
      'a bad subscription id',
      { from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z', subscription_id: "x' OR 1=1" },
      'subscription_id',
    ],
  ])('refuses a bulk redelivery with %s (400, nothing changed)', async (_, body, field) => {
    const before = await ds().query<{ n: number }[]>(`SELECT count(*)::int AS n FROM audit_events`);
    const res = await post(admin, '/admin/webhook-deliveries/redeliver-failed', body);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].source.field).toBe(field);
    expect(await ds().query(`SELECT count(*)::int AS n FROM audit_events`)).toEqual(before);
  });
});
