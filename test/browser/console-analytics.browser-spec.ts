import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { IdnowSandboxScheduler } from '#kyc/idnow';
import { FakeClock, http, PartnerFactory, PersonFactory, StaffFactory } from '#kyc/testing';
import { launchBrowser } from '../support/browser.js';
import { drainCallbacks } from '../support/callbacks.js';
import { eventually, inBrowser, SANDBOX_ADMIN, signIn } from '../support/console.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const HOUR = 3_600_000;
/** Sandbox scenarios played (X-AUTOTEST), and how often: every outcome status but expired, three reasons. */
const MIX = { HAPPYPATH: 3, CANCELED: 3, ABORTIDENT: 2, FRAUDIDENT: 1 } as const;

/** The total react-admin's list shows under its rows ("1-3 of 3"). */
const listTotal = async (page: Page) => {
  const text = await page.locator('.MuiTablePagination-displayedRows').innerText();
  return Number(/(\d+)$/.exec(text.trim())?.[1]);
};

/** The one bar of a chart whose count is not zero (the outcomes all fall in one bucket). */
const onlyBar = (page: Page, prefix: string) =>
  page.locator(`[data-testid^="${prefix}-"]:not([data-count="0"])`);

/** Click a bar, land on the identification list, and answer the total it shows. */
async function drillDown(page: Page, target: ReturnType<Page['locator']>): Promise<number> {
  await target.click();
  await page.waitForURL(/\/identifications\?filter=/);
  await page.locator('.MuiTablePagination-displayedRows').waitFor();
  return listTotal(page);
}

describe('console analytics: dashboard, drill-down, CSV, failure codes and alerts', () => {
  let t: TestApp;
  let browser: Browser;
  // Two hours before now, at the top of an hour: every outcome lands in one hour, well inside "7 days".
  const clock = new FakeClock(new Date(Math.floor(Date.now() / HOUR) * HOUR - 2 * HOUR));
  const ds = () => t.app.get(DataSource);

  beforeAll(async () => {
    t = await startTestApp({
      env: {
        SANDBOX_TICK_MS: '0',
        EVIDENCE_TICK_MS: '0',
        WEBHOOK_TICK_MS: '0',
        ANALYTICS_FOLD_TICK_MS: '0',
        ANALYTICS_ALERT_TICK_MS: '0',
      },
      clock,
    });
    browser = await launchBrowser();
    const partner = await PartnerFactory.create(t);
    for (const [scenario, n] of Object.entries(MIX)) {
      for (let i = 0; i < n; i++) {
        const person = await PersonFactory.create(t, partner, { first_name: `X-AUTOTEST-${scenario}` });
        const base = `/v1/persons/${person.id}/identifications`;
        const created = await http(t.url, 'POST', base, {
          token: partner.token,
          body: { method: 'idnow', language: 'EN' },
        });
        const request = await http(t.url, 'PATCH', `${base}/${created.body.id as string}/request`, {
          token: partner.token,
        });
        expect(request.status).toBe(200);
      }
    }
    // The call ends, then the review: every scenario of the mix has its outcome after these steps.
    for (const step of [31_000, 95_000, 11 * 60_000]) {
      clock.advance(step);
      await t.app.get(IdnowSandboxScheduler).tick();
      await drainCallbacks(t.app);
    }
    const statuses = await ds().query<{ status: string; n: number }[]>(
      `SELECT status, count(*)::int AS n FROM identifications GROUP BY status ORDER BY status`,
    );
    expect(statuses).toEqual([
      { status: 'aborted', n: 2 },
      { status: 'canceled', n: 3 },
      { status: 'failed', n: 1 },
      { status: 'successful', n: 3 },
    ]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('an officer sees the dashboard with data; a bar or a top-reasons row opens exactly its identifications', async () => {
    const officer = await StaffFactory.create(t, 'compliance_officer');
    await inBrowser(browser, 'console-analytics-dashboard', async (page) => {
      await signIn(page, t.url, officer);
      const dashboard = page.url();

      // Every panel shows figures of the sandbox outcomes.
      const canceled = onlyBar(page, 'status-trend-bar-canceled');
      await expect(canceled.getAttribute('data-count')).resolves.toBe('3');
      await expect(canceled.getAttribute('aria-label')).resolves.toMatch(/Canceled: 3$/);
      await expect(onlyBar(page, 'status-trend-bar-successful').getAttribute('data-count')).resolves.toBe(
        '3',
      );
      const reasons = page.getByTestId('top-reasons-table');
      await expect(reasons.getByTestId('top-reasons-table-row-TECH_PHOTO').innerText()).resolves.toMatch(
        /TECH_PHOTO\s+Technical\s+3\s/,
      );
      await reasons.getByTestId('top-reasons-table-row-TECH_VIDEO').getByText('2', { exact: true }).waitFor();
      await page.getByTestId('funnel-table-row-created').getByText('9', { exact: true }).waitFor();
      await page.getByTestId('funnel-table-row-successful').getByText('3', { exact: true }).waitFor();
      const overall = page.getByTestId('time-to-final-table-row-overall');
      await expect(overall.locator('td').nth(1).innerText()).resolves.not.toBe('0');
      await page.getByTestId('retries-summary').waitFor();
      await page.getByTestId('open-alerts').getByText('No open alerts.').waitFor();

      // A status-trend bar: the identifications canceled in that bucket.
      expect(await drillDown(page, canceled)).toBe(3);
      await expect(page.locator('input[name=outcome_status]').inputValue()).resolves.toBe('canceled');
      await page.locator('input[name=outcome_from]').waitFor();
      await eventually(
        () => page.getByTestId('identification-status').allInnerTexts(),
        ['Canceled', 'Canceled', 'Canceled'],
      );

      // A bar of the failure splits: the temporary failures (canceled and aborted) of that bucket.
      await page.goto(dashboard);
      const temporary = onlyBar(page, 'permanence-bar-temporary');
      await expect(temporary.getAttribute('data-count')).resolves.toBe('5');
      expect(await drillDown(page, temporary)).toBe(5);
      await expect(page.locator('input[name=outcome_permanent]').inputValue()).resolves.toBe('false');

      // A top-reasons row: that reason over the whole range.
      await page.goto(dashboard);
      expect(await drillDown(page, page.getByTestId('top-reasons-table-row-TECH_VIDEO'))).toBe(2);
      await expect(page.locator('input[name=outcome_reason]').inputValue()).resolves.toBe('TECH_VIDEO');

      // A funnel step: the identifications created in the range that reached review.
      await page.goto(dashboard);
      expect(await drillDown(page, page.getByTestId('funnel-table-row-reviewed'))).toBe(7);
      await expect(page.locator('input[name=reached]').inputValue()).resolves.toBe('reviewed');
      await page.locator('input[name=created_from]').waitFor();

      // The view is in the URL: the 30-day range is a link that reproduces it.
      await page.goto(dashboard);
      await page.getByRole('button', { name: '30 days' }).click();
      await page.waitForURL(/range=30d/);
      await page.reload();
      await expect(page.getByRole('button', { name: '30 days' }).getAttribute('aria-pressed')).resolves.toBe(
        'true',
      );
      await expect(onlyBar(page, 'status-trend-bar-canceled').getAttribute('data-count')).resolves.toBe('3');
    });
  }, 90_000);

  it('exports the rows of a table as CSV', async () => {
    const officer = await StaffFactory.create(t, 'compliance_officer');
    await inBrowser(browser, 'console-analytics-csv', async (page) => {
      await signIn(page, t.url, officer);
      const panel = page.getByTestId('top-reasons');
      const rows = panel.locator('tbody tr');
      await eventually(() => rows.count(), 3);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        panel.getByRole('button', { name: 'Export CSV' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^top-reasons_\d{4}-\d{2}-\d{2}T\d{2}_.*\.csv$/);
      const lines = readFileSync(await download.path(), 'utf8')
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(lines[0]).toBe('Reason,Category,Count,Share of outcomes,Previous range,Change,Change (share)');
      // FRAUDIDENT's failure shows no reason (the seed never shows why an identification failed).
      expect(lines.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual([
        'TECH_PHOTO,Technical,3',
        'TECH_VIDEO,Technical,2',
        ',No reason,1',
      ]);
    });
  }, 60_000);

  it('lists the 59 failure codes in 4 categories; the permanent filter leaves 6; a row shows its guidance', async () => {
    const agent = await StaffFactory.create(t, 'support_agent');
    await inBrowser(browser, 'console-analytics-failure-codes', async (page) => {
      await signIn(page, t.url, agent);
      // Support agents see the catalog but no analytics.
      await expect(page.getByTestId('analytics-dashboard').count()).resolves.toBe(0);
      await page.getByRole('menuitem', { name: 'Failure codes' }).click();
      const groups = page.locator('[data-testid^="failure-code-group-"]');
      const rows = page.locator('[data-testid^="failure-code-group-"] tbody tr.RaDataTable-row');
      await eventually(() => groups.count(), 4);
      await eventually(() => rows.count(), 59);
      await page.getByRole('heading', { name: 'Technical: ' }).waitFor();

      await page.getByRole('combobox', { name: 'Permanent' }).click();
      await page.getByRole('option', { name: 'Yes', exact: true }).click();
      await page.waitForURL(/permanent/);
      await eventually(() => rows.count(), 6);

      await rows.first().click();
      const guidance = page.getByTestId('failure-code-guidance');
      await guidance.getByText('For the customer').waitFor();
      await guidance.getByText('German').waitFor();
      await expect(guidance.locator('[lang=de]').count()).resolves.toBe(2);
    });
  }, 60_000);

  it('an officer acknowledges an open alert with a note: it leaves the open list and is audited', async () => {
    const officer = await StaffFactory.create(t, 'compliance_officer');
    const hour = new Date(Math.floor(clock.now().getTime() / HOUR) * HOUR);
    const [{ id }] = await ds().query<{ id: string }[]>(
      `INSERT INTO analytics_alerts (reason, hour, observed, baseline, factor, min_volume, raised_at)
       VALUES ('TECH_INTERNAL_SERVER_ERROR', $1, 42, 2.5, 3, 10, $2) RETURNING id`,
      [hour, clock.now()],
    );
    const note = 'Provider incident confirmed; status page updated.';
    await inBrowser(browser, 'console-analytics-alerts', async (page) => {
      await signIn(page, t.url, officer);
      const open = page.getByTestId('open-alerts');
      const row = open.getByTestId(`open-alerts-table-row-${id}`);
      await row.getByText('TECH_INTERNAL_SERVER_ERROR').waitFor();
      await row.getByRole('button', { name: 'Acknowledge' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.locator('textarea[name=note]').fill(note);
      await dialog.getByRole('button', { name: 'Acknowledge' }).click();
      await page.getByText('Alert acknowledged').waitFor();
      await open.getByText('No open alerts.').waitFor();

      // The alerts page: not among the open ones, but among the acknowledged with the note.
      await page.getByRole('menuitem', { name: 'Alerts' }).click();
      await page.waitForURL(/analytics-alerts/);
      const alertRows = page.getByRole('row').filter({ hasText: 'TECH_INTERNAL_SERVER_ERROR' });
      await page.getByRole('combobox', { name: 'State' }).waitFor();
      await eventually(() => alertRows.count(), 0);
      await page.getByRole('combobox', { name: 'State' }).click();
      await page.getByRole('option', { name: 'Acknowledged' }).click();
      const done = alertRows.first();
      await done.getByTestId('alert-state').getByText('Acknowledged').waitFor();
      await done.click();
      await page.getByText(note).waitFor();
      await page.locator('#main-content').getByText('Test compliance_officer').waitFor();
    });

    const [alert] = await ds().query<{ acknowledged_by: string; acknowledgement_note: string }[]>(
      `SELECT acknowledged_by, acknowledgement_note FROM analytics_alerts WHERE id = $1`,
      [id],
    );
    expect(alert).toEqual({ acknowledged_by: officer.id, acknowledgement_note: note });
    const audits = await ds().query<{ actor_id: string }[]>(
      `SELECT actor_id FROM audit_events WHERE action = 'analytics_alert.acknowledged' AND entity_id = $1`,
      [String(id)],
    );
    expect(audits).toEqual([{ actor_id: officer.id }]);
  }, 60_000);
});

describe('console analytics: an empty sandbox offers demo data', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp({
      env: {
        SANDBOX_TICK_MS: '0',
        EVIDENCE_TICK_MS: '0',
        WEBHOOK_TICK_MS: '0',
        ANALYTICS_ALERT_TICK_MS: '0',
      },
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('an officer sees the empty state; an admin loads demo data, follows its progress, then sees the charts', async () => {
    const load = { name: 'Load demo data (200 persons)' };
    const officer = await StaffFactory.create(t, 'compliance_officer');
    await inBrowser(browser, 'console-analytics-empty-officer', async (page) => {
      await signIn(page, t.url, officer);
      await page.getByTestId('analytics-empty').getByText('No identifications in this range').waitFor();
      await expect(page.getByRole('button', load).count()).resolves.toBe(0);
    });

    await inBrowser(browser, 'console-analytics-demo-data', async (page) => {
      await signIn(page, t.url, SANDBOX_ADMIN);
      await page.getByTestId('analytics-empty').getByRole('button', load).click();
      await page
        .getByTestId('demo-data-progress')
        .getByText(/Loading demo data: \d+ of 200/)
        .waitFor();
      await page.getByTestId('status-trend').waitFor({ timeout: 180_000 });
      await expect(page.getByTestId('analytics-empty').count()).resolves.toBe(0);
      await expect(onlyBar(page, 'status-trend-bar-successful').count()).resolves.toBeGreaterThan(0);
      await page.getByTestId('top-reasons-table').locator('tbody tr').first().waitFor();
    });
  }, 240_000);
});
