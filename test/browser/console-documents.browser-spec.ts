import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { newId } from '#kyc/common';
import { PartnerFactory, PersonFactory, StaffFactory, type TestPartner } from '#kyc/testing';
import { launchBrowser } from '../support/browser.js';
import { eventually, inBrowser, menuEntries, signIn } from '../support/console.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** A real one-page PDF, so Chromium's viewer has something to draw. */
async function onePagePdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([300, 200]);
  page.drawText('KYC report', {
    x: 40,
    y: 100,
    size: 24,
    font: await doc.embedFont(StandardFonts.Helvetica),
  });
  return Buffer.from(await doc.save());
}
const REASON = 'Case review #42: proof of address check';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

/** The person page's section of that title (each is a labelled region). */
const section = (page: Page, title: string) => page.getByRole('region', { name: title, exact: true });

describe('console documents and identifications: the person page, the viewer, least privilege', () => {
  let t: TestApp;
  let browser: Browser;
  let partner: TestPartner;
  let personId: string;
  let documentId: string;
  let identificationId: string;
  let pdf: Buffer;

  const downloads = () =>
    t.app
      .get(DataSource)
      .query<{ actor_id: string; role: string; diff: Record<string, unknown> }[]>(
        `SELECT actor_id, role, diff FROM audit_events WHERE action = 'document.downloaded' AND entity_id = $1 ORDER BY id`,
        [documentId],
      );

  beforeAll(async () => {
    t = await startTestApp({ env: { SANDBOX_TICK_MS: '0', WEBHOOK_TICK_MS: '0' } });
    browser = await launchBrowser();
    partner = await PartnerFactory.create(t);
    personId = (await PersonFactory.create(t, partner)).id;
    pdf = await onePagePdf();
    // The partner uploads a report through the partner API, as in production.
    const form = new FormData();
    form.append('document_type', 'KYC_REPORT');
    form.append('file', new Blob([pdf]), 'kyc-report.pdf');
    const res = await fetch(`${t.url}/v1/persons/${personId}/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${partner.token}` },
      body: form,
    });
    expect(res.status).toBe(201);
    documentId = ((await res.json()) as { id: string }).id;
    // An identification the server flagged for review: no proof of address.
    identificationId = newId('identification');
    await t.app.get(DataSource).query(
      `INSERT INTO identifications (id, partner_id, person_id, method, status, provider_result, flagged, flag_reasons)
       VALUES ($1, $2, $3, 'idnow', 'successful', 'SUCCESS', true, '["missing_proof_of_address"]')`,
      [identificationId, partner.partnerId, personId],
    );
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('an officer opens a document from the person page with a reason: shown from a blob: URL, audited with the reason', async () => {
    const officer = await StaffFactory.create(t, 'compliance_officer');
    await inBrowser(browser, 'console-documents-officer-opens', async (page) => {
      await signIn(page, t.url, officer);
      await eventually(async () => {
        const entries = await menuEntries(page);
        return ['Identifications', 'Documents'].every((e) => entries.includes(e));
      }, true);
      await page.goto(`${t.url}/persons/${personId}/show`);
      const row = section(page, 'Documents').getByRole('row').filter({ hasText: 'kyc-report.pdf' });
      await row.getByText('KYC_REPORT').waitFor();
      await row.getByText('application/pdf').waitFor();
      await row.getByText(`${pdf.length} B`).waitFor();
      await row.getByText('Partner upload').waitFor();

      await row.getByRole('button', { name: 'Open' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('It is recorded in the audit trail with your name.').waitFor();
      // Without a reason nothing is fetched.
      await dialog.getByRole('button', { name: 'Open' }).click();
      await dialog.getByText('Give a reason of 3 to 500 characters').waitFor();
      expect(await downloads()).toHaveLength(0);

      await dialog.locator('textarea[name=reason]').fill(REASON);
      await dialog.getByRole('button', { name: 'Open' }).click();
      const frame = dialog.getByTestId('document-viewer-pdf');
      await frame.waitFor();
      const src = (await frame.getAttribute('src')) ?? '';
      expect(src).toMatch(new RegExp(`^blob:${t.url}/`));
      await expect(dialog.getByTestId('document-viewer-download').getAttribute('href')).resolves.toBe(src);
      await expect(dialog.getByTestId('document-viewer-download').getAttribute('download')).resolves.toBe(
        'kyc-report.pdf',
      );
      // The download link gives exactly the stored bytes.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        dialog.getByTestId('document-viewer-download').click(),
      ]);
      expect(download.suggestedFilename()).toBe('kyc-report.pdf');
      expect(readFileSync(await download.path()).equals(pdf)).toBe(true);

      // Closing the dialog revokes the object URL: the same link no longer downloads anything.
      await dialog.getByRole('button', { name: 'Close' }).click();
      await dialog.waitFor({ state: 'detached' });
      const [stale] = await Promise.all([
        page.waitForEvent('download'),
        // A string: the tests compile without DOM types.
        page.evaluate(
          `(() => { const a = document.createElement('a'); a.href = ${JSON.stringify(src)}; a.download = 'stale.pdf'; a.click(); })()`,
        ),
      ]);
      await expect(stale.failure()).resolves.not.toBeNull();
      // The row was not clicked through: still on the person page.
      expect(page.url()).toBe(`${t.url}/persons/${personId}/show`);
    });

    const events = await downloads();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actor_id: officer.id,
      role: 'compliance_officer',
      diff: { reason: REASON, disposition: 'inline', person_id: personId, document_type: 'KYC_REPORT' },
    });
  });

  it("a support agent sees the person's documents, but no Open button on the list or the document page", async () => {
    const agent = await StaffFactory.create(t, 'support_agent');
    await inBrowser(browser, 'console-documents-agent', async (page) => {
      await signIn(page, t.url, agent);
      await page.goto(`${t.url}/persons/${personId}/show`);
      const row = section(page, 'Documents').getByRole('row').filter({ hasText: 'kyc-report.pdf' });
      await row.getByText('KYC_REPORT').waitFor();
      await eventually(() => page.getByRole('button', { name: 'Open' }).count(), 0);

      await row.click();
      await page.waitForURL(`${t.url}/documents/${documentId}/show`);
      await page
        .getByTestId('document-sha256')
        .getByText(/^[0-9a-f]{64}$/)
        .waitFor();
      await eventually(() => page.getByRole('button', { name: 'Open' }).count(), 0);
    });
    expect(await downloads()).toHaveLength(1);
  });

  it('the person page shows the identification with its status, result and a review flag that says what it means', async () => {
    const officer = await StaffFactory.create(t, 'compliance_officer');
    await inBrowser(browser, 'console-identification-flag', async (page) => {
      await signIn(page, t.url, officer);
      await page.goto(`${t.url}/persons/${personId}/show`);
      const row = section(page, 'Identifications').getByRole('row').filter({ hasText: identificationId });
      await expect(row.getByTestId('identification-status').innerText()).resolves.toBe('Successful');
      await row.getByText('SUCCESS', { exact: true }).waitFor();
      const flag = row.getByTestId('identification-flag-missing_proof_of_address');
      await expect(flag.innerText()).resolves.toBe('Missing proof of address');
      await flag.hover();
      await page
        .getByRole('tooltip')
        .getByText(
          'The identity document used does not show an address and no proof of address was given: compliance must review.',
        )
        .waitFor();

      // The list of flagged identifications has it; its page links back to the person.
      await page.goto(`${t.url}/identifications?filter=${encodeURIComponent('{"flagged":true}')}`);
      // The id cell: an officer's list has a selection checkbox first (bulk re-identify).
      await page.getByRole('row').filter({ hasText: identificationId }).getByText(identificationId).click();
      await page.waitForURL(`${t.url}/identifications/${identificationId}/show`);
      await page.getByTestId('identification-flag-missing_proof_of_address').waitFor();
      await page.getByRole('link', { name: personId }).click();
      await page.waitForURL(`${t.url}/persons/${personId}/show`);
    });
  });

  it('a person whose account must be blocked says so on the person page, and only then', async () => {
    const agent = await StaffFactory.create(t, 'support_agent');
    await inBrowser(browser, 'console-blocking-badge', async (page) => {
      await signIn(page, t.url, agent);
      await page.goto(`${t.url}/persons/${personId}/show`);
      await section(page, 'Documents').waitFor();
      await eventually(() => page.getByTestId('blocking-badge').count(), 0);
      await t.app
        .get(DataSource)
        .query(`UPDATE persons SET flagged_by_compliance = true WHERE id = $1`, [personId]);
      await page.reload();
      await expect(page.getByTestId('blocking-badge').innerText()).resolves.toBe('Account blocking required');
    });
    await t.app
      .get(DataSource)
      .query(`UPDATE persons SET flagged_by_compliance = false WHERE id = $1`, [personId]);
  });

  // Needs blob: in the console's img-src (apps/api/src/console/serve-console.ts): the CSP is part of the test.
  it('an officer opens an uploaded PNG: the viewer draws it from a blob: URL', async () => {
    const form = new FormData();
    form.append('document_type', 'PICTURE');
    form.append('file', new Blob([PNG]), 'face.png');
    const res = await fetch(`${t.url}/v1/persons/${personId}/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${partner.token}` },
      body: form,
    });
    expect(res.status).toBe(201);
    const officer = await StaffFactory.create(t, 'compliance_officer');
    await inBrowser(browser, 'console-documents-png', async (page) => {
      await signIn(page, t.url, officer);
      await page.goto(`${t.url}/persons/${personId}/show`);
      const row = section(page, 'Documents').getByRole('row').filter({ hasText: 'face.png' });
      await row.getByRole('button', { name: 'Open' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.locator('textarea[name=reason]').fill('Face match check');
      await dialog.getByRole('button', { name: 'Open' }).click();
      const image = dialog.getByTestId('document-viewer-image');
      await expect(image.getAttribute('src')).resolves.toMatch(new RegExp(`^blob:${t.url}/`));
      // -1 while loading; a refused or broken image is complete with naturalWidth 0.
      const width = () =>
        image.evaluate((img) => {
          const i = img as unknown as { complete: boolean; naturalWidth: number };
          return i.complete ? i.naturalWidth : -1;
        });
      await eventually(async () => (await width()) !== -1, true);
      expect(await width()).toBeGreaterThan(0);
    });
  });
});
