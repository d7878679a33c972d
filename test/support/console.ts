import { expect } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import type { TestStaffRole } from '#kyc/testing';
import { guardedPage, saveEvidence } from './browser.js';

/** Exactly the menu entries each role's permissions allow (docs/ADMIN-API.md), in menu order. */
export const MENUS: Record<TestStaffRole, string[]> = {
  admin: [
    'Dashboard',
    'Support desk',
    'Persons',
    'Identifications',
    'Documents',
    'Alerts',
    'Failure codes',
    'Audit events',
    'Webhook subscriptions',
    'Webhook deliveries',
    'Users',
    'Partner clients',
    'Jobs',
    'Drift reports',
  ],
  compliance_officer: [
    'Dashboard',
    'Review queue',
    'Approvals',
    'AML follow-ups',
    'Support desk',
    'Persons',
    'Identifications',
    'Documents',
    'Alerts',
    'Failure codes',
    'Audit events',
    'Webhook subscriptions',
    'Webhook deliveries',
    'Drift reports',
  ],
  support_agent: ['Dashboard', 'Support desk', 'Persons', 'Identifications', 'Documents', 'Failure codes'],
};

/** The sandbox's first console admin (README). */
export const SANDBOX_ADMIN = { email: 'admin@kyc.local', password: 'Kyc-Sandbox-2026!' };

/**
 * Run a scenario in a fresh browser context (its own cookies) whose requests may not leave localhost:
 * a screenshot and the console log are saved when it fails, and any outside request or CSP violation fails it.
 */
export async function inBrowser(
  browser: Browser,
  name: string,
  scenario: (page: Page) => Promise<void>,
): Promise<void> {
  const { page, outside, consoleLog, cspViolations } = await guardedPage(browser);
  page.setDefaultTimeout(10_000);
  try {
    await scenario(page);
    expect(outside).toEqual([]);
    expect(cspViolations).toEqual([]);
  } catch (e) {
    await saveEvidence(page, name, consoleLog);
    throw e;
  } finally {
    await page.context().close();
  }
}

/** Open the console and sign in through the login form; `otp` is typed once the form asks for it. */
export async function signIn(
  page: Page,
  baseUrl: string,
  who: { email: string; password: string },
  otp?: () => string,
): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.locator('input[name=email]').fill(who.email);
  await page.locator('input[name=password]').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (otp) {
    await page.locator('input[name=otp]').fill(otp());
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  await page.getByText(/^Welcome, /).waitFor();
}

/** The entries of the sidebar menu, as the user reads them. */
export const menuEntries = (page: Page) => page.locator('.RaSidebar-fixed [role=menuitem]').allInnerTexts();

/** Poll until `read` gives `expected` (and still does a moment later), or fail with the last value. */
export async function eventually<T>(read: () => Promise<T>, expected: T, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last: T = await read();
  while (Date.now() < until) {
    if (JSON.stringify(last) === JSON.stringify(expected)) {
      await new Promise((r) => setTimeout(r, 300));
      last = await read();
      if (JSON.stringify(last) === JSON.stringify(expected)) return;
    }
    await new Promise((r) => setTimeout(r, 100));
    last = await read();
  }
  expect(last).toEqual(expected);
}

/** Sign out through the user menu. */
export async function signOut(page: Page): Promise<void> {
  await page.locator('header button[aria-label="Profile"]').click();
  await page.getByRole('menuitem', { name: 'Logout' }).click();
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
}
