import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { EvidenceCaptureWorker } from '#kyc/documents';
import { IdnowSandboxScheduler } from '#kyc/idnow';
import { FakeClock, http, PartnerFactory, PersonFactory, StaffFactory, type TestPartner } from '#kyc/testing';
import { launchBrowser } from '../support/browser.js';
import { eventually, inBrowser, MENUS, menuEntries, signIn } from '../support/console.js';
import { drainCallbacks } from '../support/callbacks.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const JUSTIFICATION = 'Fraud hint examined: ID document, face photo and report are consistent.';
const REASON = 'Review of the fraud suspicion before deciding';

/** The case page's section of that title (each is a labelled region). */
const section = (page: Page, title: string) => page.getByRole('region', { name: title, exact: true });

/** Choose `option` in the react-admin select labelled `label`. */
async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

describe('console review: the queue, the case page, four eyes, least privilege', () => {
  let t: TestApp;
  let browser: Browser;
  let partner: TestPartner;
  let caseId: string;
  let personName: string;
  const clock = new FakeClock('2026-11-27T08:00:00Z');
  const ds = () => t.app.get(DataSource);

  /** One sandbox step: publish what is due, process the callbacks, capture the evidence. */
  async function settle(): Promise<void> {
    await t.app.get(IdnowSandboxScheduler).tick();
    await drainCallbacks(t.app);
    await t.app.get(EvidenceCaptureWorker).drain();
  }

  const statusOf = async (id: string) =>
    (await ds().query<{ status: string }[]>(`SELECT status FROM identifications WHERE id = $1`, [id]))[0]
      ?.status;

  beforeAll(async () => {
    t = await startTestApp({
      env: { SANDBOX_TICK_MS: '0', EVIDENCE_TICK_MS: '0', WEBHOOK_TICK_MS: '0' },
      clock,
    });
    browser = await launchBrowser();
    partner = await PartnerFactory.create(t);
    // FRAUDOK: the robot's call ends with FRAUD_SUSPICION_PENDING (pending_failed); its later SUCCESS review
    // is never published here, because the clock stops before it.
    const person = await PersonFactory.create(t, partner, { first_name: 'X-AUTOTEST-FRAUDOK' });
    personName = `X-AUTOTEST-FRAUDOK ${String(person.last_name)}`;
    const base = `/v1/persons/${person.id}/identifications`;
    const created = await http(t.url, 'POST', base, {
      token: partner.token,
      body: { method: 'idnow', language: 'EN' },
    });
    caseId = created.body.id as string;
    expect((await http(t.url, 'PATCH', `${base}/${caseId}/request`, { token: partner.token })).status).toBe(
      200,
    );
    for (let i = 0; i < 5 && (await statusOf(caseId)) !== 'pending_failed'; i++) {
      clock.advance(31_000);
      await settle();
    }
    expect(await statusOf(caseId)).toBe('pending_failed');
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('an officer filters the queue, claims the FRAUDOK case, opens its report, proposes approval; a second officer confirms it in Approvals', async () => {
    const alice = await StaffFactory.create(t, 'compliance_officer');
    const bob = await StaffFactory.create(t, 'compliance_officer');

    await inBrowser(browser, 'console-review-proposer', async (page) => {
      await signIn(page, t.url, alice);
      await eventually(() => menuEntries(page), MENUS.compliance_officer);
      await page.getByRole('menuitem', { name: 'Review queue' }).click();
      await page.getByTestId('saved-queries-note').getByText('kept in this browser only').waitFor();

      // Filter: unassigned (quick filter), pending failed (the status select).
      await page.getByTestId('queue-sidebar').getByRole('button', { name: 'Unassigned' }).click();
      await page.waitForURL(/unassigned/);
      await choose(page, 'Status', 'Pending failed');
      await page.waitForURL(/pending_failed/);
      const row = page.getByRole('row').filter({ hasText: personName });
      await expect(row.getByTestId('identification-status').innerText()).resolves.toBe('Pending failed');
      await row.getByText('FRAUD_SUSPICION_PENDING').waitFor();
      await expect(row.getByTestId('case-assignee').innerText()).resolves.toBe('Unassigned');
      await expect(row.getByTestId('case-overdue').count()).resolves.toBe(0);
      await row.getByText(personName).click();
      await page.waitForURL(`${t.url}/review-cases/${caseId}/show`);

      // Claim: the case is mine.
      await page.getByTestId('case-person').getByText(personName).waitFor();
      await page.getByRole('button', { name: 'Claim' }).click();
      await eventually(() => page.getByTestId('case-assignee').innerText(), 'Test compliance_officer');
      await page.getByRole('button', { name: 'Release' }).waitFor();

      // The diff table compares our person with what the provider read.
      await section(page, 'Person and ID document')
        .getByTestId('field-diff')
        .getByText('first_name')
        .waitFor();

      // The timeline: the raw provider result, as received.
      const timeline = section(page, 'Timeline');
      await timeline.getByRole('button', { name: 'Raw payload' }).first().click();
      const raw = page.getByRole('dialog');
      await raw
        .getByTestId('raw-payload')
        .getByText(/FRAUD_SUSPICION_PENDING/)
        .waitFor();
      await raw.getByRole('button', { name: 'Close' }).click();
      await raw.waitFor({ state: 'detached' });

      // The KYC report, inline, after a reason.
      const report = section(page, 'Documents').getByRole('row').filter({ hasText: 'KYC_REPORT' });
      await report.getByRole('button', { name: 'Open' }).click();
      const viewer = page.getByRole('dialog');
      await viewer.locator('textarea[name=reason]').fill(REASON);
      await viewer.getByRole('button', { name: 'Open' }).click();
      await expect(viewer.getByTestId('document-viewer-pdf').getAttribute('src')).resolves.toMatch(
        new RegExp(`^blob:${t.url}/`),
      );
      await viewer.getByRole('button', { name: 'Close' }).click();
      await viewer.waitFor({ state: 'detached' });
      expect(page.url()).toBe(`${t.url}/review-cases/${caseId}/show`);

      // Approve: the fraud suspicion needs a second officer, so it becomes a proposal.
      await page.getByTestId('case-actions').getByRole('button', { name: 'Approve' }).click();
      const decision = page.getByRole('dialog');
      await decision.getByRole('combobox', { name: 'Reason' }).click();
      await page.getByRole('option', { name: /FRAUD_SUSPICION_CLEARED/ }).click();
      await decision.locator('textarea[name=justification]').fill(JUSTIFICATION);
      await decision.getByRole('button', { name: 'Approve' }).click();
      await page.getByText('Awaiting second approval: another compliance officer must confirm').waitFor();
      await page.getByTestId('case-awaiting-approval').waitFor();
      const proposals = section(page, 'Proposals');
      await expect(proposals.getByTestId('proposal-state').innerText()).resolves.toBe('Pending');
      await proposals.getByTestId('own-proposal').waitFor();
      await expect(proposals.getByRole('button', { name: 'Confirm' }).count()).resolves.toBe(0);
      expect(await statusOf(caseId)).toBe('pending_failed');

      await inBrowser(browser, 'console-review-confirmer', async (second) => {
        await signIn(second, t.url, bob);
        await second.getByRole('menuitem', { name: 'Approvals' }).click();
        const pending = second.getByRole('row').filter({ hasText: caseId });
        await pending.getByText('FRAUD_SUSPICION_CLEARED').waitFor();
        await pending.getByRole('button', { name: 'Confirm' }).click();
        await second.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
        await second.getByText('Proposal confirmed').waitFor();
        await eventually(() => second.getByRole('row').filter({ hasText: caseId }).count(), 0);
      });

      await page.reload();
      await expect(page.getByTestId('identification-status').first().innerText()).resolves.toBe('Successful');
      await page.getByTestId('case-closed').waitFor();
      await expect(section(page, 'Proposals').getByTestId('proposal-state').innerText()).resolves.toBe(
        'Confirmed',
      );
      await expect(
        page.getByTestId('case-actions').getByRole('button', { name: 'Approve' }).count(),
      ).resolves.toBe(0);
    });

    expect(await statusOf(caseId)).toBe('successful');
    const audits = await ds().query<{ action: string; actor_id: string }[]>(
      `SELECT action, actor_id FROM audit_events WHERE entity_id = $1 AND action IN ('identification.claimed', 'identification.decision_proposed', 'identification.decided') ORDER BY id`,
      [caseId],
    );
    expect(audits).toEqual([
      { action: 'identification.claimed', actor_id: alice.id },
      { action: 'identification.decision_proposed', actor_id: alice.id },
      { action: 'identification.decided', actor_id: bob.id },
    ]);
    const [download] = await ds().query<{ diff: Record<string, unknown> }[]>(
      `SELECT diff FROM audit_events WHERE action = 'document.downloaded' AND actor_id = $1`,
      [alice.id],
    );
    expect(download.diff).toMatchObject({
      reason: REASON,
      disposition: 'inline',
      document_type: 'KYC_REPORT',
    });
  }, 120_000);

  it('an officer re-identifies a filtered list (canceled with TECH_LIGHTING) in bulk and sees a result per identification', async () => {
    const person = await PersonFactory.create(t, partner);
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const id = `${String(i).repeat(8)}${Math.random().toString(16).slice(2, 10).padEnd(8, '0')}${'ab'.repeat(8)}cidt`;
      await ds().query(
        `INSERT INTO identifications (id, partner_id, person_id, method, status, failure_reason, url, url_expires_at)
         VALUES ($1, $2, $3, 'idnow', 'canceled', 'TECH_LIGHTING', 'https://go.example/x', $4)`,
        [id, partner.partnerId, person.id, new Date(clock.now().getTime() + 5 * 86_400_000)],
      );
      ids.push(id);
    }
    const officer = await StaffFactory.create(t, 'compliance_officer');
    await inBrowser(browser, 'console-review-bulk-reidentify', async (page) => {
      await signIn(page, t.url, officer);
      const filter = encodeURIComponent(
        JSON.stringify({ status: 'canceled', failure_reason: 'TECH_LIGHTING' }),
      );
      await page.goto(`${t.url}/identifications?filter=${filter}`);
      for (const id of ids) await page.getByRole('row').filter({ hasText: id }).getByRole('checkbox').check();
      await page.getByRole('button', { name: 'Re-identify' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('Re-identify 2 identifications').waitFor();
      await dialog.getByRole('button', { name: 'Re-identify' }).click();
      const results = dialog.getByTestId('bulk-results');
      await results.getByText('2 done, 0 awaiting second approval, 0 not done').waitFor();
      await expect(results.getByText('Re-identified on the same url').count()).resolves.toBe(2);
    });
    const audited = await ds().query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'identification.reidentified' AND entity_id = ANY($1)`,
      [ids],
    );
    expect(audited[0].n).toBe(2);
  });

  it('a support agent has no review menu, page or decision button, and the api refuses their decision', async () => {
    const agent = await StaffFactory.create(t, 'support_agent');
    const before = await statusOf(caseId);
    await inBrowser(browser, 'console-review-agent', async (page) => {
      await signIn(page, t.url, agent);
      await eventually(() => menuEntries(page), MENUS.support_agent);
      await page.goto(`${t.url}/review-cases/${caseId}/show`);
      await page.getByText("You don't have the right permissions to access this page").waitFor();
      await expect(page.getByRole('button', { name: 'Approve' }).count()).resolves.toBe(0);
      await page.goto(`${t.url}/review-proposals`);
      await page.getByText("You don't have the right permissions to access this page").waitFor();
      // The identification itself is readable, without any review action.
      await page.goto(`${t.url}/identifications/${caseId}/show`);
      await page.getByTestId('identification-status').waitFor();
      for (const name of ['Approve', 'Reject', 'Claim', 'Re-identify'])
        await expect(page.getByRole('button', { name }).count()).resolves.toBe(0);

      // The same call the decision dialog makes, from the agent's own session: 403.
      const status = await page.evaluate(`(async () => {
        const csrf = decodeURIComponent((document.cookie.match(/(?:^|; )kyc_csrf=([^;]*)/) || [])[1] || '');
        const res = await fetch('/admin/review-cases/${caseId}/decisions', {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
          body: JSON.stringify({ action: 'reject', reason_code: 'FRAUD_CONFIRMED', justification: ${JSON.stringify(JUSTIFICATION)}, version: 1 }),
        });
        return res.status;
      })()`);
      expect(status).toBe(403);
    });
    expect(await statusOf(caseId)).toBe(before);
  });
});
