import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { DataSource } from 'typeorm';
import { EvidenceCaptureWorker } from '#kyc/documents';
import { IdnowSandboxScheduler } from '#kyc/idnow';
import { FakeClock, http, PartnerFactory, PersonFactory, type TestPartner } from '#kyc/testing';
import { drainCallbacks } from '../support/callbacks.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Clock steps that cross the scenarios' timelines: call end, review. */
const STEPS_MS = [31_000, 95_000];

async function pdfText(bytes: Buffer): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  return pages.join('\n');
}

/**
 * The whole path with the built-in sandbox: a scenario plays out over real HTTP, its evidence zip is
 * downloaded by the adapter, unpacked, stored, and served back to the partner; the PDF opens.
 */
describe('sandbox scenarios produce their documents', () => {
  let t: TestApp;
  let partner: TestPartner;
  const clock = new FakeClock('2026-11-27T08:00:00Z');

  beforeAll(async () => {
    t = await startTestApp({ env: { SANDBOX_TICK_MS: '0', EVIDENCE_TICK_MS: '0' }, clock });
    partner = await PartnerFactory.create(t);
  });
  afterAll(() => t.close());

  async function settle(): Promise<void> {
    await t.app.get(IdnowSandboxScheduler).tick();
    await drainCallbacks(t.app);
    await t.app.get(EvidenceCaptureWorker).drain();
  }

  async function play(scenario: string) {
    const person = await PersonFactory.create(t, partner, { first_name: `X-AUTOTEST-${scenario}` });
    const created = await http(t.url, 'POST', `/v1/persons/${person.id}/identifications`, {
      token: partner.token,
      body: { method: 'idnow', language: 'EN' },
    });
    const path = `/v1/persons/${person.id}/identifications/${created.body.id}`;
    expect((await http(t.url, 'PATCH', `${path}/request`, { token: partner.token })).status).toBe(200);
    for (const step of STEPS_MS) {
      clock.advance(step);
      await settle();
    }
    // Tokens expire with the fake clock too.
    const token = await http(t.url, 'POST', '/oauth/token', {
      body: { grant_type: 'client_credentials', client_id: partner.clientId, client_secret: partner.secret },
    });
    partner.token = token.body.access_token as string;
    const shown = await http(t.url, 'GET', `${path}?include_documents=true`, { token: partner.token });
    return { person, id: created.body.id as string, shown: shown.body };
  }

  async function download(personId: string, documentId: string): Promise<Buffer> {
    const res = await fetch(`${t.url}/v1/persons/${personId}/documents/${documentId}/file`, {
      headers: { authorization: `Bearer ${partner.token}` },
    });
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  }

  it('HAPPYPATH: the report, signature, ID images and face photo reach the partner; the report names the person', async () => {
    const { person, id, shown } = await play('HAPPYPATH');
    expect(shown.status).toBe('successful');
    const types = shown.documents.map((d: { document_type: string; content_type: string }) => [
      d.document_type,
      d.content_type,
    ]);
    expect(types.sort()).toStrictEqual([
      ['ID_DOCUMENT', 'image/jpeg'],
      ['ID_DOCUMENT', 'image/jpeg'],
      ['KYC_REPORT', 'application/pdf'],
      ['PICTURE', 'image/jpeg'],
      ['SIGNATURE', 'image/png'],
    ]);
    const report = shown.documents.find((d: { document_type: string }) => d.document_type === 'KYC_REPORT');
    const text = await pdfText(await download(person.id, report.id));
    expect(text).toContain(id);
    expect(text.toUpperCase()).toContain(String(person.last_name).toUpperCase());
    const [{ n }] = await t.app
      .get(DataSource)
      .query(
        `SELECT count(*)::int AS n FROM documents WHERE identification_id = $1 AND NOT partner_visible`,
        [id],
      );
    expect(n).toBe(2); // the audio log and the raw XML, kept for compliance
  });

  it('CHANGEALL: the report lists the fields the agent changed, with the values sent', async () => {
    const { person, shown } = await play('CHANGEALL');
    expect(shown.status).toBe('successful');
    const report = shown.documents.find((d: { document_type: string }) => d.document_type === 'KYC_REPORT');
    const text = await pdfText(await download(person.id, report.id));
    expect(text).toMatch(/CHANGE/);
    expect(text.toUpperCase()).toContain(String(person.last_name).toUpperCase());
  });

  it('ABORTIDENT: an aborted identification has no documents', async () => {
    const { shown } = await play('ABORTIDENT');
    expect(shown.status).toBe('aborted');
    expect(shown.documents).toStrictEqual([]);
  });
});
