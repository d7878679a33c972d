import { lookup } from 'node:dns/promises';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { http, PartnerFactory, type TestPartner } from '#kyc/testing';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';

describe('POST/GET/DELETE /v1/webhooks', () => {
  let t: TestApp;
  let receiver: WebhookReceiver;
  let partner: TestPartner;
  const rows = (partnerId: string) =>
    t.app
      .get(DataSource)
      .query<{ secret_encrypted: string; deleted_at: Date | null }[]>(
        `SELECT * FROM webhook_subscriptions WHERE partner_id = $1`,
        [partnerId],
      );
  const subscribe = (p: TestPartner, body: unknown) =>
    http(t.url, 'POST', '/v1/webhooks', { token: p.token, body });

  beforeAll(async () => {
    receiver = await new WebhookReceiver().start();
    t = await startTestApp({ env: { WEBHOOK_TICK_MS: '0', SANDBOX_TICK_MS: '0' } });
  });
  beforeAll(async () => {
    partner = await PartnerFactory.create(t);
  });
  afterAll(() => t.close(() => receiver.stop()));

  it('stores nothing when the verification ping is refused', async () => {
    const p = await PartnerFactory.create(t);
    receiver.respond = () => ({ status: 500 });
    const res = await subscribe(p, { event_type: 'IDENTIFICATION', url: `${receiver.url}/refuse` });
    receiver.respond = () => ({ status: 200 });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({
      code: 'webhook_verification_failed',
      source: { field: 'url' },
    });
    expect(res.body.errors[0].detail).toContain('answered 500');
    expect(await rows(p.partnerId)).toHaveLength(0);
  });

  it('does not follow a redirect answered to the ping', async () => {
    const p = await PartnerFactory.create(t);
    const before = receiver.requests.length;
    receiver.respond = (r) => (r.path === '/moved' ? { status: 302, body: '' } : { status: 200 });
    const res = await subscribe(p, { event_type: 'IDENTIFICATION', url: `${receiver.url}/moved` });
    receiver.respond = () => ({ status: 200 });
    expect(res.status).toBe(400);
    expect(receiver.requests.length - before).toBe(1);
  });

  it('creates the subscription after a 2xx ping and shows the secret once', async () => {
    const res = await subscribe(partner, { event_type: 'IDENTIFICATION', url: `${receiver.url}/ok` });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{32}cwhk$/),
      event_type: 'IDENTIFICATION',
      url: `${receiver.url}/ok`,
      secret: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const ping = receiver.requests.at(-1)!;
    expect(ping.headers['solaris-webhook-event-type']).toBe('WEBHOOK-SUBSCRIPTION');
    expect(ping.body.length).toBe(0);
    const [row] = await rows(partner.partnerId);
    expect(row.secret_encrypted).not.toContain(res.body.secret);
    const got = await http(t.url, 'GET', `/v1/webhooks/${res.body.id}`, { token: partner.token });
    expect(got.status).toBe(200);
    expect(got.body).toEqual({ id: res.body.id, event_type: 'IDENTIFICATION', url: `${receiver.url}/ok` });
  });

  it('answers 400 naming the field for a bad event type or url', async () => {
    const bad = await subscribe(partner, { event_type: 'ACCOUNT_OPENING', url: `${receiver.url}/ok` });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].source.field).toBe('event_type');
    const noUrl = await subscribe(partner, { event_type: 'IDENTIFICATION', url: 'ftp://example.com/x' });
    expect(noUrl.status).toBe(400);
    expect(noUrl.body.errors[0].source).toEqual({ field: 'url', message: 'must be an http(s) URL' });
  });

  it('lists page by page with page[number] and page[size]', async () => {
    const p = await PartnerFactory.create(t);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push((await subscribe(p, { event_type: 'PERSON_CHANGED', url: `${receiver.url}/l${i}` })).body.id);
    const all = await http(t.url, 'GET', '/v1/webhooks', { token: p.token });
    expect(all.body.map((w: { id: string }) => w.id)).toEqual(ids);
    const first = await http(t.url, 'GET', '/v1/webhooks?page[number]=1&page[size]=2', { token: p.token });
    const second = await http(t.url, 'GET', '/v1/webhooks?page[number]=2&page[size]=2', { token: p.token });
    expect(first.body.map((w: { id: string }) => w.id)).toEqual(ids.slice(0, 2));
    expect(second.body.map((w: { id: string }) => w.id)).toEqual(ids.slice(2));
    const tooBig = await http(t.url, 'GET', '/v1/webhooks?page[size]=101', { token: p.token });
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.errors[0].source.field).toBe('page[size]');
  });

  it('deletes softly: 204, then 404, and gone from the list', async () => {
    const p = await PartnerFactory.create(t);
    const { body } = await subscribe(p, { event_type: 'IDENTIFICATION', url: `${receiver.url}/d` });
    const del = await http(t.url, 'DELETE', `/v1/webhooks/${body.id}`, { token: p.token });
    expect(del.status).toBe(204);
    expect((await http(t.url, 'GET', `/v1/webhooks/${body.id}`, { token: p.token })).status).toBe(404);
    expect((await http(t.url, 'DELETE', `/v1/webhooks/${body.id}`, { token: p.token })).status).toBe(404);
    expect((await http(t.url, 'GET', '/v1/webhooks', { token: p.token })).body).toEqual([]);
    expect((await rows(p.partnerId))[0].deleted_at).not.toBeNull();
  });

  it("answers 404 for another partner's webhook, like an unknown id", async () => {
    const owner = await PartnerFactory.create(t);
    const { body } = await subscribe(owner, { event_type: 'IDENTIFICATION', url: `${receiver.url}/mine` });
    for (const method of ['GET', 'DELETE']) {
      const res = await http(t.url, method, `/v1/webhooks/${body.id}`, { token: partner.token });
      expect(res.status).toBe(404);
      expect(res.body.errors[0].code).toBe('model_not_found');
    }
    expect((await http(t.url, 'GET', `/v1/webhooks/${body.id}`, { token: owner.token })).status).toBe(200);
  });

  it('has no PATCH (subscriptions are immutable)', async () => {
    const res = await http(t.url, 'PATCH', '/v1/webhooks/x', { token: partner.token, body: {} });
    expect(res.status).toBeGreaterThanOrEqual(404);
    expect(res.status).toBeLessThan(500);
  });
});

describe('webhook SSRF guard with private targets not allowed', () => {
  let t: TestApp;
  let canary: WebhookReceiver;
  let partner: TestPartner;

  beforeAll(async () => {
    canary = await new WebhookReceiver().start();
    t = await startTestApp({
      env: { WEBHOOK_TICK_MS: '0', SANDBOX_TICK_MS: '0', ALLOW_PRIVATE_WEBHOOK_TARGETS: 'false' },
    });
    partner = await PartnerFactory.create(t);
  });
  afterAll(() => t.close(() => canary.stop()));

  it('lets no connection reach a canary on 127.0.0.1, whatever the spelling', async () => {
    const port = new URL(canary.url).port;
    const resolvesToLoopback = await lookup(hostname()).then(
      (a) => a.address.startsWith('127.'),
      () => false,
    );
    const hosts = [
      '127.0.0.1',
      '2130706433',
      '0177.0.0.1',
      '0x7f000001',
      '0x7f.0.0.1',
      '127.1',
      '[::1]',
      '[::ffff:127.0.0.1]',
      '[::ffff:7f00:1]',
      'localhost',
      hostname(), // a DNS name: refused at connect time, by what it resolves to
      '0.0.0.0',
      '169.254.169.254',
    ];
    for (const host of hosts) {
      const res = await http(t.url, 'POST', '/v1/webhooks', {
        token: partner.token,
        body: { event_type: 'IDENTIFICATION', url: `http://${host}:${port}/hook` },
      });
      expect({ host, status: res.status }).toEqual({ host, status: 400 });
      if (host === hostname() && resolvesToLoopback)
        expect(res.body.errors[0].detail).toContain('blocked_address');
    }
    expect(canary.connections).toBe(0);
    expect(await t.app.get(DataSource).query(`SELECT id FROM webhook_subscriptions`)).toEqual([]);
  });
});
