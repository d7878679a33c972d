import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { PartnerFactory, PersonFactory, randomName, StaffFactory, type TestStaffRole } from '#kyc/testing';
import { launchBrowser } from '../support/browser.js';
import { eventually, inBrowser, MENUS, menuEntries, SANDBOX_ADMIN, signIn } from '../support/console.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const ROLE_NAMES: Record<TestStaffRole, string> = {
  admin: 'Administrator',
  compliance_officer: 'Compliance officer',
  support_agent: 'Support agent',
};

describe('console roles: menus, masked persons, languages and themes', () => {
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

  it.each(Object.keys(MENUS) as TestStaffRole[])(
    'shows the role %s exactly its menu entries, and refuses the pages of others',
    async (role) => {
      const staff = await StaffFactory.create(t, role);
      await inBrowser(browser, `console-menu-${role}`, async (page) => {
        await signIn(page, t.url, staff);
        await expect(page.getByTestId('signed-in-role').innerText()).resolves.toBe(
          `Signed in as ${ROLE_NAMES[role]}`,
        );
        await eventually(() => menuEntries(page), MENUS[role]);
        if (role !== 'admin') {
          await page.goto(`${t.url}/users`);
          await page.getByText("You don't have the right permissions to access this page").waitFor();
          await expect(page.getByText(SANDBOX_ADMIN.email).count()).resolves.toBe(0);
        }
      });
    },
  );

  it('shows a support agent the masked person with a badge, and a compliance officer the full person', async () => {
    const partner = await PartnerFactory.create(t);
    const lastName = `Doe ${randomName()}`;
    const person = await PersonFactory.create(t, partner, { last_name: lastName });
    const [agent, officer] = [
      await StaffFactory.create(t, 'support_agent'),
      await StaffFactory.create(t, 'compliance_officer'),
    ];

    await inBrowser(browser, 'console-persons-masked', async (page) => {
      await signIn(page, t.url, agent);
      await page.getByRole('menuitem', { name: 'Persons' }).click();
      await page.getByPlaceholder('Search').fill(lastName);
      // The search applies after a pause and rewrites the URL: wait for it before clicking a row.
      await page.waitForURL(/filter=/);
      const row = page.getByRole('row').filter({ hasText: lastName });
      await row.getByText('1992-**-**').waitFor();
      await row.getByTestId('masked-badge').waitFor();
      await row.click();
      await page.getByText(person.id).waitFor();
      await page.getByTestId('masked-badge').waitFor();
      await page.getByText('••••567').waitFor();
      await page.getByText('1992-**-**').waitFor();
      await expect(page.getByText('(hidden)').count()).resolves.toBeGreaterThanOrEqual(2); // street, line 2
      const text = await page.locator('main').innerText();
      expect(text).not.toMatch(/Amrumerstrasse|1992-12-11|\+49301234567/);
    });

    await inBrowser(browser, 'console-persons-full', async (page) => {
      await signIn(page, t.url, officer);
      await page.goto(`${t.url}/persons/${person.id}/show`);
      await page.getByText('Amrumerstrasse').waitFor();
      await page.getByText('1992-12-11').waitFor();
      await page.getByText('+49301234567').waitFor();
      await expect(page.getByTestId('masked-badge').count()).resolves.toBe(0);
      await expect(page.getByText('(hidden)').count()).resolves.toBe(0);
      // The officer's view of full data is in the audit trail, and the audit page shows it.
      await page.getByRole('menuitem', { name: 'Audit events' }).click();
      await page.locator('input[name=action]').fill('person.viewed');
      const row = page.getByRole('row').filter({ hasText: person.id });
      await row.getByText(officer.email).waitFor();
    });
  });

  it('switches to German and to the dark theme, and remembers both after a reload', async () => {
    await inBrowser(browser, 'console-language-theme', async (page) => {
      await signIn(page, t.url, SANDBOX_ADMIN);
      // The layout's background colour, read in the page (a string: the tests compile without DOM types).
      const background = () =>
        page.evaluate<string>(
          "getComputedStyle(document.querySelector('.RaLayout-appFrame').parentElement).backgroundColor",
        );
      const light = await background();

      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('menuitem', { name: 'Deutsch' }).click();
      await eventually(
        () => menuEntries(page),
        [
          'Übersicht',
          'Kundensupport',
          'Personen',
          'Identifizierungen',
          'Dokumente',
          'Alarme',
          'Fehlercodes',
          'Audit-Ereignisse',
          'Webhook-Abonnements',
          'Webhook-Zustellungen',
          'Benutzer',
          'Partner-Clients',
          'Jobs',
          'Abweichungsberichte',
        ],
      );
      await page.getByText('Willkommen, ').waitFor();

      await page.getByRole('button', { name: 'Hell/Dunkel umschalten' }).click();
      await eventually(async () => (await background()) !== light, true);
      await page.reload();
      await page.getByText('Angemeldet als Administrator').waitFor();
      await expect(background()).resolves.not.toBe(light);
    });
  });
});
