import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FakeClock, http } from '#kyc/testing';
import { IdnowSandboxScheduler, IdnowSandboxService, REVIEW_MS } from '../../libs/idnow/src/sandbox/index.js';
import { CallbackReceiver } from '../support/callback-receiver.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const COMPANY = 'kycdesk';
const api = (path: string) => `/sandbox/idnow/api/v1/${COMPANY}${path}`;
const page = (txn: string) => `/sandbox/idnow/go/${COMPANY}/identifications/${txn}`;
const newTxn = () => `${randomBytes(16).toString('hex')}cidt`;

interface Page {
  status: number;
  location: string | null;
  text: string;
  headers: Headers;
}

describe('IDnow sandbox web flow', () => {
  const clock = new FakeClock();
  const receiver = new CallbackReceiver();
  let t: TestApp;

  const tick = () => t.app.get(IdnowSandboxScheduler).tick();
  const open = async (path: string): Promise<Page> => {
    const res = await fetch(t.url + path, { redirect: 'manual' });
    return {
      status: res.status,
      location: res.headers.get('location'),
      text: await res.text(),
      headers: res.headers,
    };
  };
  const submit = async (path: string, fields: Record<string, string>): Promise<Page> => {
    const res = await fetch(t.url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
      redirect: 'manual',
    });
    return {
      status: res.status,
      location: res.headers.get('location'),
      text: await res.text(),
      headers: res.headers,
    };
  };
  const create = async (fields: Record<string, string>) => {
    const txn = newTxn();
    const res = await http(t.url, 'POST', api(`/identifications/${txn}/start`), {
      body: { lastname: 'Doe', ...fields },
      headers: { 'X-API-KEY': t.env.IDNOW_API_KEY! },
    });
    expect(res.status).toBe(201);
    return txn;
  };
  const result = async (txn: string) => {
    const login = await http(t.url, 'POST', api('/login'), { body: { apiKey: t.env.IDNOW_API_KEY } });
    const res = await http(t.url, 'GET', api(`/identifications/${txn}`), {
      headers: { 'X-API-LOGIN-TOKEN': login.body.authToken },
    });
    return res.status === 200 ? res.body : null;
  };
  const consent = { terms: 'yes', document: 'yes' };
  /** Landing form and the agent's steps, up to the ident code prompt. */
  const reachIdentCode = async (txn: string, mobile = '030 1234567') => {
    expect((await submit(`${page(txn)}/start`, { mobile, ...consent })).status).toBe(303);
    expect((await submit(`${page(txn)}/continue`, {})).status).toBe(303);
  };

  beforeAll(async () => {
    await receiver.start();
    t = await startTestApp({ env: { SANDBOX_TICK_MS: '0', PUBLIC_URL: receiver.url }, clock });
  });
  afterAll(() => t.close(() => receiver.stop()));

  it('walks the manual happy path in English: landing, steps, ident code, thanks, SUCCESS after review', async () => {
    const txn = await create({ firstname: 'X-MANUALTEST-HAPPYPATH', preferredLang: 'EN' });
    const landing = await open(page(txn));
    expect(landing.status).toBe(200);
    expect(landing.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(landing.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(landing.text).toContain('<html lang="en">');
    expect(landing.text).toContain('Mobile number');
    expect(landing.text).toContain("I accept IDnow's terms and conditions".replace("'", '&#39;'));
    expect(landing.text).toContain('I have a valid ID document at hand.');
    expect(landing.text).not.toMatch(/<script|<link|src=|https?:\/\//i);

    const wrongMobile = await submit(`${page(txn)}/start`, { mobile: '12345', ...consent });
    expect(wrongMobile.status).toBe(400);
    expect(wrongMobile.text).toContain('Please enter a valid mobile number');
    expect(wrongMobile.text).toContain('value="12345"');

    const noConsent = await submit(`${page(txn)}/start`, { mobile: '030 1234567' });
    expect(noConsent.status).toBe(400);
    expect(noConsent.text).toContain('Please accept the terms and conditions.');
    expect(noConsent.text).toContain('Please confirm that you have a valid ID document at hand.');
    expect(noConsent.text).not.toContain('Please enter a valid mobile number');

    const started = await submit(`${page(txn)}/start`, { mobile: '030 1234567', ...consent });
    expect(started.status).toBe(303);
    expect(started.location).toBe(page(txn));
    const steps = await open(page(txn));
    expect(steps.text).toContain('Your video call');
    expect(steps.text).toContain('+49301234567');

    expect((await submit(`${page(txn)}/continue`, {})).location).toBe(page(txn));
    expect((await open(page(txn))).text).toContain('In the sandbox the ident code is 123456.');
    const wrong = await submit(`${page(txn)}/code`, { code: '654321' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('Attempts left: 2.');

    expect((await submit(`${page(txn)}/code`, { code: '123456' })).status).toBe(303);
    expect((await open(page(txn))).text).toContain('Thank you!');
    expect(await result(txn)).toBeNull();

    clock.advance(REVIEW_MS);
    expect(await tick()).toBeGreaterThanOrEqual(1);
    const success = await result(txn);
    expect(success.identificationprocess.result).toBe('SUCCESS');
    expect(success.contactdata.mobilephone).toBe('+49301234567');
    expect(receiver.resultsFor(txn)).toEqual(['SUCCESS']);
    expect((await open(page(txn))).text).toContain('Identification finished');
    expect((await submit(`${page(txn)}/start`, { mobile: '030 1234567', ...consent })).location).toBe(
      page(txn),
    );
  });

  it('ends the attempt after three wrong codes with ABORTED IDENT_CODE_REPEATEDLY_INCORRECT, then offers a new start', async () => {
    const txn = await create({ firstname: 'Jane' });
    await reachIdentCode(txn, '+15550101');
    expect((await submit(`${page(txn)}/code`, { code: '000000' })).text).toContain('Attempts left: 2.');
    expect((await submit(`${page(txn)}/code`, { code: '111111' })).text).toContain('Attempts left: 1.');
    const third = await submit(`${page(txn)}/code`, { code: '222222' });
    expect(third.status).toBe(303);

    const aborted = await result(txn);
    expect(aborted.identificationprocess).toMatchObject({
      result: 'ABORTED',
      reason: 'IDENT_CODE_REPEATEDLY_INCORRECT',
    });
    expect(aborted.contactdata.mobilephone).toBe('+15550101');
    expect(receiver.resultsFor(txn)).toEqual(['ABORTED']);

    const retry = await open(page(txn));
    expect(retry.text).toContain(
      'was aborted (reason: IDENT_CODE_REPEATEDLY_INCORRECT). You can start again.',
    );
    expect(retry.text).toContain('Start identification');
    await reachIdentCode(txn);
    expect((await submit(`${page(txn)}/code`, { code: '123456' })).status).toBe(303);
    clock.advance(REVIEW_MS);
    await tick();
    expect(receiver.resultsFor(txn)).toEqual(['ABORTED', 'SUCCESS']);
  });

  it('speaks German when preferredLang is DE', async () => {
    const txn = await create({ firstname: 'Jana', preferredLang: 'DE' });
    const landing = await open(page(txn));
    expect(landing.text).toContain('<html lang="de">');
    expect(landing.text).toContain('Mobilnummer');
    expect(landing.text).toContain('Ich habe ein gültiges Ausweisdokument zur Hand.');
    const wrongMobile = await submit(`${page(txn)}/start`, { mobile: '+4930', ...consent });
    expect(wrongMobile.text).toContain('Bitte geben Sie eine gültige Mobilnummer ein');
    await reachIdentCode(txn);
    expect((await open(page(txn))).text).toContain('In der Sandbox lautet der Ident-Code 123456.');
    expect((await submit(`${page(txn)}/code`, { code: '1' })).text).toContain('Verbleibende Versuche: 2.');
    await submit(`${page(txn)}/code`, { code: '123456' });
    expect((await open(page(txn))).text).toContain('Vielen Dank!');
  });

  it('plays manual scenarios: ABORTIDENT aborts on Start, CHANGEALLREVIEW is REVIEW_PENDING as the call ends', async () => {
    const abort = await create({ firstname: 'X-MANUALTEST-ABORTIDENT' });
    await submit(`${page(abort)}/start`, { mobile: '0301234567', ...consent });
    expect((await result(abort)).identificationprocess).toMatchObject({
      result: 'ABORTED',
      reason: 'TECH_VIDEO',
    });
    expect((await open(page(abort))).text).toContain('You can start again.');

    const review = await create({ firstname: 'X-MANUALTEST-CHANGEALLREVIEW' });
    await reachIdentCode(review);
    await submit(`${page(review)}/code`, { code: '123456' });
    expect((await result(review)).identificationprocess.result).toBe('REVIEW_PENDING');
    expect(receiver.resultsFor(review)).toEqual(['REVIEW_PENDING']);
    clock.advance(REVIEW_MS);
    await tick();
    expect((await result(review)).identificationprocess.result).toBe('SUCCESS_DATA_CHANGED');
  });

  it('shows a robot notice for X-AUTOTEST and a 404 page for an unknown link', async () => {
    const robot = await create({ firstname: 'X-AUTOTEST-HAPPYPATH' });
    expect((await open(page(robot))).text).toContain('Automated test identification');
    for (const path of [page(newTxn()), `/sandbox/idnow/go/other/identifications/${robot}`]) {
      const missing = await open(path);
      expect(missing.status).toBe(404);
      expect(missing.text).toContain('Identification not found');
      expect(missing.text).toContain('Identifikation nicht gefunden');
    }
    expect((await submit(`${page(newTxn())}/start`, { mobile: '0301234567', ...consent })).status).toBe(404);
  });

  describe('force outcome (admin)', () => {
    const force = (txn: string, body: unknown, token?: string) =>
      http(t.url, 'POST', `/sandbox/idnow/admin/identifications/${txn}/force`, {
        body,
        headers: token ? { 'X-Sandbox-Admin-Token': token } : {},
      });

    it('needs the admin token: 401 without, 403 with a wrong one, in the Solaris error shape', async () => {
      const txn = await create({ firstname: 'Jane' });
      const none = await force(txn, { result: 'SUCCESS' });
      expect(none.status).toBe(401);
      expect(none.body.errors[0]).toMatchObject({ status: 401, code: 'unauthorized' });
      const wrong = await force(txn, { result: 'SUCCESS' }, 'wrong-admin-token');
      expect(wrong.status).toBe(403);
      expect(wrong.body.errors[0]).toMatchObject({ status: 403, code: 'forbidden' });
    });

    it('validates the result and the reason against the failure catalog', async () => {
      const txn = await create({ firstname: 'Jane' });
      const token = t.env.SANDBOX_ADMIN_TOKEN!;
      const cases: [unknown, string][] = [
        [{ result: 'GREAT' }, 'result'],
        [{ result: 'ABORTED' }, 'reason'],
        [{ result: 'CANCELED', reason: 'NOT_A_CODE' }, 'reason'],
        [{ result: 'SUCCESS', reason: 'TECH_PHOTO' }, 'reason'],
        [{ result: 'SUCCESS', extra: 1 }, 'extra'],
      ];
      for (const [body, field] of cases) {
        const res = await force(txn, body, token);
        expect(res.status).toBe(400);
        expect(res.body.errors[0].source.field).toBe(field);
      }
      expect((await force(newTxn(), { result: 'SUCCESS' }, token)).status).toBe(404);
      expect(await result(txn)).toBeNull();
    });

    it('sets the result now, drops the scenario and calls back', async () => {
      const txn = await create({ firstname: 'X-AUTOTEST-LONGREVIEW' });
      const res = await force(txn, { result: 'CANCELED', reason: 'TECH_PHOTO' }, t.env.SANDBOX_ADMIN_TOKEN);
      expect(res.status).toBe(200);
      expect(res.body.identificationprocess).toMatchObject({
        result: 'CANCELED',
        reason: 'TECH_PHOTO',
        transactionnumber: txn,
      });
      expect(await result(txn)).toEqual(res.body);
      expect(receiver.resultsFor(txn)).toEqual(['CANCELED']);
      clock.advance(48 * 60 * 60 * 1000);
      await tick();
      expect(receiver.resultsFor(txn)).toEqual(['CANCELED']);

      const direct = await t.app.get(IdnowSandboxService).forceOutcome(txn, 'SUCCESS_DATA_CHANGED');
      expect(direct.identificationprocess).toMatchObject({ result: 'SUCCESS_DATA_CHANGED' });
      expect(receiver.resultsFor(txn)).toEqual(['CANCELED', 'SUCCESS_DATA_CHANGED']);
    });
  });
});

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('IDnow sandbox scheduler', () => {
  it('a callback nobody accepts is logged and does not break the tick', async () => {
    const clock = new FakeClock();
    const publicUrl = `http://127.0.0.1:${await closedPort()}`;
    const t = await startTestApp({ env: { SANDBOX_TICK_MS: '0', PUBLIC_URL: publicUrl }, clock });
    try {
      const txn = newTxn();
      await http(t.url, 'POST', api(`/identifications/${txn}/start`), {
        body: { firstname: 'X-AUTOTEST-ABORTIDENT' },
        headers: { 'X-API-KEY': t.env.IDNOW_API_KEY! },
      });
      clock.advance(60 * 60 * 1000);
      expect(await t.app.get(IdnowSandboxScheduler).tick()).toBe(1);
      expect(await t.app.get(IdnowSandboxScheduler).tick()).toBe(0);
    } finally {
      await t.close();
    }
  });

  it('in sandbox mode a timer plays the scenarios (SANDBOX_TICK_MS), scaled by SANDBOX_TIME_SCALE', async () => {
    const receiver = await new CallbackReceiver().start();
    const t = await startTestApp({
      env: { SANDBOX_TICK_MS: '20', SANDBOX_TIME_SCALE: '100000', PUBLIC_URL: receiver.url },
    });
    try {
      const txn = newTxn();
      await http(t.url, 'POST', api(`/identifications/${txn}/start`), {
        body: { firstname: 'X-AUTOTEST-FRAUDOK' },
        headers: { 'X-API-KEY': t.env.IDNOW_API_KEY! },
      });
      for (let i = 0; i < 100 && receiver.resultsFor(txn).length < 2; i++) {
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
      expect(receiver.resultsFor(txn)).toEqual(['FRAUD_SUSPICION_PENDING', 'SUCCESS']);
    } finally {
      await t.close(() => receiver.stop());
    }
  });
});
