import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { unzipSync, zipSync } from 'fflate';
import { DataSource } from 'typeorm';
import { EvidenceCaptureWorker } from '#kyc/documents';
import { IdnowSandboxScheduler } from '#kyc/idnow';
import { FakeClock, http, PartnerFactory, PersonFactory, StaffFactory, type TestPartner } from '#kyc/testing';
import { drainCallbacks } from '../support/callbacks.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const REASON = 'Regulator request BaFin 2026-17';
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/** Runs the verification command as a user would, on a written file. */
function verify(
  file: string,
  opts: { args?: string[]; env?: Record<string, string>; npm?: boolean } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const [command, args] = opts.npm
    ? ['npm', ['run', '-s', 'evidence:verify', '--', file, ...(opts.args ?? [])]]
    : [process.execPath, ['scripts/evidence-verify.mjs', file, ...(opts.args ?? [])]];
  return new Promise((resolve) => {
    execFile(command, args, { env: { ...process.env, ...opts.env } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

/**
 * The per-customer evidence pack: an officer exports a person with a sandbox identification (captured
 * evidence), a second identification, an uploaded document, a case note and audit events; the verifier
 * finds the written pack intact, and names what was tampered with.
 */
describe('support desk: per-customer evidence pack', () => {
  let t: TestApp;
  let partner: TestPartner;
  let dir: string;
  let personId: string;
  let identificationIds: string[];
  let officer: Awaited<ReturnType<typeof StaffFactory.session>>;
  let agent: Awaited<ReturnType<typeof StaffFactory.session>>;
  let pack: { status: number; headers: Headers; file: string; files: Record<string, Uint8Array> };
  const clock = new FakeClock('2026-11-27T08:00:00Z');
  const ds = () => t.app.get(DataSource);
  const exportUrl = (id: string, query = `?reason=${encodeURIComponent(REASON)}`) =>
    `/admin/support/customers/${id}/evidence-pack${query}`;
  const exportedEvents = () =>
    ds().query<{ actor_id: string; role: string; diff: Record<string, unknown> }[]>(
      `SELECT actor_id, role, diff FROM audit_events
        WHERE action = 'person.evidence_pack_exported' AND entity_type = 'person' AND entity_id = $1 ORDER BY id`,
      [personId],
    );

  /** A tampered copy of the pack, written next to it. */
  async function tampered(name: string, change: (files: Record<string, Uint8Array>) => void) {
    const files = { ...pack.files };
    change(files);
    const file = join(dir, `${name}.zip`);
    await writeFile(file, zipSync(files));
    return file;
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'evidence-pack-e2e-'));
    t = await startTestApp({ env: { SANDBOX_TICK_MS: '0', EVIDENCE_TICK_MS: '0' }, clock });
    partner = await PartnerFactory.create(t);
    const person = await PersonFactory.create(t, partner, { first_name: 'X-AUTOTEST-HAPPYPATH' });
    personId = person.id;
    // 1. A sandbox identification played to the end, its evidence captured into storage.
    const first = await http(t.url, 'POST', `/v1/persons/${personId}/identifications`, {
      token: partner.token,
      body: { method: 'idnow', language: 'EN' },
    });
    const path = `/v1/persons/${personId}/identifications/${first.body.id}`;
    expect((await http(t.url, 'PATCH', `${path}/request`, { token: partner.token })).status).toBe(200);
    for (const step of [31_000, 95_000]) {
      clock.advance(step);
      await t.app.get(IdnowSandboxScheduler).tick();
      await drainCallbacks(t.app);
      await t.app.get(EvidenceCaptureWorker).drain();
    }
    const token = await http(t.url, 'POST', '/oauth/token', {
      body: { grant_type: 'client_credentials', client_id: partner.clientId, client_secret: partner.secret },
    });
    partner.token = token.body.access_token as string;
    // 2. A second identification, and a document the partner uploaded.
    const second = await http(t.url, 'POST', `/v1/persons/${personId}/identifications`, {
      token: partner.token,
      body: { method: 'idnow', language: 'DE' },
    });
    expect(second.status).toBe(201);
    identificationIds = [first.body.id as string, second.body.id as string];
    const form = new FormData();
    form.append('document_type', 'KYC_REPORT');
    form.append('file', new Blob([PDF]), 'Prüfbericht.pdf');
    const upload = await fetch(`${t.url}/v1/persons/${personId}/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${partner.token}` },
      body: form,
    });
    expect(upload.status).toBe(201);
    officer = await StaffFactory.session(t, 'compliance_officer');
    agent = await StaffFactory.session(t, 'support_agent');
    // 3. An officer's view of the person (an audit event) and a case note.
    expect(
      (await http(t.url, 'GET', `/admin/persons/${personId}`, { headers: officer.headers })).status,
    ).toBe(200);
    await ds().query(
      `INSERT INTO case_notes (identification_id, author_id, body, created_at) VALUES ($1, $2, $3, now())`,
      [identificationIds[0], officer.staff.id, 'Customer called about the report.'],
    );
    await ds().query(
      `INSERT INTO support_notes (person_id, author_id, body, created_at) VALUES ($1, $2, $3, now())`,
      [personId, agent.staff.id, 'Asked by e-mail why the second attempt is needed.'],
    );
    const res = await fetch(`${t.url}${exportUrl(personId)}`, { headers: officer.headers });
    const bytes = Buffer.from(await res.arrayBuffer());
    const file = join(dir, 'pack.zip');
    await writeFile(file, bytes);
    pack = {
      status: res.status,
      headers: res.headers,
      file,
      files: res.status === 200 ? unzipSync(bytes) : {},
    };
  });
  afterAll(() => t.close(() => rm(dir, { recursive: true, force: true })));

  it('gives the officer a zip named after the person and the time, which the verifier finds intact', async () => {
    expect(pack.status).toBe(200);
    expect(pack.headers.get('content-type')).toBe('application/zip');
    expect(pack.headers.get('content-disposition')).toBe(
      `attachment; filename="evidence-${personId}-${clock.now().toISOString().slice(0, 19).replace(/[-:]/g, '')}Z.zip"`,
    );
    const documents = Object.keys(pack.files).filter((p) => p.startsWith('documents/'));
    const result = await verify(pack.file, { npm: true });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain(`Evidence pack intact: ${6 + documents.length} files`);
  });

  it('holds the person, both identifications, their events, every document, the audit events and the notes', () => {
    const json = (path: string) => JSON.parse(Buffer.from(pack.files[path]).toString('utf8'));
    expect(json('person.json')).toMatchObject({ id: personId, first_name: 'X-AUTOTEST-HAPPYPATH' });
    expect(json('identifications.json').map((i: { id: string }) => i.id)).toStrictEqual(identificationIds);
    const events = json('events.json');
    expect(events.identification_events.map((e: { to_status: string }) => e.to_status)).toEqual(
      expect.arrayContaining(['pending', 'successful']),
    );
    expect(events.provider_results.length).toBeGreaterThan(0);
    const documents = json('documents.json') as {
      id: string;
      sha256: string;
      pack_path: string;
      source: string;
    }[];
    // HAPPYPATH's report, signature, ID images and face photo, and the partner's upload.
    expect(documents.filter((d) => d.source === 'provider').length).toBeGreaterThanOrEqual(5);
    expect(documents.filter((d) => d.source === 'partner')).toHaveLength(1);
    for (const d of documents) expect(sha256(pack.files[d.pack_path])).toBe(d.sha256);
    const upload = documents.find((d) => d.source === 'partner')!;
    expect(upload.pack_path).toBe(`documents/${upload.id}-Prufbericht.pdf`);
    expect(Buffer.from(pack.files[upload.pack_path]).equals(PDF)).toBe(true);
    expect(json('audit-events.json')).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'person.viewed', entity_id: personId })]),
    );
    expect(json('review.json')).toMatchObject({
      case_notes: [{ identification_id: identificationIds[0], body: 'Customer called about the report.' }],
      support_notes: [{ person_id: personId, body: 'Asked by e-mail why the second attempt is needed.' }],
      review_proposals: [],
    });
    const manifest = json('manifest.json');
    expect(manifest).toMatchObject({
      format: 'kyc-evidence-pack/1',
      person_id: personId,
      created_by: { staff_id: officer.staff.id, role: 'compliance_officer' },
      reason: REASON,
    });
    expect(manifest.files.map((f: { path: string }) => f.path).sort()).toStrictEqual(
      Object.keys(pack.files)
        .filter((p) => !p.startsWith('manifest.'))
        .sort(),
    );
  });

  it("audits the export with the reason and the manifest's SHA-256, which the verifier checks with --audit", async () => {
    const manifestSha256 = sha256(pack.files['manifest.json']);
    expect(pack.headers.get('x-evidence-manifest-sha256')).toBe(manifestSha256);
    expect(await exportedEvents()).toStrictEqual([
      {
        actor_id: officer.staff.id,
        role: 'compliance_officer',
        diff: expect.objectContaining({
          reason: REASON,
          manifest_sha256: manifestSha256,
          identifications: 2,
        }),
      },
    ]);
    const result = await verify(pack.file, { args: ['--audit'], env: { DATABASE_URL: t.db.url } });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain(`by staff ${officer.staff.id}`);
  });

  it('fails a pack with one byte of a document changed, naming the document', async () => {
    const target = Object.keys(pack.files).find((p) => p.endsWith('-Prufbericht.pdf'))!;
    const file = await tampered('byte', (files) => {
      const copy = Buffer.from(files[target]);
      copy[5] ^= 1;
      files[target] = copy;
    });
    const result = await verify(file);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`changed: ${target}`);
  });

  it('fails a pack with a file removed or a file added, naming it', async () => {
    const removed = await tampered('removed', (files) => delete files['audit-events.json']);
    expect(await verify(removed)).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('missing: audit-events.json'),
    });
    const added = await tampered('added', (files) => (files['documents/forged.pdf'] = PDF));
    expect(await verify(added)).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('extra: documents/forged.pdf'),
    });
  });

  it('fails an edited manifest; one edited with its digest passes offline but not against the audit trail', async () => {
    const edit = (files: Record<string, Uint8Array>) =>
      Buffer.from(Buffer.from(files['manifest.json']).toString().replace(REASON, 'Nothing to see here'));
    const edited = await tampered('manifest', (files) => (files['manifest.json'] = edit(files)));
    expect(await verify(edited)).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('changed: manifest.json'),
    });
    const forged = await tampered('forged', (files) => {
      files['manifest.json'] = edit(files);
      files['manifest.sha256'] = Buffer.from(`${sha256(files['manifest.json'])}  manifest.json\n`);
    });
    expect((await verify(forged)).code).toBe(0);
    const audited = await verify(forged, { args: ['--audit'], env: { DATABASE_URL: t.db.url } });
    expect(audited.code).toBe(1);
    expect(audited.stderr).toContain('no audit event person.evidence_pack_exported records manifest SHA-256');
  });

  it('refuses support agents (403) and audits nothing', async () => {
    const before = (await exportedEvents()).length;
    const res = await http(t.url, 'GET', exportUrl(personId), { headers: agent.headers });
    expect(res.status).toBe(403);
    expect(res.body.errors[0].code).toBe('forbidden');
    expect(await exportedEvents()).toHaveLength(before);
  });

  it('asks for a reason of 10 to 500 characters (400), and answers 404 for an unknown person', async () => {
    const before = (await exportedEvents()).length;
    for (const query of ['', '?reason=', '?reason=too%20short', `?reason=${'x'.repeat(501)}`]) {
      const res = await http(t.url, 'GET', exportUrl(personId, query), { headers: officer.headers });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].source.field).toBe('reason');
    }
    for (const id of [`${'0'.repeat(32)}cper`, 'not-a-person', identificationIds[0]]) {
      const res = await http(t.url, 'GET', exportUrl(id), { headers: officer.headers });
      expect(res.status).toBe(404);
    }
    expect(await exportedEvents()).toHaveLength(before);
  });

  it('answers 500 document_integrity_error for a damaged stored file, before sending or auditing anything', async () => {
    const other = await PersonFactory.create(t, partner);
    const form = new FormData();
    form.append('document_type', 'KYC_REPORT');
    form.append('file', new Blob([PDF]), 'report.pdf');
    await fetch(`${t.url}/v1/persons/${other.id}/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${partner.token}` },
      body: form,
    });
    const [row] = await ds().query<{ storage_key: string }[]>(
      `SELECT storage_key FROM documents WHERE person_id = $1`,
      [other.id],
    );
    const stored = join(t.env.DATA_DIR, 'documents', row.storage_key);
    const damaged = await readFile(stored);
    damaged[3] ^= 0xff;
    await writeFile(stored, damaged);
    const res = await fetch(`${t.url}${exportUrl(other.id)}`, { headers: officer.headers });
    const text = await res.text();
    expect(res.status).toBe(500);
    expect(JSON.parse(text).errors[0]).toMatchObject({ code: 'document_integrity_error' });
    const [{ n }] = await ds().query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'person.evidence_pack_exported' AND entity_id = $1`,
      [other.id],
    );
    expect(n).toBe(0);
  });
});
