import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { WebhookDeliveryWorker } from '#kyc/webhooks';
import { FakeClock, http, PartnerFactory, randomName, StaffFactory } from '#kyc/testing';
import { launchBrowser } from '../support/browser.js';
import { eventually, inBrowser, SANDBOX_ADMIN, signIn } from '../support/console.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';

const HOUR = 3600_000;

/** The partner API's answer to a client id and secret. */
const tokenStatus = async (t: TestApp, clientId: string, secret: string) =>
  (
    await http(t.url, 'POST', '/oauth/token', {
      body: { grant_type: 'client_credentials', client_id: clientId, client_secret: secret },
    })
  ).status;

/** `YYYY-MM-DDTHH:mm` for an <input type="datetime-local"> (the tests and Chromium run in UTC). */
const localInput = (d: Date) => d.toISOString().slice(0, 16);

/** The notification react-admin shows after an action. */
const notification = (page: Page, text: string | RegExp) =>
  page.locator('.MuiSnackbar-root').getByText(text).waitFor();

describe('console admin work: users, partner clients, the audit trail, webhook redelivery', () => {
  let t: TestApp;
  let browser: Browser;
  let receiver: WebhookReceiver;
  const clock = new FakeClock(new Date());

  beforeAll(async () => {
    receiver = await new WebhookReceiver().start();
    // Paths under /down answer 500 to deliveries; every subscription's verification ping passes.
    receiver.respond = (r) => ({
      status:
        r.path.startsWith('/down') && r.headers['solaris-webhook-event-type'] !== 'WEBHOOK-SUBSCRIPTION'
          ? 500
          : 200,
    });
    t = await startTestApp({
      clock,
      env: { SANDBOX_TICK_MS: '0', WEBHOOK_TICK_MS: '0', WEBHOOK_TIMEOUT_MS: '500' },
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await receiver?.stop();
  });

  // One user's life, step by step: each step builds on the one before (Jest runs them in order).
  describe('a user an admin creates', () => {
    const email = `officer-${randomName(6).toLowerCase()}@bank.example`;
    const password = `Officer-${randomName(8)}-42`;
    const newPassword = `Changed-${randomName(8)}-17`;

    it('is refused a weak password, then created as a compliance officer', async () => {
      await inBrowser(browser, 'console-admin-creates-user', async (page) => {
        await signIn(page, t.url, SANDBOX_ADMIN);
        await page.getByRole('menuitem', { name: 'Users' }).click();
        await page.getByRole('link', { name: 'Create' }).click();
        await page.locator('input[name=email]').fill(email);
        await page.locator('input[name=display_name]').fill('Olga Officer');
        await page.getByRole('combobox', { name: 'Role' }).click();
        await page.getByRole('option', { name: 'Compliance officer' }).click();
        await page.locator('input[name=password]').fill('weak');
        await page.getByRole('button', { name: 'Save' }).click();
        // The server's password policy answers 400 on `password`: shown under the field.
        await page.getByText('must be at least 12 characters long').waitFor();
        await page.locator('input[name=password]').fill(password);
        await page.getByRole('button', { name: 'Save' }).click();
        await page.getByRole('row').filter({ hasText: email }).getByText('Compliance officer').waitFor();
      });
    });

    it('signs in with that role', async () => {
      await inBrowser(browser, 'console-new-user-signs-in', async (page) => {
        await signIn(page, t.url, { email, password });
        await expect(page.getByTestId('signed-in-role').innerText()).resolves.toBe(
          'Signed in as Compliance officer',
        );
      });
    });

    it('shows in the audit page and its CSV export: created by the admin, then signed in', async () => {
      await inBrowser(browser, 'console-admin-audit', async (page) => {
        await signIn(page, t.url, SANDBOX_ADMIN);
        await page.getByRole('menuitem', { name: 'Audit events' }).click();
        const created = page
          .getByRole('row')
          .filter({ hasText: 'staff.user_created' })
          .filter({ hasText: SANDBOX_ADMIN.email });
        await created.first().waitFor();
        await page.getByRole('row').filter({ hasText: 'staff.login' }).filter({ hasText: email }).waitFor();

        await page.locator('input[name=action]').fill('staff.user_created');
        // Only that action is left: the first admin's creation at start-up and the one above.
        const actions = () => page.locator('tbody tr td:nth-child(4)').allInnerTexts();
        await eventually(actions, ['staff.user_created', 'staff.user_created']);
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('link', { name: 'Export CSV' }).click(),
        ]);
        expect(download.suggestedFilename()).toMatch(/\.csv$/);
        const csv = readFileSync(await download.path(), 'utf8')
          .trim()
          .split(/\r?\n/);
        expect(csv[0]).toBe(
          [
            'id',
            'occurred_at',
            'actor_type',
            'actor_id',
            'actor_email',
            'role',
            'action',
            'entity_type',
            'entity_id',
            'diff',
            'request_id',
            'ip',
          ]
            .map((c) => `"${c}"`)
            .join(','),
        );
        expect(csv.slice(1).map((line) => line.includes(',"staff.user_created",'))).toEqual([true, true]);
        expect(csv.slice(1).some((line) => line.includes(SANDBOX_ADMIN.email))).toBe(true);
      });
    });

    it('is disabled (signing in stops working), enabled, given a new password and a new role', async () => {
      await inBrowser(browser, 'console-admin-manages-user', async (page) => {
        await signIn(page, t.url, SANDBOX_ADMIN);
        await page.getByRole('menuitem', { name: 'Users' }).click();
        await page.getByRole('row').filter({ hasText: email }).click();
        await page.getByRole('button', { name: 'Disable' }).click();
        await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
        await notification(page, `${email} disabled`);
        expect(await tokenlessSignIn(email, password)).toBe(401);
        await page.getByRole('button', { name: 'Enable' }).click();
        await notification(page, `${email} enabled`);

        await page.getByRole('button', { name: 'Reset password' }).click();
        await page.getByRole('dialog').locator('input[name=new-password]').fill(newPassword);
        await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
        await notification(page, 'Password reset: the user signs in with the new password');

        // The edit form: a new role.
        await page.getByRole('combobox', { name: 'Role' }).click();
        await page.getByRole('option', { name: 'Support agent' }).click();
        await page.getByRole('button', { name: 'Save' }).click();
        await page.getByRole('row').filter({ hasText: email }).getByText('Support agent').waitFor();
      });
    });

    it('signs in with the new password and the new role', async () => {
      await inBrowser(browser, 'console-user-new-password', async (page) => {
        await signIn(page, t.url, { email, password: newPassword });
        await expect(page.getByTestId('signed-in-role').innerText()).resolves.toBe(
          'Signed in as Support agent',
        );
      });
    });
  });

  /** The login call as the console makes it; only its status matters here. */
  async function tokenlessSignIn(email: string, password: string) {
    return (await http(t.url, 'POST', '/admin/auth/login', { body: { email, password } })).status;
  }

  it('creates a partner client whose secret is shown once and works, rotates it, and disables the client', async () => {
    await inBrowser(browser, 'console-partner-clients', async (page) => {
      await signIn(page, t.url, SANDBOX_ADMIN);
      await page.getByRole('menuitem', { name: 'Partner clients' }).click();
      await page.getByRole('link', { name: 'Create' }).click();
      await page.locator('input[name=partner_name]').fill('Acme Test Bank');
      await page.getByRole('button', { name: 'Save' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('it is shown only this once').waitFor();
      const clientId = (await dialog.getByTestId('client-id').innerText()).trim();
      const secret = (await dialog.getByTestId('client-secret').innerText()).trim();
      expect(await tokenStatus(t, clientId, secret)).toBe(200);
      await dialog.getByRole('button', { name: 'I have copied the secret' }).click();
      await page.getByText('Acme Test Bank').first().waitFor();
      expect(new URL(page.url()).pathname).toBe(`/partner-clients/${clientId}/show`);
      await expect(page.getByText(secret).count()).resolves.toBe(0);

      await page.getByRole('button', { name: 'Rotate secret' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
      await page.getByRole('dialog').getByText('it is shown only this once').waitFor();
      const rotated = (await page.getByRole('dialog').getByTestId('client-secret').innerText()).trim();
      expect(rotated).not.toBe(secret);
      expect(await tokenStatus(t, clientId, secret)).toBe(401);
      expect(await tokenStatus(t, clientId, rotated)).toBe(200);
      await page.getByRole('dialog').getByRole('button', { name: 'I have copied the secret' }).click();

      await page.getByRole('button', { name: 'Disable' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
      await notification(page, /disabled$/);
      await page.getByText('Disabled', { exact: true }).waitFor();
      expect(await tokenStatus(t, clientId, rotated)).toBe(401);
    });
  });

  it('shows deliveries with their attempt log; an admin redelivers one and every failed one of a range, an officer cannot', async () => {
    const ds = t.app.get(DataSource);
    const partner = await PartnerFactory.create(t);
    const subscribe = async (path: string) => {
      const res = await http(t.url, 'POST', '/v1/webhooks', {
        token: partner.token,
        body: { event_type: 'PERSON_CHANGED', url: `${receiver.url}${path}` },
      });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const up = await subscribe('/up');
    const down = await subscribe('/down');
    const createdAt = clock.now();
    await ds.query(
      `INSERT INTO domain_events (event_type, partner_id, entity_id, payload) VALUES ('PERSON_CHANGED', $1, 'person-a', '{}')`,
      [partner.partnerId],
    );
    // Drive the relay on the fake clock until the receiver's 500s dead-letter the delivery to /down.
    const worker = t.app.get(WebhookDeliveryWorker);
    for (let i = 0; i < 40; i++) {
      await worker.drain();
      const [{ pending }] = await ds.query<{ pending: number }[]>(
        `SELECT count(*)::int AS pending FROM webhook_deliveries WHERE subscription_id = $1 AND status = 'pending'`,
        [down],
      );
      if (!pending) break;
      clock.advance(7 * HOUR);
    }
    const rows = await ds.query<{ id: string; subscription_id: string; status: string }[]>(
      `SELECT id::text, subscription_id, status FROM webhook_deliveries WHERE subscription_id IN ($1, $2)`,
      [up, down],
    );
    const delivered = rows.find((r) => r.subscription_id === up)!;
    const failed = rows.find((r) => r.subscription_id === down)!;
    expect([delivered.status, failed.status]).toEqual(['delivered', 'failed']);

    const officer = await StaffFactory.create(t, 'compliance_officer');
    await inBrowser(browser, 'console-deliveries-officer', async (page) => {
      await signIn(page, t.url, officer);
      await page.goto(`${t.url}/webhook-deliveries/${failed.id}/show`);
      await page.getByTestId('attempt-log').getByRole('row').nth(1).getByText('500').waitFor();
      await expect(page.getByRole('button', { name: 'Redeliver' }).count()).resolves.toBe(0);
      await page.getByRole('menuitem', { name: 'Webhook deliveries' }).click();
      await page.getByRole('row').filter({ hasText: 'person-a' }).first().waitFor();
      await expect(page.getByRole('button', { name: 'Redeliver failed' }).count()).resolves.toBe(0);
    });

    await inBrowser(browser, 'console-deliveries-admin', async (page) => {
      await signIn(page, t.url, SANDBOX_ADMIN);
      await page.getByRole('menuitem', { name: 'Webhook deliveries' }).click();
      await page
        .getByRole('row')
        .filter({ has: page.getByRole('cell', { name: String(delivered.id), exact: true }) })
        .click();
      const log = page.getByTestId('attempt-log');
      await log.getByRole('row').nth(1).getByText('200').waitFor();
      await expect(log.getByRole('row').count()).resolves.toBe(2); // header and one attempt
      await page.getByRole('button', { name: 'Redeliver' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
      await notification(page, 'Delivery queued again');
      await page.getByText('Pending').waitFor();

      await page.getByRole('menuitem', { name: 'Webhook deliveries' }).click();
      await page.getByRole('button', { name: 'Redeliver failed' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.locator('input[name=from]').fill(localInput(new Date(createdAt.getTime() - HOUR)));
      await dialog.locator('input[name=to]').fill(localInput(new Date(createdAt.getTime() + HOUR)));
      await dialog.locator('input[name=subscription_id]').fill(down);
      await dialog.getByRole('button', { name: 'Redeliver' }).click();
      await notification(page, '1 delivery queued again');
    });
    const after = await ds.query<{ id: string; status: string }[]>(
      `SELECT id::text, status FROM webhook_deliveries WHERE id IN ($1, $2) ORDER BY id`,
      [delivered.id, failed.id],
    );
    expect(after.map((r) => r.status)).toEqual(['pending', 'pending']);
  });
});
