import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { CallbackProcessor, IdnowSandboxScheduler } from '#kyc/idnow';
import { FakeClock, http, PartnerFactory, PersonFactory, type TestPartner } from '#kyc/testing';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Every test scenario of the seed, through the partner API, the real adapter, real HTTP to the built-in
 * sandbox and its callbacks. Time is an injected clock: the sandbox plays due steps when ticked.
 */
const SCENARIOS: { name: string; seen: string[]; reason?: string; changesPerson?: boolean }[] = [
  { name: 'HAPPYPATH', seen: ['successful'] },
  { name: 'CHANGEALL', seen: ['successful'], changesPerson: true },
  { name: 'CHANGEALLREVIEW', seen: ['pending_successful', 'successful'], changesPerson: true },
  { name: 'ABORTIDENT', seen: ['aborted'], reason: 'TECH_VIDEO' },
  { name: 'FRAUDOK', seen: ['pending_failed', 'successful'] },
  { name: 'CANCELED', seen: ['pending_successful', 'canceled'], reason: 'TECH_PHOTO' },
  { name: 'CANCELLED', seen: ['pending_successful', 'canceled'], reason: 'TECH_PHOTO' },
  { name: 'LONGREVIEW', seen: ['pending_successful', 'successful'] },
  { name: 'HOLDCERTIFICATE', seen: ['successful'] },
  { name: 'FRAUDIDENT', seen: ['pending_failed', 'failed'] },
  { name: 'FRAUDREVIEW', seen: ['pending_successful', 'failed'] },
];

/** Clock steps that cross every scenario's timeline: call end, review, HOLDCERTIFICATE's 10 min, LONGREVIEW's 24 h. */
const STEPS_MS = [31_000, 95_000, 11 * 60_000, 24 * 3600_000 + 60_000];

describe('identification scenarios end to end (sandbox)', () => {
  let t: TestApp;
  let partner: TestPartner;
  const clock = new FakeClock('2026-11-27T08:00:00Z');

  beforeAll(async () => {
    t = await startTestApp({ env: { SANDBOX_TICK_MS: '0' }, clock });
    partner = await PartnerFactory.create(t);
  });
  afterAll(() => t.close());

  async function settle(): Promise<void> {
    await t.app.get(IdnowSandboxScheduler).tick();
    const processor = t.app.get(CallbackProcessor);
    for (let i = 0; i < 100; i++) {
      await processor.idle();
      await processor.drain();
      const [{ n }] = await t.app
        .get(DataSource)
        .query(`SELECT count(*)::int AS n FROM provider_callbacks WHERE processed_at IS NULL`);
      if (n === 0) return;
    }
  }

  async function startIdentification(firstName: string) {
    const person = await PersonFactory.create(t, partner, {
      first_name: firstName,
      mobile_number: '+49301111111',
    });
    const created = await http(t.url, 'POST', `/v1/persons/${person.id}/identifications`, {
      token: partner.token,
      body: { method: 'idnow', language: 'EN' },
    });
    const path = `/v1/persons/${person.id}/identifications/${created.body.id}`;
    const requested = await http(t.url, 'PATCH', `${path}/request`, { token: partner.token });
    expect(requested.status).toBe(200);
    expect(requested.body).toMatchObject({ status: 'pending' });
    expect(requested.body.reference).toMatch(/^TST-[A-Z]{5}$/);
    return { person, path, url: requested.body.url as string };
  }

  async function playOut(path: string): Promise<{ seen: string[]; last: Record<string, unknown> }> {
    const seen: string[] = [];
    let last: Record<string, unknown> = {};
    for (const step of STEPS_MS) {
      clock.advance(step);
      await settle();
      // Tokens expire with the (fake) clock too: take a fresh one after a jump.
      partner.token = await freshToken();
      last = (await http(t.url, 'GET', path, { token: partner.token })).body;
      if (last.status !== 'pending' && seen.at(-1) !== last.status) seen.push(last.status as string);
    }
    return { seen, last };
  }

  async function freshToken(): Promise<string> {
    const res = await http(t.url, 'POST', '/oauth/token', {
      body: { grant_type: 'client_credentials', client_id: partner.clientId, client_secret: partner.secret },
    });
    return res.body.access_token as string;
  }

  async function form(url: string, action: string, fields: Record<string, string>) {
    return fetch(`${url}/${action}`, {
      method: 'POST',
      body: new URLSearchParams(fields),
      redirect: 'manual',
    });
  }

  describe.each(SCENARIOS)('$name', (scenario) => {
    it('X-AUTOTEST: plays without a user', async () => {
      const { person, path } = await startIdentification(`X-AUTOTEST-${scenario.name}`);
      const { seen, last } = await playOut(path);
      expect(seen).toStrictEqual(scenario.seen);
      expect(last.failure_reason).toBe(scenario.reason ?? null);
      const after = await http(t.url, 'GET', `/v1/persons/${person.id}`, { token: partner.token });
      if (scenario.changesPerson) {
        expect(after.body.last_name).not.toBe(person.last_name);
        expect(after.body.birth_date).not.toBe(person.birth_date);
        expect(after.body.address).not.toEqual(person.address);
      } else if (last.status === 'successful') {
        expect(after.body.last_name).toBe(person.last_name);
      }
    });

    it('X-MANUALTEST: waits for the customer, who completes the web flow', async () => {
      const { path, url } = await startIdentification(`X-MANUALTEST-${scenario.name}`);
      clock.advance(10 * 60_000);
      await settle();
      expect((await http(t.url, 'GET', path, { token: partner.token })).body.status).toBe('pending');

      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<form');
      expect(
        (await form(url, 'start', { mobile: '015112345678', terms: 'yes', document: 'yes' })).status,
      ).toBe(303);
      if (scenario.name !== 'ABORTIDENT') {
        expect((await form(url, 'continue', {})).status).toBe(303);
        expect((await form(url, 'code', { code: '123456' })).status).toBe(303);
      }
      const { seen, last } = await playOut(path);
      expect(seen).toStrictEqual(scenario.seen);
      expect(last.failure_reason).toBe(scenario.reason ?? null);
    });
  });

  it('lands the verified mobile number the customer entered on the person', async () => {
    const { person, url, path } = await startIdentification('X-MANUALTEST-HAPPYPATH');
    await form(url, 'start', { mobile: '015112345678', terms: 'yes', document: 'yes' });
    await form(url, 'continue', {});
    await form(url, 'code', { code: '123456' });
    const { last } = await playOut(path);
    expect(last.status).toBe('successful');
    const after = await http(t.url, 'GET', `/v1/persons/${person.id}`, { token: partner.token });
    expect(after.body.mobile_number).toBe('+4915112345678');
  });

  it('ends an attempt after three wrong ident codes, and the same url works again', async () => {
    const { url, path } = await startIdentification('X-MANUALTEST-HAPPYPATH');
    await form(url, 'start', { mobile: '+15550101', terms: 'yes', document: 'yes' });
    await form(url, 'continue', {});
    for (const code of ['111111', '222222', '333333']) await form(url, 'code', { code });
    await settle();
    const aborted = (await http(t.url, 'GET', path, { token: partner.token })).body;
    expect(aborted).toMatchObject({ status: 'aborted', failure_reason: 'IDENT_CODE_REPEATEDLY_INCORRECT' });

    await form(url, 'start', { mobile: '+15550101', terms: 'yes', document: 'yes' });
    await form(url, 'continue', {});
    await form(url, 'code', { code: '123456' });
    const { last } = await playOut(path);
    expect(last.status).toBe('successful');
  });

  it('records the agent changes of CHANGEALL as a field-level diff with its source', async () => {
    const { person, path } = await startIdentification('X-AUTOTEST-CHANGEALL');
    await playOut(path);
    const diffs = await t.app
      .get(DataSource)
      .query(
        `SELECT field, old_value, new_value, source FROM person_data_changes WHERE person_id = $1 ORDER BY id`,
        [person.id],
      );
    const fields = diffs.map((d: { field: string }) => d.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'first_name',
        'last_name',
        'birth_date',
        'address.line_1',
        'address.postal_code',
      ]),
    );
    const last = diffs.find((d: { field: string }) => d.field === 'last_name');
    expect(last).toMatchObject({ old_value: person.last_name, source: 'provider_agent' });
  });
});
