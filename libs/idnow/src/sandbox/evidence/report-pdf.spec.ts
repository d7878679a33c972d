import { describe, expect, it } from '@jest/globals';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { buildResultJson, type ResultInput } from '../engine/result-json.js';
import { evidenceFacts } from './evidence-facts.js';
import { buildReportPdf, REPORT_PRODUCER, REPORT_TITLE } from './report-pdf.js';

const IDENTIFIED = new Date('2026-03-02T09:14:07Z');
const input = (over: Partial<ResultInput> = {}) => {
  const resultJson = buildResultJson({
    companyId: 'kycdesk',
    transactionNumber: '4c1a0e9b2d7fcidt',
    identId: 'TST-QWERT',
    startData: {
      firstname: 'Jane',
      lastname: 'Müller',
      birthday: '1992-12-11',
      city: 'Berlin',
      nationality: 'DE',
    },
    mobileNumber: '+49301234567',
    identificationTime: IDENTIFIED,
    result: 'SUCCESS',
    data: 'sent',
    ...over,
  });
  return {
    companyId: 'kycdesk',
    resultJson,
    createdAt: new Date('2026-03-02T09:10:00Z'),
    startedAt: new Date('2026-03-02T09:13:37Z'),
  };
};

/** The PDF's text (all pages, items joined by spaces) and its info dictionary, read back with pdf.js. */
async function readPdf(bytes: Uint8Array) {
  const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  const info = (await pdf.getMetadata()).info as Record<string, unknown>;
  await pdf.destroy();
  return { text: pages.join('\n'), info, pages: pages.length };
}

describe(buildReportPdf.name, () => {
  it('states the identification, the person as checked, the document and the checks', async () => {
    const { text, pages } = await readPdf(await buildReportPdf(evidenceFacts(input())));
    expect(pages).toBe(1);
    for (const expected of [
      REPORT_TITLE,
      '4c1a0e9b2d7fcidt',
      'TST-QWERT',
      'kycdesk',
      'SUCCESS',
      'TESTAGENT',
      'JANE',
      'MÜLLER',
      '2026-03-02T09:10:00Z',
      '2026-03-02T09:13:37Z',
      '2026-03-02T09:14:07Z',
      'IDCARD',
      'STADT BERLIN',
      'Document security features checked',
      'Photo matches the person',
      'Document number read back',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(/Changed fields\s+none/);
    expect(text).not.toContain('FAIL');
  });

  it('shows a changed field with its original value and lists it under "Changed fields"', async () => {
    const facts = evidenceFacts(input({ result: 'SUCCESS_DATA_CHANGED', data: 'changed' }));
    const { text } = await readPdf(await buildReportPdf(facts));
    // CHANGEALL's "MÜLLER-ŁUKASIŃSKA ØRSTED": Ł and Ń have no WinAnsi glyph and are drawn as L and N.
    expect(text).toMatch(/Last name\s+MÜLLER-LUKASINSKA ØRSTED\s+CHANGE\s+MÜLLER/);
    expect(text).toMatch(/First name\s+ÉLOÏSE-ÅSA\s+CHANGE\s+JANE/);
    expect(text).toMatch(/Changed fields[\s\S]*Date of birth\s+1992-12-11 -> 1987-03-14/);
  });

  it('fails the document and photo checks of a fraud suspicion and gives the reason of a cancel', async () => {
    const fraud = await readPdf(
      await buildReportPdf(evidenceFacts(input({ result: 'FRAUD_SUSPICION_CONFIRMED' }))),
    );
    expect(fraud.text).toMatch(/Document security features checked\s+FAIL/);
    expect(fraud.text).toMatch(/Document number read back\s+PASS/);
    const canceled = evidenceFacts(input({ result: 'CANCELED', reason: 'TECH_PHOTO' }));
    expect((await readPdf(await buildReportPdf(canceled))).text).toMatch(/Reason\s+TECH_PHOTO/);
  });

  it('sets the metadata and is deterministic for the same input', async () => {
    const facts = evidenceFacts(input());
    const bytes = await buildReportPdf(facts);
    const { info } = await readPdf(bytes);
    expect(info).toMatchObject({
      Title: REPORT_TITLE,
      Subject: 'IDnow identification 4c1a0e9b2d7fcidt',
      Producer: REPORT_PRODUCER,
      CreationDate: 'D:20260302091407Z',
    });
    expect(Buffer.from(await buildReportPdf(facts)).equals(Buffer.from(bytes))).toBe(true);
  });

  it('never throws on characters the standard fonts lack and cuts long values', async () => {
    const facts = evidenceFacts(
      input({ startData: { firstname: '李小龍 😀 Zoë', lastname: 'X'.repeat(255) } }),
    );
    const { text } = await readPdf(await buildReportPdf(facts));
    expect(text).toContain('??? ? ZOË');
    expect(text).toContain('XXX…');
  });
});
