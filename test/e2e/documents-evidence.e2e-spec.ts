import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { zipSync } from 'fflate';
import { DataSource } from 'typeorm';
import { EvidenceCaptureWorker } from '#kyc/documents';
import {
  FakeIdnow,
  http,
  idnowResult,
  PartnerFactory,
  PersonFactory,
  StaffFactory,
  type TestPartner,
} from '#kyc/testing';
import { drainCallbacks } from '../support/callbacks.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const PDF = Buffer.from('%PDF-1.4\n% KYC report\n%%EOF\n');
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const JPEG_HEAD = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1]);

/** An evidence zip as IDnow publishes it, named after the transaction number. */
function evidenceZip(txn: string, variant = ''): Buffer {
  return Buffer.from(
    zipSync({
      [`${txn}.pdf`]: Buffer.concat([PDF, Buffer.from(variant)]),
      [`${txn}_signature.png`]: PNG,
      [`${txn}_idfrontside.jpg`]: Buffer.concat([JPEG_HEAD, Buffer.from('front')]),
      [`${txn}_idbackside.jpg`]: Buffer.concat([JPEG_HEAD, Buffer.from('back')]),
      [`${txn}_userface.jpg`]: Buffer.concat([JPEG_HEAD, Buffer.from('face')]),
      [`${txn}_audiolog.mp3`]: Buffer.concat([Buffer.from('ID3'), Buffer.alloc(64)]),
      [`${txn}.xml`]: Buffer.from('<?xml version="1.0"?><identification/>'),
    }),
  );
}

describe('evidence from the provider becomes documents; the documents-with-address rule flags', () => {
  let t: TestApp;
  let fake: FakeIdnow;
  let partner: TestPartner;
  const ds = () => t.app.get(DataSource);

  async function pendingIdentification(body: Record<string, unknown> = {}) {
    const person = await PersonFactory.create(t, partner);
    const base = `/v1/persons/${person.id}/identifications`;
    const created = await http(t.url, 'POST', base, {
      token: partner.token,
      body: { method: 'idnow', ...body },
    });
    expect(
      (await http(t.url, 'PATCH', `${base}/${created.body.id}/request`, { token: partner.token })).status,
    ).toBe(200);
    return { personId: person.id, id: created.body.id as string, path: `${base}/${created.body.id}` };
  }

  /** The provider reports a result: callback, pull, apply; then the capture runs. */
  async function report(id: string, result: unknown): Promise<void> {
    fake.results.set(id, result);
    expect((await http(t.url, 'POST', '/providers/idnow/callback', { body: result })).status).toBe(200);
    await drainCallbacks(t.app);
    await t.app.get(EvidenceCaptureWorker).drain();
  }

  const captures = (id: string) =>
    ds().query<
      { status: string; state: string; attempts: number; documents: number; last_error: string | null }[]
    >(
      `SELECT status, state, attempts, documents, last_error FROM evidence_captures WHERE identification_id = $1 ORDER BY created_at`,
      [id],
    );
  const documents = (id: string) =>
    ds().query<
      {
        document_type: string;
        content_type: string;
        partner_visible: boolean;
        provider_canceled_at: Date | null;
        name: string;
      }[]
    >(
      `SELECT document_type, content_type, partner_visible, provider_canceled_at, name FROM documents
        WHERE identification_id = $1 ORDER BY name`,
      [id],
    );

  beforeAll(async () => {
    fake = await new FakeIdnow().start();
    t = await startTestApp({
      env: { IDNOW_BASE_URL: fake.url, SANDBOX_TICK_MS: '0', EVIDENCE_TICK_MS: '0' },
    });
    partner = await PartnerFactory.create(t);
  });
  afterAll(() => t.close(() => fake.stop()));

  it('stores every file of the zip with the seed document types, and lists the partner-visible ones on include_documents', async () => {
    const { id, path, personId } = await pendingIdentification();
    fake.evidence.set(id, evidenceZip(id));
    await report(id, idnowResult(id, 'SUCCESS'));

    expect(await captures(id)).toStrictEqual([
      { status: 'successful', state: 'done', attempts: 1, documents: 7, last_error: null },
    ]);
    expect(
      (await documents(id)).map((d) => [
        d.name.slice(36),
        d.document_type,
        d.content_type,
        d.partner_visible,
      ]),
    ).toStrictEqual([
      ['.pdf', 'KYC_REPORT', 'application/pdf', true],
      ['.xml', 'OTHER', 'application/xml', false],
      ['_audiolog.mp3', 'OTHER', 'audio/mpeg', false],
      ['_idbackside.jpg', 'ID_DOCUMENT', 'image/jpeg', true],
      ['_idfrontside.jpg', 'ID_DOCUMENT', 'image/jpeg', true],
      ['_signature.png', 'SIGNATURE', 'image/png', true],
      ['_userface.jpg', 'PICTURE', 'image/jpeg', true],
    ]);

    const shown = await http(t.url, 'GET', `${path}?include_documents=true`, { token: partner.token });
    expect(shown.status).toBe(200);
    expect(shown.body.documents.map((d: { document_type: string }) => d.document_type).sort()).toStrictEqual([
      'ID_DOCUMENT',
      'ID_DOCUMENT',
      'KYC_REPORT',
      'PICTURE',
      'SIGNATURE',
    ]);
    const report_ = shown.body.documents.find(
      (d: { document_type: string }) => d.document_type === 'KYC_REPORT',
    );
    expect(report_).toMatchObject({ name: `${id}.pdf`, content_type: 'application/pdf', size: PDF.length });
    const file = await fetch(`${t.url}/v1/persons/${personId}/documents/${report_.id}/file`, {
      headers: { authorization: `Bearer ${partner.token}` },
    });
    expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true);
    const without = await http(t.url, 'GET', path, { token: partner.token });
    expect(without.body.documents).toBeUndefined();
    const other = await PartnerFactory.create(t);
    expect((await http(t.url, 'GET', `${path}?include_documents=true`, { token: other.token })).status).toBe(
      404,
    );
  });

  it('captures a provisional result at once, marks it when the provider then cancels, and keeps it', async () => {
    const { id } = await pendingIdentification();
    fake.evidence.set(id, evidenceZip(id));
    await report(id, idnowResult(id, 'REVIEW_PENDING'));
    expect(await documents(id)).toHaveLength(7);
    // IDnow deletes the personal data of a canceled identification: its zip is gone.
    fake.evidence.set(id, 404);
    await report(id, idnowResult(id, 'CANCELED', 'TECH_PHOTO'));
    expect(await captures(id)).toStrictEqual([
      { status: 'pending_successful', state: 'done', attempts: 1, documents: 7, last_error: null },
      { status: 'canceled', state: 'unavailable', attempts: 1, documents: 0, last_error: null },
    ]);
    const kept = await documents(id);
    expect(kept).toHaveLength(7);
    expect(kept.every((d) => d.provider_canceled_at instanceof Date)).toBe(true);
  });

  it('stores a file only once when a later result brings the same evidence again, and adds what changed', async () => {
    const { id } = await pendingIdentification();
    fake.evidence.set(id, evidenceZip(id));
    await report(id, idnowResult(id, 'REVIEW_PENDING'));
    fake.evidence.set(id, evidenceZip(id, 'final'));
    await report(id, idnowResult(id, 'SUCCESS'));
    const stored = await documents(id);
    expect(stored).toHaveLength(8);
    expect(stored.filter((d) => d.document_type === 'KYC_REPORT')).toHaveLength(2);
    expect((await captures(id)).map((c) => [c.status, c.documents])).toStrictEqual([
      ['pending_successful', 7],
      ['successful', 1],
    ]);
  });

  it('retries later when the provider fails, storing nothing meanwhile', async () => {
    const { id } = await pendingIdentification();
    fake.evidence.set(id, 500);
    await report(id, idnowResult(id, 'SUCCESS'));
    const [capture] = await captures(id);
    expect(capture).toMatchObject({ status: 'successful', state: 'pending', attempts: 1, documents: 0 });
    expect(capture.last_error).toMatch(/Error/);
    expect(await documents(id)).toHaveLength(0);
    const [{ due }] = await ds().query(
      `SELECT next_attempt_at > now() + interval '20 seconds' AS due FROM evidence_captures WHERE identification_id = $1`,
      [id],
    );
    expect(due).toBe(true);
    // Due again (as after its backoff): the next run captures it. A second in the past, because the
    // database's now() has microseconds and the app's clock only milliseconds.
    fake.evidence.set(id, evidenceZip(id));
    await ds().query(
      `UPDATE evidence_captures SET next_attempt_at = now() - interval '1 second' WHERE identification_id = $1`,
      [id],
    );
    await t.app.get(EvidenceCaptureWorker).drain();
    expect((await captures(id))[0]).toMatchObject({ state: 'done', attempts: 2, documents: 7 });
  });

  it('an aborted identification has no evidence to capture', async () => {
    const { id } = await pendingIdentification();
    await report(id, idnowResult(id, 'ABORTED', 'TECH_LIGHTING'));
    expect(await captures(id)).toHaveLength(0);
  });

  describe('documents-with-address rule (seed: "List of passports with address")', () => {
    const withDocument = (id: string, type: string, country: string) => {
      const result = idnowResult(id, 'SUCCESS') as Record<string, unknown>;
      result.identificationdocument = {
        type: { value: type, status: 'NEW' },
        country: { value: country, status: 'NEW' },
      };
      return result;
    };
    const flags = async (id: string, session: Awaited<ReturnType<typeof StaffFactory.session>>) =>
      (await http(t.url, 'GET', `/admin/identifications/${id}`, { headers: session.headers })).body;

    it('flags a German passport (no address on it) without proof of address for compliance review', async () => {
      const officer = await StaffFactory.session(t, 'compliance_officer');
      const { id } = await pendingIdentification();
      await report(id, withDocument(id, 'PASSPORT', 'DE'));
      expect(await flags(id, officer)).toMatchObject({
        status: 'successful',
        flagged: true,
        flag_reasons: ['missing_proof_of_address'],
      });
      const list = await http(
        t.url,
        'GET',
        `/admin/identifications?filter=${encodeURIComponent(JSON.stringify({ flagged: true, id: [id] }))}`,
        { headers: officer.headers },
      );
      expect(list.body.map((i: { id: string }) => i.id)).toStrictEqual([id]);
    });

    it('does not flag when a proof of address was given, or when the document shows the address', async () => {
      const officer = await StaffFactory.session(t, 'compliance_officer');
      const recent = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
      const withProof = await pendingIdentification({
        proof_of_address_type: 'GAS_BILL',
        proof_of_address_issued_at: recent,
      });
      await report(withProof.id, withDocument(withProof.id, 'PASSPORT', 'DE'));
      expect(await flags(withProof.id, officer)).toMatchObject({ flagged: false, flag_reasons: [] });
      const idCard = await pendingIdentification();
      await report(idCard.id, withDocument(idCard.id, 'IDCARD', 'DE'));
      expect(await flags(idCard.id, officer)).toMatchObject({ flagged: false, flag_reasons: [] });
      const frenchPassport = await pendingIdentification();
      await report(frenchPassport.id, withDocument(frenchPassport.id, 'PASSPORT', 'FR'));
      expect(await flags(frenchPassport.id, officer)).toMatchObject({ flagged: false });
    });

    it("hides the provider's fraud code and a failed reason from support agents", async () => {
      const agent = await StaffFactory.session(t, 'support_agent');
      const officer = await StaffFactory.session(t, 'compliance_officer');
      const { id } = await pendingIdentification();
      await report(id, idnowResult(id, 'FRAUD_SUSPICION_CONFIRMED'));
      expect(await flags(id, officer)).toMatchObject({
        status: 'failed',
        provider_result: 'FRAUD_SUSPICION_CONFIRMED',
      });
      const seen = await flags(id, agent);
      expect(seen).toMatchObject({ status: 'failed', provider_result: null, failure_reason: null });
      expect(JSON.stringify(seen)).not.toMatch(/FRAUD/);
    });
  });
});
