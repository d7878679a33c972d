import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { authenticatorCode, FakeClock, StaffFactory, type TestStaff } from '#kyc/testing';
import { launchBrowser } from '../support/browser.js';
import {
  eventually,
  inBrowser,
  MENUS,
  menuEntries,
  SANDBOX_ADMIN,
  signIn,
  signOut,
} from '../support/console.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const MINUTE = 60_000;

describe('console sign-in: password, two-factor enrolment and codes, idle timeout', () => {
  let t: TestApp;
  let browser: Browser;
  // The server's clock: TOTP codes and session timeouts are computed on it.
  const clock = new FakeClock('2026-11-27T08:00:00Z');

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { SANDBOX_TICK_MS: '0', WEBHOOK_TICK_MS: '0' } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('signs the sandbox admin in with email and password, after refusing a wrong password', async () => {
    await inBrowser(browser, 'console-sign-in-password', async (page) => {
      await page.goto(`${t.url}/`);
      await page.locator('input[name=email]').fill(SANDBOX_ADMIN.email);
      await page.locator('input[name=password]').fill('not-the-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').getByText('Wrong email, password or code').waitFor();
      expect(new URL(page.url()).pathname).toBe('/login');

      await page.locator('input[name=password]').fill(SANDBOX_ADMIN.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('Welcome, ').waitFor();
      await expect(page.getByTestId('signed-in-role').innerText()).resolves.toBe(
        'Signed in as Administrator',
      );
      // A reload keeps the session (HttpOnly cookie) and the route.
      await page.reload();
      await page.getByText('Welcome, ').waitFor();
      await signOut(page);
      await page.goto(`${t.url}/users`);
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
    });
  });

  // One agent's two-factor life, step by step: each step builds on the one before (Jest runs them in order).
  describe('two-factor authentication', () => {
    let agent: TestStaff;
    let secret = '';
    let recoveryCodes: string[] = [];

    it('is enrolled in the UI after a wrong code is refused, and gives 10 recovery codes', async () => {
      agent = await StaffFactory.create(t, 'support_agent');
      await inBrowser(browser, 'console-sign-in-mfa-enrol', async (page) => {
        await signIn(page, t.url, agent);
        await page.getByRole('link', { name: 'Set up two-factor authentication' }).click();
        await page.getByRole('button', { name: 'Start set-up' }).click();
        await page.getByRole('img', { name: 'QR code for the authenticator app' }).waitFor();
        secret = (await page.getByTestId('mfa-secret').innerText()).trim();
        expect(secret).toMatch(/^[A-Z2-7]{16,}$/);

        await page.locator('input[name=otp]').fill(authenticatorCode(secret, clock.now(), 5)); // a wrong code first
        await page.getByRole('button', { name: 'Confirm' }).click();
        await page.getByText('That code is not right').waitFor();
        await page.locator('input[name=otp]').fill(authenticatorCode(secret, clock.now()));
        await page.getByRole('button', { name: 'Confirm' }).click();
        await page.getByRole('heading', { name: 'Recovery codes' }).waitFor();
        recoveryCodes = await page.getByTestId('recovery-codes').locator('li').allInnerTexts();
        expect(recoveryCodes).toHaveLength(10);
        await page.getByRole('button', { name: 'I have stored the codes' }).click();
        await page.getByText('Two-factor authentication is on.').waitFor();
        await signOut(page);
      });
    });

    it('asks for a code at sign-in and accepts a fresh TOTP code', async () => {
      clock.advance(MINUTE); // the code used to confirm is spent: the next one comes from a later step
      await inBrowser(browser, 'console-sign-in-mfa-totp', async (page) => {
        await page.goto(`${t.url}/`);
        await page.locator('input[name=email]').fill(agent.email);
        await page.locator('input[name=password]').fill(agent.password);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByText('Enter the code from your authenticator app').waitFor();
        await page.locator('input[name=otp]').fill(authenticatorCode(secret, clock.now()));
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByText('Welcome, ').waitFor();
        await expect(page.getByTestId('signed-in-role').innerText()).resolves.toBe(
          'Signed in as Support agent',
        );
        await signOut(page);
      });
    });

    it('accepts a recovery code once', async () => {
      await inBrowser(browser, 'console-sign-in-mfa-recovery', async (page) => {
        await signIn(page, t.url, agent, () => recoveryCodes[0]);
        await signOut(page);
        // A recovery code works once.
        await page.locator('input[name=email]').fill(agent.email);
        await page.locator('input[name=password]').fill(agent.password);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.locator('input[name=otp]').fill(recoveryCodes[0]);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByRole('alert').getByText('Wrong email, password or code').waitFor();
      });
    });

    it('is reset by an admin after a lost device; the agent then signs in with the password alone', async () => {
      // Lost device: an admin resets the agent's two-factor, who then signs in with the password alone.
      await inBrowser(browser, 'console-sign-in-mfa-reset', async (page) => {
        await signIn(page, t.url, SANDBOX_ADMIN);
        await page.getByRole('menuitem', { name: 'Users' }).click();
        await page.getByRole('row').filter({ hasText: agent.email }).click();
        await page.getByRole('button', { name: 'Reset two-factor' }).click();
        await page.getByRole('dialog').getByText(agent.email).waitFor();
        await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
        await page.locator('.MuiSnackbar-root').getByText('Two-factor authentication reset').waitFor();
      });
      await inBrowser(browser, 'console-sign-in-after-mfa-reset', async (page) => {
        await signIn(page, t.url, agent);
        await page.getByText('Two-factor authentication is off.').waitFor();
      });
    });
  });

  it('returns to the sign-in page, saying why, once the session has been idle too long', async () => {
    const officer = await StaffFactory.create(t, 'compliance_officer');
    await inBrowser(browser, 'console-sign-in-idle', async (page) => {
      await signIn(page, t.url, officer);
      await page.getByRole('menuitem', { name: 'Audit events' }).click();
      await page.getByText('staff.login').first().waitFor();

      clock.advance(t.env.STAFF_IDLE_TIMEOUT_MINUTES * MINUTE + MINUTE);
      await page.getByRole('menuitem', { name: 'Persons' }).click();
      await page.getByText('Your session has ended. Please sign in again.').waitFor();
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/login');
    });
  });
});

describe('console sign-in when the role requires two-factor authentication (MFA_REQUIRED)', () => {
  let t: TestApp;
  let browser: Browser;
  const clock = new FakeClock('2026-11-27T09:00:00Z');

  beforeAll(async () => {
    t = await startTestApp({
      clock,
      env: { MFA_REQUIRED: 'true', SANDBOX_TICK_MS: '0', WEBHOOK_TICK_MS: '0' },
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('sends a compliance officer without MFA to enrolment first, and opens the console once it is confirmed', async () => {
    const officer = await StaffFactory.create(t, 'compliance_officer');
    await inBrowser(browser, 'console-mfa-required', async (page) => {
      await page.goto(`${t.url}/`);
      await page.locator('input[name=email]').fill(officer.email);
      await page.locator('input[name=password]').fill(officer.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('Your role requires two-factor authentication: set it up to continue.').waitFor();
      expect(new URL(page.url()).pathname).toBe('/mfa');
      await eventually(() => menuEntries(page), ['Dashboard']);
      await page.goto(`${t.url}/audit-events`);
      await page.getByRole('button', { name: 'Start set-up' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/mfa');

      await page.getByRole('button', { name: 'Start set-up' }).click();
      const secret = (await page.getByTestId('mfa-secret').innerText()).trim();
      await page.locator('input[name=otp]').fill(authenticatorCode(secret, clock.now()));
      await page.getByRole('button', { name: 'Confirm' }).click();
      await page.getByRole('button', { name: 'I have stored the codes' }).click();
      await page.getByText('Two-factor authentication is on.').waitFor();
      await eventually(() => menuEntries(page), MENUS.compliance_officer);
      await page.getByRole('menuitem', { name: 'Audit events' }).click();
      await page.getByText('staff.mfa_enabled').first().waitFor();
    });
  });
});
