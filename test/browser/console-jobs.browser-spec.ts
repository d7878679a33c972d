import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { JobRunner } from '#kyc/jobs';
import { StaffFactory } from '#kyc/testing';
import { launchBrowser } from '../support/browser.js';
import { eventually, inBrowser, menuEntries, SANDBOX_ADMIN, signIn } from '../support/console.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The console's Jobs page (admins): each job with its schedule and setting, "run now" behind a
 * confirmation, the new run followed to its end; and the drift reports, which compliance officers read
 * too without seeing the Jobs menu.
 */
describe('console jobs: schedules, run now, drift reports', () => {
  let t: TestApp;
  let browser: Browser;
  let reportId: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { SANDBOX_TICK_MS: '0', WEBHOOK_TICK_MS: '0' } });
    browser = await launchBrowser();
    const run = await t.app.get(JobRunner).runSlot('drift_report', new Date());
    reportId = String((run!.summary as { report_id: string }).report_id);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows an admin the jobs, runs expire_links now after a confirmation, and opens a drift report', async () => {
    await inBrowser(browser, 'console-jobs-admin', async (page) => {
      await signIn(page, t.url, SANDBOX_ADMIN);
      await page.getByRole('menuitem', { name: 'Jobs' }).click();
      const row = page.getByRole('row').filter({ hasText: 'Expire links' });
      await row.getByText('*/5 * * * *').waitFor();
      await row.getByText('JOB_EXPIRE_LINKS_SCHEDULE').waitFor();
      await row.getByText('Never run').waitFor();
      await row.getByText('Expire links').click();
      await page.waitForURL(/\/jobs\/expire_links\/show$/);
      await page.getByText('No run yet').waitFor();

      await page.getByRole('button', { name: 'Run now' }).click();
      await page.getByText('Run "Expire links" now?').waitFor();
      await page.getByRole('button', { name: 'Confirm' }).click();
      await page.getByText('Expire links: the run succeeded').waitFor();
      const runs = page.getByTestId('job-run');
      await eventually(() => runs.count(), 1);
      await runs.first().getByText('Succeeded').waitFor();
      await runs.first().getByText('Run now').waitFor();

      await page.getByRole('menuitem', { name: 'Drift reports' }).click();
      await page.getByTestId('drift-reports-table').getByRole('row').filter({ hasText: reportId }).click();
      await page.waitForURL(new RegExp(`/drift-reports/${reportId}/show$`));
      await page.getByTestId('drift-total').getByText('0 findings').waitFor();
      await page.getByText('Provider versus us').waitFor();
      await expect(
        page.getByTestId('drift-disagreements').getByTestId('drift-count').innerText(),
      ).resolves.toBe('0');
      await page.getByText('Analytics rollup versus raw events').waitFor();
    });
  });

  it('shows a compliance officer the drift reports but not the Jobs menu', async () => {
    const officer = await StaffFactory.create(t, 'compliance_officer');
    await inBrowser(browser, 'console-jobs-officer', async (page) => {
      await signIn(page, t.url, officer);
      await eventually(async () => (await menuEntries(page)).includes('Drift reports'), true);
      expect(await menuEntries(page)).not.toContain('Jobs');
      await page.getByRole('menuitem', { name: 'Drift reports' }).click();
      await page.getByTestId('drift-reports-table').getByRole('row').filter({ hasText: reportId }).waitFor();
      await page.goto(`${t.url}/jobs`);
      await page.getByText("You don't have the right permissions to access this page").waitFor();
    });
  });
});
