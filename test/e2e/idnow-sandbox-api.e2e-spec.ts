import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createLogger } from '#kyc/common';
import { IdnowClient, parseIdnowResult } from '#kyc/idnow';
import { FakeClock, http } from '#kyc/testing';
import { createApp } from '../../apps/api/src/create-app.js';
import {
  CALL_MS,
  HOLD_CERTIFICATE_MS,
  IdnowSandboxScheduler,
  LONG_REVIEW_MS,
  REVIEW_MS,
  SCENARIO_CASES,
  type ScenarioCase,
} from '../../libs/idnow/src/sandbox/index.js';
import { CallbackReceiver } from '../support/callback-receiver.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const COMPANY = 'kycdesk';
const SECRET = 'callback-secret-0123456789';
const api = (path: string) => `/sandbox/idnow/api/v1/${COMPANY}${path}`;
const newTxn = () => `${randomBytes(16).toString('hex')}cidt`;
const person = (firstname: string) => ({
  firstname,
  lastname: 'Doe',
  birthday: '1992-12-11',
  nationality: 'DE',
  street: 'Amrumerstrasse',
  streetnumber: '14',
  zipcode: '13353',
  city: 'Berlin',
  country: 'DE',
  email: 'jane.doe@example.com',
  mobilephone: '+49301234567',
  custom1: 'person-1',
  preferredLang: 'EN',
});

describe('IDnow sandbox API', () => {
  const clock = new FakeClock();
  const receiver = new CallbackReceiver();
  let t: TestApp;
  let apiKey: string;

  const tick = () => t.app.get(IdnowSandboxScheduler).tick();
  const login = async () =>
    (await http(t.url, 'POST', api('/login'), { body: { apiKey } })).body.authToken as string;
  const start = (txn: string, body: unknown, headers: Record<string, string> = { 'X-API-KEY': apiKey }) =>
    http(t.url, 'POST', api(`/identifications/${txn}/start`), { body, headers });
  const get = async (path: string) =>
    http(t.url, 'GET', api(path), { headers: { 'X-API-LOGIN-TOKEN': await login() } });
  /** The current result code, or the error cause while there is none. */
  const current = async (txn: string) => {
    const res = await get(`/identifications/${txn}`);
    return res.status === 200
      ? parseIdnowResult(res.body).result
      : `${res.status} ${res.body.errors[0].cause}`;
  };

  beforeAll(async () => {
    await receiver.start();
    t = await startTestApp({
      env: { SANDBOX_TICK_MS: '0', PUBLIC_URL: receiver.url, IDNOW_CALLBACK_SECRET: SECRET },
      clock,
    });
    apiKey = t.env.IDNOW_API_KEY!;
  });
  afterAll(() => t.close(() => receiver.stop()));

  describe('login and account', () => {
    it('logs in with the API key and reads the account with the token', async () => {
      const res = await http(t.url, 'POST', api('/login'), { body: { apiKey } });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ authToken: expect.any(String) });
      const account = await http(t.url, 'GET', api(''), {
        headers: { 'X-API-LOGIN-TOKEN': res.body.authToken },
      });
      expect(account.status).toBe(200);
      expect(account.body).toEqual({
        shortname: COMPANY,
        shortcode: 'TST',
        name: expect.any(String),
        estimatedWaitingTime: expect.any(Number),
      });
    });

    it("answers a wrong key with 401 SECURITY_VIOLATION in IDnow's error shape", async () => {
      const res = await http(t.url, 'POST', api('/login'), { body: { apiKey: 'wrong-key-123' } });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        errors: [
          { cause: 'SECURITY_VIOLATION', id: expect.stringMatching(/^\d+$/), key: null, message: null },
        ],
      });
      const otherCompany = await http(t.url, 'POST', '/sandbox/idnow/api/v1/other/login', {
        body: { apiKey },
      });
      expect(otherCompany.status).toBe(401);
    });

    it('answers a missing, forged or expired token with 401 INVALID_LOGIN_TOKEN', async () => {
      const token = await login();
      const forged = `${Date.now() + 3_600_000}.${'A'.repeat(43)}`;
      for (const headers of [{}, { 'X-API-LOGIN-TOKEN': forged }] as Record<string, string>[]) {
        const res = await http(t.url, 'GET', api(''), { headers });
        expect(res.status).toBe(401);
        expect(res.body.errors[0].cause).toBe('INVALID_LOGIN_TOKEN');
      }
      clock.advance(60 * 60 * 1000 + 1);
      const expired = await http(t.url, 'GET', api(''), { headers: { 'X-API-LOGIN-TOKEN': token } });
      expect(expired.body.errors[0].cause).toBe('INVALID_LOGIN_TOKEN');
    });
  });

  describe('start', () => {
    it('creates (201, TST- id), updates (200, same id), refuses once finished (409)', async () => {
      const txn = newTxn();
      const created = await start(txn, person('Jane'));
      expect(created.status).toBe(201);
      expect(created.body).toEqual({ id: expect.stringMatching(/^TST-[A-Z]{5}$/) });
      const updated = await start(txn, { ...person('Janet'), custom2: 'x' });
      expect(updated.status).toBe(200);
      expect(updated.body).toEqual(created.body);
      await t.app.get(IdnowSandboxScheduler).tick();
      const auto = newTxn();
      await start(auto, person('X-AUTOTEST-HAPPYPATH'));
      clock.advance(CALL_MS);
      await tick();
      const again = await start(auto, person('X-AUTOTEST-HAPPYPATH'));
      expect(again.status).toBe(409);
      expect(again.body).toEqual({
        errors: [{ cause: 'EXISTING_IDENTIFICATION', id: expect.any(String), key: null, message: null }],
      });
    });

    it("accepts the robot's X-API_KEY spelling and refuses a wrong or missing key", async () => {
      expect((await start(newTxn(), {}, { 'X-API_KEY': apiKey })).status).toBe(201);
      for (const headers of [{ 'X-API-KEY': 'not-the-key' }, {}] as Record<string, string>[]) {
        const res = await start(newTxn(), {}, headers);
        expect(res.status).toBe(401);
        expect(res.body.errors[0].cause).toBe('SECURITY_VIOLATION');
      }
    });

    it('answers 400 UNRECOGNIZED_FIELD, BAD_REQUEST for a bad birthday and for a bad transaction number', async () => {
      const unknown = await start(newTxn(), { ...person('Jane'), first_name: 'Jane' });
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors[0]).toMatchObject({ cause: 'UNRECOGNIZED_FIELD', key: 'first_name' });
      const birthday = await start(newTxn(), { ...person('Jane'), birthday: '1992-02-30' });
      expect(birthday.status).toBe(400);
      expect(birthday.body.errors[0]).toEqual({
        cause: 'BAD_REQUEST',
        id: expect.any(String),
        key: 'birthday',
        message: "Please provide a correct value for 'birthday'",
      });
      const txn = await start('bad.txn', person('Jane'));
      expect(txn.status).toBe(400);
      expect(txn.body.errors[0]).toMatchObject({ cause: 'BAD_REQUEST', key: 'transactionnumber' });
    });

    it('has no result before the call: 404 OBJECT_NOT_FOUND', async () => {
      const txn = newTxn();
      await start(txn, person('X-AUTOTEST-HAPPYPATH'));
      expect(await current(txn)).toBe('404 OBJECT_NOT_FOUND');
      expect(await current('never-started')).toBe('404 OBJECT_NOT_FOUND');
    });
  });

  describe('auto scenarios', () => {
    const checkpoints = [
      CALL_MS - 1,
      CALL_MS,
      CALL_MS + REVIEW_MS,
      CALL_MS + HOLD_CERTIFICATE_MS,
      CALL_MS + LONG_REVIEW_MS,
    ];
    const NONE = '404 OBJECT_NOT_FOUND';
    const expected: Record<ScenarioCase, string[]> = {
      HAPPYPATH: [NONE, NONE, 'SUCCESS', 'SUCCESS', 'SUCCESS'],
      CHANGEALL: [NONE, NONE, 'SUCCESS_DATA_CHANGED', 'SUCCESS_DATA_CHANGED', 'SUCCESS_DATA_CHANGED'],
      CHANGEALLREVIEW: [
        NONE,
        'REVIEW_PENDING',
        'SUCCESS_DATA_CHANGED',
        'SUCCESS_DATA_CHANGED',
        'SUCCESS_DATA_CHANGED',
      ],
      ABORTIDENT: [NONE, 'ABORTED', 'ABORTED', 'ABORTED', 'ABORTED'],
      FRAUDOK: [NONE, 'FRAUD_SUSPICION_PENDING', 'SUCCESS', 'SUCCESS', 'SUCCESS'],
      CANCELED: [NONE, 'REVIEW_PENDING', 'CANCELED', 'CANCELED', 'CANCELED'],
      LONGREVIEW: [NONE, 'REVIEW_PENDING', 'REVIEW_PENDING', 'REVIEW_PENDING', 'SUCCESS'],
      HOLDCERTIFICATE: [NONE, NONE, NONE, 'SUCCESS', 'SUCCESS'],
      FRAUDIDENT: [
        NONE,
        'FRAUD_SUSPICION_PENDING',
        'FRAUD_SUSPICION_CONFIRMED',
        'FRAUD_SUSPICION_CONFIRMED',
        'FRAUD_SUSPICION_CONFIRMED',
      ],
      FRAUDREVIEW: [
        NONE,
        'REVIEW_PENDING',
        'FRAUD_SUSPICION_CONFIRMED',
        'FRAUD_SUSPICION_CONFIRMED',
        'FRAUD_SUSPICION_CONFIRMED',
      ],
    };

    it.each(SCENARIO_CASES)(
      'X-AUTOTEST-%s plays its timeline and calls back each result',
      async (scenario) => {
        const txn = newTxn();
        expect((await start(txn, person(`X-AUTOTEST-${scenario}`))).status).toBe(201);
        const t0 = clock.now().getTime();
        const seen: string[] = [];
        for (const offset of checkpoints) {
          clock.set(new Date(t0 + offset));
          await tick();
          seen.push(await current(txn));
        }
        expect(seen).toEqual(expected[scenario]);
        const distinct = expected[scenario].filter((r, i, all) => r !== NONE && r !== all[i - 1]);
        expect(receiver.resultsFor(txn)).toEqual(distinct);
        const callbacks = receiver.received.filter(
          (c) => c.body?.identificationprocess?.transactionnumber === txn,
        );
        expect(callbacks.every((c) => c.path === `/providers/idnow/callback/${SECRET}`)).toBe(true);
        expect(callbacks.every((c) => c.contentType === 'application/json')).toBe(true);
        const last = callbacks.at(-1)!.body;
        expect(last).toEqual((await get(`/identifications/${txn}`)).body);
        expect(last.identificationprocess).toMatchObject({
          companyid: COMPANY,
          type: 'WEB',
          transactionnumber: txn,
        });
      },
    );

    it('CHANGEALL changes every field it was sent, CANCELED and ABORTIDENT give their reasons', async () => {
      const [changed, canceled, aborted] = [newTxn(), newTxn(), newTxn()];
      await start(changed, person('X-AUTOTEST-CHANGEALL'));
      await start(canceled, person('X-AUTOTEST-CANCELLED'));
      await start(aborted, person('x-autotest-abortident'));
      clock.advance(CALL_MS + REVIEW_MS);
      await tick();
      const result = parseIdnowResult((await get(`/identifications/${changed}`)).body);
      expect(result.userData.firstname).toEqual({
        value: 'ÉLOÏSE-ÅSA',
        status: 'CHANGE',
        original: 'X-AUTOTEST-CHANGEALL',
      });
      expect(result.userData.lastname).toEqual({
        value: 'MÜLLER-ŁUKASIŃSKA ØRSTED',
        status: 'CHANGE',
        original: 'DOE',
      });
      expect(result.userData.birthday).toMatchObject({ status: 'CHANGE', original: '1992-12-11' });
      expect(result.userData['address.city']).toMatchObject({ status: 'CHANGE', original: 'BERLIN' });
      expect(result.customData.custom1).toBe('person-1');
      expect(parseIdnowResult((await get(`/identifications/${canceled}`)).body).reason).toBe('TECH_PHOTO');
      const abortedBody = (await get(`/identifications/${aborted}`)).body;
      expect(abortedBody.identificationprocess.reason).toBe('TECH_VIDEO');
      expect(abortedBody).not.toHaveProperty('attachments');
    });
  });

  describe('lists, robot and delete', () => {
    it('lists successful, pending, aborted and cancelled identifications', async () => {
      const txns = { ok: newTxn(), review: newTxn(), fraud: newTxn(), aborted: newTxn(), canceled: newTxn() };
      await start(txns.ok, person('X-AUTOTEST-HAPPYPATH'));
      await start(txns.review, person('X-AUTOTEST-CHANGEALLREVIEW'));
      await start(txns.fraud, person('X-AUTOTEST-FRAUDOK'));
      await start(txns.aborted, person('X-AUTOTEST-ABORTIDENT'));
      await start(txns.canceled, person('X-AUTOTEST-CANCELED'));
      const mine = async (query: string) =>
        ((await get(`/identifications${query}`)).body.identifications as any[])
          .map((i) => i.identificationprocess.transactionnumber as string)
          .filter((txn) => Object.values(txns).includes(txn))
          .sort();
      clock.advance(CALL_MS);
      await tick();
      expect(await mine('?pending=true')).toEqual([txns.review, txns.fraud, txns.canceled].sort());
      expect(await mine('?aborted=true')).toEqual([txns.aborted]);
      expect(await mine('')).toEqual([]);
      clock.advance(REVIEW_MS);
      await tick();
      expect(await mine('')).toEqual([txns.ok, txns.review, txns.fraud].sort());
      expect(await mine('?cancelled=true')).toEqual([txns.canceled]);
      expect(await mine('?pending=true')).toEqual([]);
      const list = (await get('/identifications')).body.identifications as any[];
      const ok = list.find((i) => i.identificationprocess.transactionnumber === txns.ok);
      expect(ok).toEqual((await get(`/identifications/${txns.ok}`)).body);
    });

    it('requestVideoChat replays an X-AUTOTEST scenario after ABORTED, once', async () => {
      const txn = newTxn();
      const robot = (headers: Record<string, string>) =>
        http(t.url, 'POST', api(`/identifications/${txn}/requestVideoChat`), { body: {}, headers });
      await start(txn, person('X-AUTOTEST-ABORTIDENT'));
      expect((await robot({ 'X-API_KEY': apiKey })).status).toBe(200);
      clock.advance(CALL_MS);
      await tick();
      expect(receiver.resultsFor(txn)).toEqual(['ABORTED']);
      await robot({ 'X-API_KEY': apiKey });
      await robot({ 'X-API-KEY': apiKey });
      clock.advance(CALL_MS);
      expect(await tick()).toBeGreaterThanOrEqual(1);
      expect(receiver.resultsFor(txn)).toEqual(['ABORTED', 'ABORTED']);
      expect((await robot({ 'X-API-KEY': 'wrong-key-123' })).status).toBe(401);
      const unknown = await http(t.url, 'POST', api(`/identifications/${newTxn()}/requestVideoChat`), {
        body: {},
        headers: { 'X-API-KEY': apiKey },
      });
      expect(unknown.status).toBe(404);
      expect(unknown.body.errors[0].cause).toBe('OBJECT_NOT_FOUND');
    });

    it('deletes an identification', async () => {
      const txn = newTxn();
      await start(txn, person('Jane'));
      const token = await login();
      const del = await http(t.url, 'DELETE', api(`/identifications/${txn}`), {
        headers: { 'X-API-LOGIN-TOKEN': token },
      });
      expect(del.status).toBe(204);
      const again = await http(t.url, 'DELETE', api(`/identifications/${txn}`), {
        headers: { 'X-API-LOGIN-TOKEN': token },
      });
      expect(again.body.errors[0].cause).toBe('OBJECT_NOT_FOUND');
      expect((await http(t.url, 'GET', `/sandbox/idnow/go/${COMPANY}/identifications/${txn}`)).status).toBe(
        404,
      );
    });
  });

  it("the adapter's IdnowClient speaks to the sandbox over HTTP", async () => {
    const client = new IdnowClient({ baseUrl: `${t.url}/sandbox/idnow`, companyId: COMPANY, apiKey });
    const txn = newTxn();
    expect(await client.start(txn, person('X-AUTOTEST-FRAUDOK'))).toEqual({
      id: expect.stringMatching(/^TST-/),
      created: true,
    });
    expect(await client.getIdentification(txn)).toBeNull();
    expect((await client.getAccount()).shortname).toBe(COMPANY);
    clock.advance(CALL_MS);
    await tick();
    expect(parseIdnowResult(await client.getIdentification(txn)).result).toBe('FRAUD_SUSPICION_PENDING');
    const pending = await client.listIdentifications('pending');
    expect(pending.map((p) => parseIdnowResult(p).transactionNumber)).toContain(txn);
  });

  it('keeps scenarios in the database: another process plays them, each step exactly once', async () => {
    const txn = newTxn();
    await start(txn, person('X-AUTOTEST-HAPPYPATH'));
    const other = await createApp(t.env, t.db.url, createLogger('silent'), clock);
    try {
      clock.advance(CALL_MS + REVIEW_MS);
      const [a, b] = await Promise.all([tick(), other.get(IdnowSandboxScheduler).tick()]);
      expect(a + b).toBeGreaterThanOrEqual(1);
      expect(receiver.resultsFor(txn)).toEqual(['SUCCESS']);
      expect(await current(txn)).toBe('SUCCESS');
    } finally {
      await other.close();
    }
  });
});
