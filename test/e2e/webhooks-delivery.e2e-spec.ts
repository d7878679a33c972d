import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { WebhookDeliveryWorker } from '#kyc/webhooks';
import { FakeClock, http, PartnerFactory, PersonFactory, type TestPartner } from '#kyc/testing';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { type ReceivedRequest, WebhookReceiver } from '../support/webhook-receiver.js';

/** An independent verifier (node:crypto only): the header is sha256=<hex HMAC of the exact bytes>. */
function validSignature(r: ReceivedRequest, secret: string): boolean {
  const header = r.headers['solaris-webhook-signature'];
  if (typeof header !== 'string' || !header.startsWith('sha256=')) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(r.body).digest('hex'));
  const given = Buffer.from(header.slice(7));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

describe('webhook delivery', () => {
  let t: TestApp;
  let receiver: WebhookReceiver;
  let partner: TestPartner;
  const clock = new FakeClock(new Date());
  const ds = () => t.app.get(DataSource);
  const drain = () => t.app.get(WebhookDeliveryWorker).drain();
  type DeliveryRow = {
    id: string;
    status: string;
    attempts: number;
    next_attempt_at: Date;
    webhook_id: string;
  };
  type AttemptRow = {
    attempt: number;
    response_status: number | null;
    error: string | null;
    response_head: string | null;
  };
  const deliveries = (subscriptionId: string) =>
    ds().query<DeliveryRow[]>(`SELECT * FROM webhook_deliveries WHERE subscription_id = $1 ORDER BY id`, [
      subscriptionId,
    ]);
  const attempts = (deliveryId: string) =>
    ds().query<AttemptRow[]>(`SELECT * FROM webhook_attempts WHERE delivery_id = $1 ORDER BY attempt`, [
      deliveryId,
    ]);

  async function subscribe(
    path: string,
    eventType = 'PERSON_CHANGED',
  ): Promise<{ id: string; secret: string }> {
    const res = await http(t.url, 'POST', '/v1/webhooks', {
      token: partner.token,
      body: { event_type: eventType, url: `${receiver.url}${path}` },
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  /** A real identification flow: create, then request at the (in-process, HTTP) IDnow sandbox. */
  async function requestIdentification(): Promise<{ personId: string; id: string }> {
    const person = await PersonFactory.create(t, partner);
    const base = `/v1/persons/${person.id}/identifications`;
    const created = await http(t.url, 'POST', base, { token: partner.token, body: { method: 'idnow' } });
    const requested = await http(t.url, 'PATCH', `${base}/${created.body.id}/request`, {
      token: partner.token,
    });
    expect(requested.status).toBe(200);
    return { personId: person.id, id: created.body.id };
  }

  /** An outbox row as a domain transaction writes it. */
  const outbox = (entityId: string, payload: object) =>
    ds().query(
      `INSERT INTO domain_events (event_type, partner_id, entity_id, payload) VALUES ('PERSON_CHANGED', $1, $2, $3)`,
      [partner.partnerId, entityId, JSON.stringify(payload)],
    );

  const at = (path: string) => receiver.deliveries().filter((r) => r.path === path);

  beforeAll(async () => {
    receiver = await new WebhookReceiver().start();
    t = await startTestApp({
      clock,
      env: { WEBHOOK_TICK_MS: '0', SANDBOX_TICK_MS: '0', WEBHOOK_TIMEOUT_MS: '500' },
    });
  });
  beforeEach(async () => {
    partner = await PartnerFactory.create(t);
    receiver.respond = () => ({ status: 200 });
  });
  afterAll(() => t.close(() => receiver.stop()));

  it('delivers an IDENTIFICATION event once, signed over the exact bytes, with the Solaris headers', async () => {
    const sub = await subscribe('/ident', 'IDENTIFICATION');
    const { personId, id } = await requestIdentification();
    await drain();
    const [r] = at('/ident');
    expect(at('/ident')).toHaveLength(1);
    expect(validSignature(r, sub.secret)).toBe(true);
    expect(validSignature({ ...r, body: Buffer.concat([r.body, Buffer.from(' ')]) }, sub.secret)).toBe(false);
    expect(r.headers).toMatchObject({
      'content-type': 'application/json',
      'solaris-webhook-event-type': 'IDENTIFICATION',
      'solaris-webhook-attempt': '1',
      'solaris-webhook-subscription-id': sub.id,
      'solaris-entity-id': id,
      'solaris-webhook-id': expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    const body = JSON.parse(r.body.toString('utf8'));
    expect(body).toMatchObject({ id, person_id: personId, status: 'pending', method: 'idnow' });
    expect(Object.keys(body).sort()).toEqual([
      'completed_at',
      'id',
      'method',
      'person_id',
      'reference',
      'status',
      'url',
    ]);
    const [d] = await deliveries(sub.id);
    expect(d).toMatchObject({
      status: 'delivered',
      attempts: 1,
      webhook_id: r.headers['solaris-webhook-id'],
    });
    expect(await attempts(d.id)).toEqual([
      expect.objectContaining({ attempt: 1, response_status: 200, error: null }),
    ]);
    await drain();
    expect(at('/ident')).toHaveLength(1);
  });

  it('retries with backoff on the fake clock, keeping the webhook id, until the 5-day window closes', async () => {
    const sub = await subscribe('/flaky');
    await outbox('person-retry', { n: 1 });
    receiver.respond = () => ({ status: 503, body: 'try later' });
    await drain();
    let [d] = await deliveries(sub.id);
    const delay1 = d.next_attempt_at.getTime() - clock.now().getTime();
    expect(delay1).toBeGreaterThanOrEqual(1000);
    expect(delay1).toBeLessThanOrEqual(30_000);
    await drain(); // not due yet
    expect(at('/flaky')).toHaveLength(1);
    clock.set(d.next_attempt_at);
    await drain();
    [d] = await deliveries(sub.id);
    expect(at('/flaky')).toHaveLength(2);
    expect(d.next_attempt_at.getTime() - clock.now().getTime()).toBeLessThanOrEqual(60_000);
    clock.advance(5 * DAY);
    await drain();
    [d] = await deliveries(sub.id);
    expect(d.status).toBe('failed');
    const sent = at('/flaky');
    expect(sent.map((r) => r.headers['solaris-webhook-attempt'])).toEqual(['1', '2', '3']);
    expect(new Set(sent.map((r) => r.headers['solaris-webhook-id'])).size).toBe(1);
    expect(sent.every((r) => validSignature(r, sub.secret))).toBe(true);
    const log = await attempts(d.id);
    expect(log.map((a) => a.response_status)).toEqual([503, 503, 503]);
    expect(log[0].response_head).toBe('try later');
    clock.advance(DAY);
    await drain();
    expect(at('/flaky')).toHaveLength(3);
  });

  it('cancels the subscription and its pending deliveries on 410', async () => {
    const sub = await subscribe('/gone');
    await outbox('person-gone-1', {});
    await outbox('person-gone-1', {}); // same entity: waits behind the first, then is canceled
    receiver.respond = () => ({ status: 410 });
    await drain();
    expect((await deliveries(sub.id)).map((d) => d.status)).toEqual(['canceled', 'canceled']);
    expect(at('/gone')).toHaveLength(1);
    const [row] = await ds().query(`SELECT canceled_at FROM webhook_subscriptions WHERE id = $1`, [sub.id]);
    expect(row.canceled_at).not.toBeNull();
    await outbox('person-gone-3', {});
    await drain();
    expect(await deliveries(sub.id)).toHaveLength(2);
  });

  it('stops on 422 (rejected, no retry)', async () => {
    const sub = await subscribe('/reject');
    await outbox('person-422', {});
    receiver.respond = () => ({ status: 422 });
    await drain();
    clock.advance(DAY);
    await drain();
    expect(at('/reject')).toHaveLength(1);
    expect((await deliveries(sub.id))[0].status).toBe('rejected');
  });

  it('retries after a timeout', async () => {
    const sub = await subscribe('/slow');
    await outbox('person-slow', {});
    receiver.respond = () => ({ status: 200, delayMs: 1500 });
    await drain();
    let [d] = await deliveries(sub.id);
    expect(d.status).toBe('pending');
    expect((await attempts(d.id))[0]).toMatchObject({ error: 'timeout', response_status: null });
    receiver.respond = () => ({ status: 200 });
    clock.set(d.next_attempt_at);
    await drain();
    [d] = await deliveries(sub.id);
    expect(d).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  it("delivers one entity's events in order: a later event waits for an earlier pending one", async () => {
    const sub = await subscribe('/order');
    await outbox('person-order', { n: 1 });
    await outbox('person-order', { n: 2 });
    await outbox('person-other', { n: 3 });
    receiver.respond = (r) => ({ status: JSON.parse(r.body.toString()).n === 1 ? 503 : 200 });
    await drain();
    // Different entities go out concurrently: only the set is fixed.
    expect(
      at('/order')
        .map((r) => JSON.parse(r.body.toString()).n)
        .sort(),
    ).toEqual([1, 3]);
    receiver.respond = () => ({ status: 200 });
    clock.set((await deliveries(sub.id))[0].next_attempt_at);
    await drain();
    expect(
      at('/order')
        .map((r) => JSON.parse(r.body.toString()).n)
        .slice(2),
    ).toEqual([1, 2]);
    expect((await deliveries(sub.id)).map((d) => d.status)).toEqual(['delivered', 'delivered', 'delivered']);
  });

  it('sends nothing for events that happened before the subscription, or to a deleted one', async () => {
    await outbox('person-early', {});
    const sub = await subscribe('/late');
    await drain();
    expect(at('/late')).toHaveLength(0);
    await http(t.url, 'DELETE', `/v1/webhooks/${sub.id}`, { token: partner.token });
    await outbox('person-after-delete', {});
    await drain();
    expect(at('/late')).toHaveLength(0);
  });
});
