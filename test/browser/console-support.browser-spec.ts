import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { IdnowSandboxScheduler } from '#kyc/idnow';
import { FakeClock, http, PartnerFactory, PersonFactory, StaffFactory } from '#kyc/testing';
import { launchBrowser } from '../support/browser.js';
import { drainCallbacks } from '../support/callbacks.js';
import { eventually, inBrowser, MENUS, menuEntries, signIn } from '../support/console.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const BIRTH_DATE = '1988-04-17';
const NOTE = 'Customer called: explained the lighting and sent them the link again.';
const JUSTIFICATION = 'Customer says the room is now well lit and asks for another attempt.';
const UNMASK_REASON = 'Customer disputes the birth date on file (ticket 4711)';
/** Words a support answer never contains (the seed: fraud suspicion is never mentioned). */
const FRAUD_WORDS = /fraud|betrug|verdacht|suspicion|manipul/i;

/** The customer view's section of that title (each is a labelled region). */
const section = (page: Page, title: string) => page.getByRole('region', { name: title, exact: true });

describe('console support desk: search, customer view, answer helper, support actions, unmask and evidence pack', () => {
  let t: TestApp;
  let browser: Browser;
  let personId: string;
  let reference: string;
  const clock = new FakeClock(new Date());
  const ds = () => t.app.get(DataSource);

  beforeAll(async () => {
    t = await startTestApp({
      env: { SANDBOX_TICK_MS: '0', EVIDENCE_TICK_MS: '0', WEBHOOK_TICK_MS: '0' },
      clock,
    });
    browser = await launchBrowser();
    const partner = await PartnerFactory.create(t);
    // A customer who waits for the video call (no test prefix), in German; the sandbox admin then ends it
    // as canceled for poor lighting, as an IDnow agent would.
    const person = await PersonFactory.create(t, partner, {
      first_name: 'Jürgen',
      last_name: `Müller-Lüdenscheidt`,
      birth_date: BIRTH_DATE,
    });
    personId = person.id;
    const base = `/v1/persons/${personId}/identifications`;
    const created = await http(t.url, 'POST', base, {
      token: partner.token,
      body: { method: 'idnow', language: 'DE' },
    });
    const id = created.body.id as string;
    const requested = await http(t.url, 'PATCH', `${base}/${id}/request`, { token: partner.token });
    expect(requested.status).toBe(200);
    reference = requested.body.reference as string;
    expect(reference).toMatch(/^TST-[A-Z]{5}$/);
    const forced = await http(t.url, 'POST', `/sandbox/idnow/admin/identifications/${id}/force`, {
      body: { result: 'CANCELED', reason: 'TECH_LIGHTING' },
      headers: { 'X-Sandbox-Admin-Token': t.env.SANDBOX_ADMIN_TOKEN! },
    });
    expect(forced.status).toBe(200);
    await t.app.get(IdnowSandboxScheduler).tick();
    await drainCallbacks(t.app);
    const [row] = await ds().query<{ status: string; failure_reason: string }[]>(
      `SELECT status, failure_reason FROM identifications WHERE id = $1`,
      [id],
    );
    expect(row).toEqual({ status: 'canceled', failure_reason: 'TECH_LIGHTING' });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('a support agent finds the customer by IDnow reference, copies the German answer for TECH_LIGHTING, sees no decision buttons, adds a note, resends the link and proposes a re-identification (once)', async () => {
    const agent = await StaffFactory.create(t, 'support_agent');
    await inBrowser(browser, 'console-support-agent', async (page) => {
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: t.url });
      await signIn(page, t.url, agent);
      await eventually(() => menuEntries(page), MENUS.support_agent);
      await page.getByRole('menuitem', { name: 'Support desk' }).click();
      await page.waitForURL(`${t.url}/support`);

      // Results as you type: the reference is recognised as such, the row shows masked data and the status.
      await page.getByTestId('support-search').pressSequentially(reference, { delay: 20 });
      await expect(page.getByTestId('support-search-kind').innerText()).resolves.toBe('IDnow reference');
      const result = page.getByTestId('support-result');
      await expect(result.count()).resolves.toBe(1);
      await expect(result.getByTestId('support-result-reference').innerText()).resolves.toBe(reference);
      await expect(result.getByTestId('identification-status').innerText()).resolves.toBe('Canceled');
      await expect(result.innerText()).resolves.toContain('born 1988');
      await expect(result.innerText()).resolves.not.toContain(BIRTH_DATE);
      await page.getByTestId('support-search').press('Enter');
      await page.waitForURL(`${t.url}/support/customers/${personId}`);

      // The header in the UI language (English), and in the customer's language on request.
      const headline = section(page, 'What happened, and what now');
      await expect(headline.getByTestId('identification-status').innerText()).resolves.toBe('Canceled');
      await expect(headline.getByTestId('support-headline-text').innerText()).resolves.toMatch(/[a-z]/);
      const english = await headline.getByTestId('support-headline-text').innerText();
      await headline.getByRole('button', { name: 'Deutsch' }).click();
      await eventually(
        async () => (await headline.getByTestId('support-headline-text').innerText()) !== english,
        true,
      );

      // The timeline: the reason in plain words (German now), never the code.
      const timeline = section(page, 'Identifications');
      await expect(timeline.getByTestId('support-reason').innerText()).resolves.toMatch(/Beleuchtung|Licht/);
      await expect(timeline.innerText()).resolves.not.toContain('TECH_LIGHTING');

      // The person card is masked.
      const person = section(page, 'Person');
      await person.getByTestId('masked-badge').waitFor();
      await expect(person.getByTestId('person-birth_date').innerText()).resolves.not.toContain(BIRTH_DATE);

      // The answer helper starts in the customer's language (German); Copy puts it on the clipboard.
      const answer = section(page, 'Answer for the customer');
      await expect(
        answer.getByRole('button', { name: 'Deutsch' }).getAttribute('aria-pressed'),
      ).resolves.toBe('true');
      const body = answer.getByTestId('support-answer-body');
      await eventually(async () => (await body.inputValue()).length > 0, true);
      await answer.getByRole('button', { name: 'Copy' }).click();
      await answer.getByRole('button', { name: 'Copied' }).waitFor();
      // A string, evaluated in the page: the test's own TypeScript has no DOM types.
      const copied = await page.evaluate<string>('navigator.clipboard.readText()');
      expect(copied).toBe(await body.inputValue());
      expect(copied).toMatch(/Beleuchtung|Licht/);
      expect(copied).toContain('gut beleuchteten Raum');
      expect(copied).not.toContain('TECH_LIGHTING');
      expect(copied).not.toMatch(FRAUD_WORDS);
      expect(copied).not.toContain(BIRTH_DATE);

      // Support acts only as allowed: note, resend, propose; no decision and no officer action anywhere.
      const actions = page.getByTestId('support-actions');
      for (const name of ['Add note', 'Resend link', 'Propose re-identification']) {
        await actions.getByRole('button', { name }).waitFor();
      }
      for (const name of [
        'Approve',
        'Reject',
        'Retry',
        'Send back',
        'Re-identify',
        'Unmask',
        'Download evidence pack',
      ]) {
        await expect(page.getByRole('button', { name, exact: true }).count()).resolves.toBe(0);
      }

      // A note: added through its dialog, then listed.
      await actions.getByRole('button', { name: 'Add note' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.locator('textarea[name=body]').fill(NOTE);
      await dialog.getByRole('button', { name: 'Add note' }).click();
      await dialog.waitFor({ state: 'detached' });
      await section(page, 'Internal notes').getByTestId('support-note').filter({ hasText: NOTE }).waitFor();
      await expect(
        section(page, 'Internal notes').getByTestId('support-note').filter({ hasText: NOTE }).innerText(),
      ).resolves.toContain('Test support_agent');

      // The still-valid link goes to the partner again.
      await actions.getByRole('button', { name: 'Resend link' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Resend link' }).click();
      await page.getByText('Link sent to the partner again').waitFor();

      // A re-identification proposal lands with the officers; a second one is refused in the dialog.
      await actions.getByRole('button', { name: 'Propose re-identification' }).click();
      const propose = page.getByRole('dialog');
      await propose.locator('textarea[name=justification]').fill(JUSTIFICATION);
      await propose.getByRole('button', { name: 'Propose re-identification' }).click();
      await propose.waitFor({ state: 'detached' });
      await page.getByTestId('support-pending-proposal').waitFor();
      await expect(page.getByTestId('support-pending-proposal').innerText()).resolves.toMatch(
        /^Proposed by Test support_agent on .*: Re-identify\./,
      );
      await actions.getByRole('button', { name: 'Propose re-identification' }).click();
      await propose.locator('textarea[name=justification]').fill(JUSTIFICATION);
      await propose.getByRole('button', { name: 'Propose re-identification' }).click();
      await propose.getByTestId('support-action-error').waitFor();
      await propose.getByRole('button', { name: 'Cancel' }).click();
      await propose.waitFor({ state: 'detached' });
    });
  });

  it('an officer finds the proposal in Approvals, the customer by an accent-free name, unmasks (full birth date, audited) and downloads the evidence pack', async () => {
    const officer = await StaffFactory.create(t, 'compliance_officer');
    await inBrowser(browser, 'console-support-officer', async (page) => {
      await signIn(page, t.url, officer);
      // The agent's proposal (the test before) waits in the officers' Approvals.
      await page.getByRole('menuitem', { name: 'Approvals' }).click();
      await page
        .getByRole('row')
        .filter({ hasText: JUSTIFICATION })
        .filter({ hasText: 'Test support_agent' })
        .waitFor();

      await page.getByRole('menuitem', { name: 'Support desk' }).click();
      await page.getByTestId('support-search').fill('Muller Ludenscheidt');
      await page.getByTestId('support-result').filter({ hasText: 'Jürgen Müller-Lüdenscheidt' }).click();
      await page.waitForURL(`${t.url}/support/customers/${personId}`);
      const person = section(page, 'Person');
      await person.getByTestId('masked-badge').waitFor();
      await page
        .getByTestId('officer-actions')
        .getByRole('button', { name: 'Download evidence pack' })
        .waitFor();
      // Officers neither resend nor propose: they decide in the review queue.
      await expect(page.getByRole('button', { name: 'Propose re-identification' }).count()).resolves.toBe(0);

      await page.getByRole('button', { name: 'Unmask' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.locator('textarea[name=reason]').fill(UNMASK_REASON);
      await dialog.getByRole('button', { name: 'Unmask' }).click();
      await dialog.waitFor({ state: 'detached' });
      await person.getByTestId('unmasked-badge').waitFor();
      await expect(person.getByTestId('unmasked-badge').innerText()).resolves.toBe('Unmasked — audited');
      await expect(person.getByTestId('person-birth_date').innerText()).resolves.toContain(BIRTH_DATE);
      await expect(person.getByTestId('masked-badge').count()).resolves.toBe(0);

      const audited = await ds().query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM audit_events WHERE action = 'person.unmasked' AND entity_id = $1`,
        [personId],
      );
      expect(audited[0].n).toBe(1);

      // The evidence pack downloads as a zip, after a reason.
      await page.getByRole('button', { name: 'Download evidence pack' }).click();
      const packDialog = page.getByRole('dialog');
      await packDialog.locator('textarea[name=reason]').fill(UNMASK_REASON);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        packDialog.getByRole('button', { name: 'Download evidence pack' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`evidence-pack-${personId}.zip`);
      const zip = await download.createReadStream();
      const head = await new Promise<Buffer>((resolve, reject) => {
        zip.once('data', (chunk) => resolve(Buffer.from(chunk)));
        zip.once('error', reject);
      });
      expect(head.subarray(0, 2).toString()).toBe('PK');
    });
  });
});
