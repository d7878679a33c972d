import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import jpeg from 'jpeg-js';
import { DataSource } from 'typeorm';
import { ACCEPTED_CONTENT, DOCUMENT_TYPES } from '#kyc/documents';
import { http, PartnerFactory, PersonFactory, type TestPartner } from '#kyc/testing';
import { startTestApp, type TestApp } from '../support/test-app.js';

const MAX_BYTES = 256 * 1024;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const JPEG = Buffer.from(jpeg.encode({ width: 4, height: 4, data: Buffer.alloc(64, 200) }, 80).data);
/** The smallest MP4 a sniffer recognises: an ftyp box (isom). */
const MP4 = Buffer.from('000000186674797069736f6d0000020069736f6d69736f32', 'hex');
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

interface Upload {
  type?: string;
  file?: Buffer;
  name?: string;
  mime?: string;
  extra?: Record<string, string>;
  files?: number;
}

describe('documents API (Solaris document endpoints)', () => {
  let t: TestApp;
  let partner: TestPartner;
  let other: TestPartner;
  let personId: string;
  const base = () => `/v1/persons/${personId}/documents`;
  const db = () => t.app.get(DataSource);
  const rows = async () =>
    Number(
      (await db().query(`SELECT count(*)::int AS n FROM documents WHERE person_id = $1`, [personId]))[0].n,
    );
  const storedFiles = () => listFiles(join(t.env.DATA_DIR, 'documents'));

  async function upload(u: Upload, token = partner.token, path = base()) {
    const form = new FormData();
    if (u.type !== undefined) form.append('document_type', u.type);
    for (const [k, v] of Object.entries(u.extra ?? {})) form.append(k, v);
    for (let i = 0; i < (u.files ?? (u.file ? 1 : 0)); i++) {
      form.append(
        'file',
        new Blob([u.file!], { type: u.mime ?? 'application/octet-stream' }),
        u.name ?? 'file.bin',
      );
    }
    const res = await fetch(t.url + path, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
  }

  beforeAll(async () => {
    t = await startTestApp({ env: { DOCUMENT_MAX_BYTES: String(MAX_BYTES), SANDBOX_TICK_MS: '0' } });
    partner = await PartnerFactory.create(t);
    other = await PartnerFactory.create(t);
    personId = (await PersonFactory.create(t, partner)).id;
  });
  afterAll(() => t.close());

  describe('round trip of each kind of file', () => {
    it.each([
      ['KYC_REPORT', PDF, 'report.pdf', 'application/pdf'],
      ['SIGNATURE', PNG, 'signature.png', 'image/png'],
      ['ID_DOCUMENT', JPEG, 'id-front.jpg', 'image/jpeg'],
      ['PICTURE', PDF, 'scan.pdf', 'application/pdf'],
      ['OTHER', Buffer.from('plain notes about the customer\n'), 'notes.txt', 'text/plain'],
    ])(
      '%s: uploaded, listed, described and downloaded byte for byte',
      async (type, bytes, name, contentType) => {
        const created = await upload({ type, file: bytes, name, mime: 'application/octet-stream' });
        expect(created.status).toBe(201);
        expect(created.body).toStrictEqual({
          id: expect.stringMatching(/^[0-9a-f]{32}cdoc$/),
          name,
          content_type: contentType,
          document_type: type,
          size: bytes.length,
          customer_accessible: false,
          created_at: expect.any(String),
          deleted_at: null,
        });
        const id = created.body.id as string;
        const meta = await http(t.url, 'GET', `${base()}/${id}`, { token: partner.token });
        expect(meta.status).toBe(200);
        expect(meta.body).toStrictEqual(created.body);

        const file = await fetch(`${t.url}${base()}/${id}/file`, {
          headers: { authorization: `Bearer ${partner.token}` },
        });
        expect(file.status).toBe(200);
        expect(file.headers.get('content-type')).toBe(contentType);
        expect(file.headers.get('content-length')).toBe(String(bytes.length));
        expect(file.headers.get('content-disposition')).toBe(
          `attachment; filename="${name}"; filename*=UTF-8''${name}`,
        );
        expect(file.headers.get('etag')).toBe(`"${sha256(bytes)}"`);
        expect(Buffer.from(await file.arrayBuffer()).equals(bytes)).toBe(true);

        const again = await fetch(`${t.url}${base()}/${id}/file`, {
          headers: { authorization: `Bearer ${partner.token}`, 'if-none-match': `"${sha256(bytes)}"` },
        });
        expect(again.status).toBe(304);
        expect(await again.text()).toBe('');
        expect(again.headers.get('etag')).toBe(`"${sha256(bytes)}"`);
        const stale = await fetch(`${t.url}${base()}/${id}/file`, {
          headers: { authorization: `Bearer ${partner.token}`, 'if-none-match': `"${'0'.repeat(64)}"` },
        });
        expect(stale.status).toBe(200);
        await stale.arrayBuffer();
      },
    );

    it.each(DOCUMENT_TYPES.map((type) => [type]))('every seed type round-trips: %s', async (type) => {
      const [bytes, name] = ACCEPTED_CONTENT[type].includes('application/pdf')
        ? [PDF, 'doc.pdf']
        : ACCEPTED_CONTENT[type].includes('image/png')
          ? [PNG, 'doc.png']
          : [MP4, 'doc.mp4'];
      const created = await upload({ type, file: bytes, name });
      expect(created.status).toBe(201);
      expect(created.body.document_type).toBe(type);
      const file = await fetch(`${t.url}${base()}/${created.body.id}/file`, {
        headers: { authorization: `Bearer ${partner.token}` },
      });
      expect(Buffer.from(await file.arrayBuffer()).equals(bytes)).toBe(true);
    });

    it('keeps a UTF-8 file name exactly and gives an ASCII fallback', async () => {
      const created = await upload({ type: 'KYC_REPORT', file: PDF, name: 'Prüfbericht Müller (Kopie).pdf' });
      expect(created.status).toBe(201);
      expect(created.body.name).toBe('Prüfbericht Müller (Kopie).pdf');
      const file = await fetch(`${t.url}${base()}/${created.body.id}/file`, {
        headers: { authorization: `Bearer ${partner.token}` },
      });
      expect(file.headers.get('content-disposition')).toBe(
        `attachment; filename="Prufbericht Muller (Kopie).pdf"; filename*=UTF-8''Pr%C3%BCfbericht%20M%C3%BCller%20%28Kopie%29.pdf`,
      );
      await file.arrayBuffer();
    });
  });

  describe('the list', () => {
    it('is a JSON array sorted by created_at, paginated with page[number] and page[size]', async () => {
      const person = (await PersonFactory.create(t, partner)).id;
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const created = await upload(
          { type: 'PICTURE', file: PNG, name: `p${i}.png` },
          partner.token,
          `/v1/persons/${person}/documents`,
        );
        ids.push(created.body.id);
      }
      const all = await http(t.url, 'GET', `/v1/persons/${person}/documents`, { token: partner.token });
      expect(all.status).toBe(200);
      expect(all.body.map((d: { id: string }) => d.id)).toStrictEqual(ids);
      const page2 = await http(t.url, 'GET', `/v1/persons/${person}/documents?page[number]=2&page[size]=2`, {
        token: partner.token,
      });
      expect(page2.body.map((d: { id: string }) => d.id)).toStrictEqual([ids[2]]);
      const bad = await http(t.url, 'GET', `/v1/persons/${person}/documents?page[size]=101`, {
        token: partner.token,
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].source.field).toBe('page[size]');
    });
  });

  describe('bad uploads are refused and leave nothing behind', () => {
    const cases: [string, Upload, number, string, RegExp][] = [
      [
        'a type not in the enum',
        { type: 'PASSPORT_SCAN', file: PDF, name: 'a.pdf' },
        400,
        'document_type',
        /must be one of: ANNUAL_FINANCIAL_STATEMENT, KYC_REPORT/,
      ],
      ['no document_type', { file: PDF, name: 'a.pdf' }, 400, 'document_type', /is required/],
      ['no file', { type: 'KYC_REPORT' }, 400, 'file', /is required/],
      [
        'an empty file',
        { type: 'KYC_REPORT', file: Buffer.alloc(0), name: 'a.pdf' },
        400,
        'file',
        /must not be empty/,
      ],
      [
        'bytes the type does not take (PNG as KYC_REPORT)',
        { type: 'KYC_REPORT', file: PNG, name: 'a.png' },
        400,
        'file',
        /content is image\/png, which is not accepted for document_type KYC_REPORT/,
      ],
      [
        'bytes that contradict the declared content type',
        { type: 'PICTURE', file: PNG, name: 'a', mime: 'image/jpeg' },
        400,
        'file',
        /declared as image\/jpeg but its content is image\/png/,
      ],
      [
        'bytes that contradict the file name',
        { type: 'PICTURE', file: PNG, name: 'scan.pdf' },
        400,
        'file',
        /name says application\/pdf but its content is image\/png/,
      ],
      [
        'bytes of no known format',
        { type: 'OTHER', file: Buffer.from([0, 1, 2, 3, 0, 255, 254, 0]), name: 'x' },
        400,
        'file',
        /not in a recognised document format/,
      ],
      [
        'an unknown field',
        { type: 'KYC_REPORT', file: PDF, name: 'a.pdf', extra: { customer_accessible: 'true' } },
        400,
        'customer_accessible',
        /is not a known field/,
      ],
      [
        'two files',
        { type: 'KYC_REPORT', file: PDF, name: 'a.pdf', files: 2 },
        400,
        'file',
        /exactly one file/,
      ],
    ];
    it.each(cases)('%s', async (_name, u, status, field, detail) => {
      const before = { rows: await rows(), files: storedFiles().length };
      const res = await upload(u);
      expect(res.status).toBe(status);
      expect(res.body.errors).toHaveLength(1);
      expect(res.body.errors[0]).toMatchObject({ status, code: 'validation_error', source: { field } });
      expect(res.body.errors[0].detail).toMatch(detail);
      expect(await rows()).toBe(before.rows);
      expect(storedFiles()).toHaveLength(before.files);
    });

    it('a file over DOCUMENT_MAX_BYTES answers 413 in the Solaris shape', async () => {
      const before = { rows: await rows(), files: storedFiles().length };
      const big = Buffer.concat([PDF, Buffer.alloc(MAX_BYTES, 0x20)]);
      const res = await upload({ type: 'KYC_REPORT', file: big, name: 'big.pdf' });
      expect(res.status).toBe(413);
      expect(res.body.errors[0]).toMatchObject({ status: 413, code: 'payload_too_large' });
      expect(res.body.errors[0].detail).toContain(String(MAX_BYTES));
      expect(await rows()).toBe(before.rows);
      expect(storedFiles()).toHaveLength(before.files);
    });

    it('a JSON body answers 415; multipart elsewhere answers 415', async () => {
      const json = await http(t.url, 'POST', base(), {
        token: partner.token,
        body: { document_type: 'KYC_REPORT' },
      });
      expect(json.status).toBe(415);
      expect(json.body.errors[0].code).toBe('unsupported_media_type');
      const elsewhere = await upload(
        { type: 'KYC_REPORT', file: PDF, name: 'a.pdf' },
        partner.token,
        '/v1/persons',
      );
      expect(elsewhere.status).toBe(415);
    });

    it('a malformed multipart body answers 400', async () => {
      const res = await fetch(t.url + base(), {
        method: 'POST',
        headers: {
          authorization: `Bearer ${partner.token}`,
          'content-type': 'multipart/form-data; boundary=XyZ',
        },
        body: '--XyZ\r\nContent-Disposition: form-data; name="document_type"\r\n\r\nKYC_REPORT\r\n--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4 trunc',
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { errors: { status: number }[] }).errors[0].status).toBe(400);
    });
  });

  describe('tenancy', () => {
    it("another partner's person and documents are not found, and nothing is written", async () => {
      const created = await upload({ type: 'KYC_REPORT', file: PDF, name: 'mine.pdf' });
      const id = created.body.id as string;
      for (const path of [base(), `${base()}/${id}`, `${base()}/${id}/file`]) {
        const res = await http(t.url, 'GET', path, { token: other.token });
        expect(res.status).toBe(404);
        expect(res.body.errors[0].code).toBe('model_not_found');
      }
      expect((await http(t.url, 'DELETE', `${base()}/${id}`, { token: other.token })).status).toBe(404);
      const before = await rows();
      const foreign = await upload({ type: 'KYC_REPORT', file: PDF, name: 'x.pdf' }, other.token);
      expect(foreign.status).toBe(404);
      expect(await rows()).toBe(before);
      const mine = await http(t.url, 'GET', `${base()}/${id}`, { token: partner.token });
      expect(mine.body.deleted_at).toBeNull();
    });

    it('a malformed document id is a 404, not a 500', async () => {
      for (const bad of ['nope', '../../etc', `${'a'.repeat(32)}cper`]) {
        const res = await http(t.url, 'GET', `${base()}/${encodeURIComponent(bad)}/file`, {
          token: partner.token,
        });
        expect(res.status).toBe(404);
      }
    });
  });

  describe('soft delete', () => {
    it('hides the document from the partner and keeps its row and file for retention', async () => {
      const created = await upload({ type: 'KYC_REPORT', file: PDF, name: 'gone.pdf' });
      const id = created.body.id as string;
      const deleted = await http(t.url, 'DELETE', `${base()}/${id}`, { token: partner.token });
      expect(deleted.status).toBe(200);
      expect(deleted.body.deleted_at).toEqual(expect.any(String));
      expect((await http(t.url, 'GET', `${base()}/${id}`, { token: partner.token })).status).toBe(404);
      expect((await http(t.url, 'GET', `${base()}/${id}/file`, { token: partner.token })).status).toBe(404);
      const list = await http(t.url, 'GET', base(), { token: partner.token });
      expect(list.body.map((d: { id: string }) => d.id)).not.toContain(id);
      expect((await http(t.url, 'DELETE', `${base()}/${id}`, { token: partner.token })).status).toBe(404);
      const [row] = await db().query(`SELECT storage_key, deleted_at FROM documents WHERE id = $1`, [id]);
      expect(row.deleted_at).not.toBeNull();
      expect(readFileSync(join(t.env.DATA_DIR, 'documents', row.storage_key)).equals(PDF)).toBe(true);
    });
  });

  describe('integrity', () => {
    it('a file whose bytes no longer match its checksum answers an error and is never served', async () => {
      const created = await upload({ type: 'KYC_REPORT', file: PDF, name: 'tampered.pdf' });
      const [row] = await db().query(`SELECT storage_key FROM documents WHERE id = $1`, [created.body.id]);
      const path = join(t.env.DATA_DIR, 'documents', row.storage_key);
      const tampered = Buffer.from(PDF);
      tampered[10] ^= 0xff;
      writeFileSync(path, tampered);
      const res = await fetch(`${t.url}${base()}/${created.body.id}/file`, {
        headers: { authorization: `Bearer ${partner.token}` },
      });
      const text = await res.text();
      expect(res.status).toBe(500);
      expect(JSON.parse(text).errors[0]).toMatchObject({ code: 'document_integrity_error' });
      expect(text).not.toContain('%PDF');
    });

    it('a failure between writing the file and inserting its row leaves no document and no file', async () => {
      await db().query(`
        CREATE FUNCTION refuse_crash_doc() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.name = 'crash.pdf' THEN RAISE EXCEPTION 'simulated crash'; END IF; RETURN NEW; END $$`);
      await db().query(
        `CREATE TRIGGER refuse_crash_doc BEFORE INSERT ON documents FOR EACH ROW EXECUTE FUNCTION refuse_crash_doc()`,
      );
      try {
        const before = { rows: await rows(), files: storedFiles().length };
        const res = await upload({ type: 'KYC_REPORT', file: PDF, name: 'crash.pdf' });
        expect(res.status).toBe(500);
        expect(await rows()).toBe(before.rows);
        expect(storedFiles()).toHaveLength(before.files);
        const list = await http(t.url, 'GET', base(), { token: partner.token });
        expect(list.body.map((d: { name: string }) => d.name)).not.toContain('crash.pdf');
      } finally {
        await db().query(`DROP TRIGGER refuse_crash_doc ON documents`);
        await db().query(`DROP FUNCTION refuse_crash_doc()`);
      }
    });
  });
});

/** Every regular file under dir (the storage's temp folder included), as relative paths. */
function listFiles(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name));
  } catch {
    return [];
  }
}
