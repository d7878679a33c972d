import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { CallbackProcessor, IdnowSandboxScheduler } from '#kyc/idnow';
import { FakeClock, http, PartnerFactory, PersonFactory, type TestPartner } from '#kyc/testing';
import { guardedPage, launchBrowser, saveEvidence } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('the sandbox web flow in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let partner: TestPartner;
  const clock = new FakeClock('2026-11-27T08:00:00Z');

  beforeAll(async () => {
    t = await startTestApp({ env: { SANDBOX_TICK_MS: '0' }, clock });
    partner = await PartnerFactory.create(t);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('a customer completes the manual flow at the returned url, in German, and the partner sees successful', async () => {
    const person = await PersonFactory.create(t, partner, { first_name: 'X-MANUALTEST-HAPPYPATH' });
    const base = `/v1/persons/${person.id}/identifications`;
    const created = await http(t.url, 'POST', base, {
      token: partner.token,
      body: { method: 'idnow', language: 'DE' },
    });
    const requested = await http(t.url, 'PATCH', `${base}/${created.body.id}/request`, {
      token: partner.token,
    });
    const { page, outside, consoleLog, cspViolations } = await guardedPage(browser);
    try {
      await page.goto(requested.body.url);
      await expect(page.locator('h1').textContent()).resolves.toContain('Identifizieren Sie sich');
      await page.fill('input[name=mobile]', '0301234567');
      await page.check('input[name=terms]');
      await page.check('input[name=document]');
      await page.click('button[type=submit]');
      await page.click('button[type=submit]'); // the simulated call's steps: continue
      await page.fill('input[name=code]', '000000');
      await page.click('button[type=submit]');
      await expect(page.content()).resolves.toMatch(/2/); // remaining attempts are shown
      await page.fill('input[name=code]', '123456');
      await page.click('button[type=submit]');
      await expect(page.content()).resolves.toMatch(/Vielen Dank|abgeschlossen|Danke/);
      expect(outside).toEqual([]);
      expect(cspViolations).toEqual([]);

      clock.advance(2 * 60_000);
      await t.app.get(IdnowSandboxScheduler).tick();
      await t.app.get(CallbackProcessor).idle();
      await t.app.get(CallbackProcessor).drain();
      const after = await http(t.url, 'GET', `${base}/${created.body.id}`, { token: partner.token });
      expect(after.body.status).toBe('successful');
    } catch (e) {
      await saveEvidence(page, 'sandbox-webflow', consoleLog);
      throw e;
    }
  }, 60_000);
});
