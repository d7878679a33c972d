import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { unzipSync } from 'fflate';
import jpeg from 'jpeg-js';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { IdnowProvider, IdnowSandboxScheduler } from '#kyc/idnow';
import { FakeClock, http } from '#kyc/testing';
import { CALL_MS, REVIEW_MS } from '../../libs/idnow/src/sandbox/index.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const COMPANY = 'kycdesk';
const api = (path: string) => `/sandbox/idnow/api/v1/${COMPANY}${path}`;
const newTxn = () => `${randomBytes(16).toString('hex')}cidt`;
const person = (firstname: string) => ({
  firstname,
  lastname: 'Doe',
  birthday: '1992-12-11',
  nationality: 'DE',
  street: 'Amrumerstrasse',
  streetnumber: '14',
  zipcode: '13353',
  city: 'Berlin',
  country: 'DE',
  gender: 'FEMALE',
  preferredLang: 'EN',
});

async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await pdf.destroy();
  return pages.join('\n');
}

describe('IDnow sandbox evidence zip', () => {
  const clock = new FakeClock('2026-03-02T09:00:00Z');
  let t: TestApp;
  let apiKey: string;

  const tick = () => t.app.get(IdnowSandboxScheduler).tick();
  const provider = () => t.app.get(IdnowProvider);
  const token = async () =>
    (await http(t.url, 'POST', api('/login'), { body: { apiKey } })).body.authToken as string;
  const download = async (txn: string, headers?: Record<string, string>) =>
    fetch(`${t.url}${api(`/identifications/${txn}.zip`)}`, {
      headers: headers ?? { 'X-API-LOGIN-TOKEN': await token() },
    });
  async function play(scenario: string, ms = CALL_MS + REVIEW_MS): Promise<string> {
    const txn = newTxn();
    const started = await http(t.url, 'POST', api(`/identifications/${txn}/start`), {
      body: person(`X-AUTOTEST-${scenario}`),
      headers: { 'X-API-KEY': apiKey },
    });
    expect(started.status).toBe(201);
    clock.advance(ms);
    await tick();
    return txn;
  }

  beforeAll(async () => {
    t = await startTestApp({ env: { SANDBOX_TICK_MS: '0' }, clock });
    apiKey = t.env.IDNOW_API_KEY!;
  });
  afterAll(() => t.close());

  it('serves the zip of a successful identification with exactly the files the result names', async () => {
    const txn = await play('HAPPYPATH');
    const result = await http(t.url, 'GET', api(`/identifications/${txn}`), {
      headers: { 'X-API-LOGIN-TOKEN': await token() },
    });
    expect(result.status).toBe(200);
    expect(result.body.identificationprocess).toMatchObject({ result: 'SUCCESS', filename: `${txn}.zip` });
    const res = await download(txn);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${txn}.zip"`);
    const zip = Buffer.from(await res.arrayBuffer());
    expect(zip.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    const files = unzipSync(zip);
    const expected = [
      ...Object.values(result.body.attachments as Record<string, string>),
      `${txn}_signature.png`,
    ];
    expect(Object.keys(files).sort()).toEqual(expected.sort());
    const front = jpeg.decode(files[`${txn}_idfrontside.jpg`], { useTArray: true });
    expect([front.width, front.height]).toEqual([856, 540]);
    const text = await pdfText(files[`${txn}.pdf`]);
    expect(text).toContain(txn);
    expect(text).toContain(result.body.identificationprocess.id);
    expect(text).toContain('SUCCESS');
  });

  it('answers 404 OBJECT_NOT_FOUND before a result, for an unknown one and after ABORTED; 401 without a token', async () => {
    const pending = await play('HAPPYPATH', CALL_MS);
    const aborted = await play('ABORTIDENT', CALL_MS);
    for (const txn of [pending, aborted, newTxn()]) {
      const res = await download(txn);
      expect(res.status).toBe(404);
      expect(((await res.json()) as any).errors[0]).toMatchObject({ cause: 'OBJECT_NOT_FOUND', key: null });
    }
    const anonymous = await download(aborted, {});
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as any).errors[0].cause).toBe('INVALID_LOGIN_TOKEN');
  });

  it('fetchEvidence returns the files classified by document type', async () => {
    const txn = await play('HAPPYPATH');
    const files = await provider().fetchEvidence(txn);
    expect(files?.map((f) => [f.name, f.documentType]).sort()).toEqual(
      [
        [`${txn}.pdf`, 'KYC_REPORT'],
        [`${txn}.xml`, 'OTHER'],
        [`${txn}_audiolog.mp3`, 'OTHER'],
        [`${txn}_idbackside.jpg`, 'ID_DOCUMENT'],
        [`${txn}_idfrontside.jpg`, 'ID_DOCUMENT'],
        [`${txn}_signature.png`, 'SIGNATURE'],
        [`${txn}_userface.jpg`, 'PICTURE'],
      ].sort(),
    );
    expect(files?.every((f) => Buffer.isBuffer(f.bytes) && f.bytes.length > 100)).toBe(true);
  });

  it('fetchEvidence: none for unknown, aborted, and a canceled identification whose evidence existed in review', async () => {
    expect(await provider().fetchEvidence(newTxn())).toBeNull();
    expect(await provider().fetchEvidence(await play('ABORTIDENT', CALL_MS))).toBeNull();
    const canceled = await play('CANCELED', CALL_MS);
    // REVIEW_PENDING is a provisional success: its evidence exists until the review cancels it.
    expect((await provider().fetchEvidence(canceled))?.length).toBe(7);
    clock.advance(REVIEW_MS);
    await tick();
    expect(await provider().fetchEvidence(canceled)).toBeNull();
  });

  it("a data-changed identification's report shows the agent's corrections with the values sent", async () => {
    const txn = await play('CHANGEALL');
    const files = await provider().fetchEvidence(txn);
    const report = files?.find((f) => f.documentType === 'KYC_REPORT');
    const text = await pdfText(report!.bytes);
    expect(text).toContain('SUCCESS_DATA_CHANGED');
    expect(text).toMatch(/Last name\s+MÜLLER-LUKASINSKA ØRSTED\s+CHANGE\s+DOE/);
    expect(text).toMatch(/City\s+WIEN\s+CHANGE\s+BERLIN/);
    expect(text).toMatch(/Changed fields[\s\S]*First name\s+X-AUTOTEST-CHANGEALL -> ÉLOÏSE-ÅSA/);
  });
});
