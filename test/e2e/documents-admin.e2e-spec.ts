import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { http, PartnerFactory, PersonFactory, StaffFactory, type TestPartner } from '#kyc/testing';
import { startTestApp, type TestApp } from '../support/test-app.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');

describe('documents for staff (admin API)', () => {
  let t: TestApp;
  let partner: TestPartner;
  let personId: string;
  let documentId: string;
  let officer: Awaited<ReturnType<typeof StaffFactory.session>>;
  let agent: Awaited<ReturnType<typeof StaffFactory.session>>;
  const audits = (action: string, entityId: string) =>
    t.app
      .get(DataSource)
      .query<{ actor_id: string; role: string; diff: Record<string, unknown> }[]>(
        `SELECT actor_id, role, diff FROM audit_events WHERE action = $1 AND entity_id = $2 ORDER BY id`,
        [action, entityId],
      );

  beforeAll(async () => {
    t = await startTestApp({ env: { SANDBOX_TICK_MS: '0' } });
    partner = await PartnerFactory.create(t);
    personId = (await PersonFactory.create(t, partner)).id;
    const form = new FormData();
    form.append('document_type', 'KYC_REPORT');
    form.append('file', new Blob([PDF]), 'Prüfbericht.pdf');
    const res = await fetch(`${t.url}/v1/persons/${personId}/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${partner.token}` },
      body: form,
    });
    documentId = ((await res.json()) as { id: string }).id;
    officer = await StaffFactory.session(t, 'compliance_officer');
    agent = await StaffFactory.session(t, 'support_agent');
  });
  afterAll(() => t.close());

  it("lists a person's documents with where they came from, in the react-admin contract", async () => {
    const filter = encodeURIComponent(JSON.stringify({ person_id: personId }));
    const res = await http(t.url, 'GET', `/admin/documents?filter=${filter}`, { headers: agent.headers });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-range')).toBe('documents 0-0/1');
    expect(res.body).toStrictEqual([
      expect.objectContaining({
        id: documentId,
        name: 'Prüfbericht.pdf',
        document_type: 'KYC_REPORT',
        content_type: 'application/pdf',
        partner_id: partner.partnerId,
        person_id: personId,
        identification_id: null,
        source: 'partner',
        partner_visible: true,
        provider_canceled_at: null,
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      }),
    ]);
    const bad = await http(
      t.url,
      'GET',
      `/admin/documents?filter=${encodeURIComponent('{"source":"email"}')}`,
      {
        headers: agent.headers,
      },
    );
    expect(bad.status).toBe(400);
  });

  it('audits each record view with who viewed it', async () => {
    const res = await http(t.url, 'GET', `/admin/documents/${documentId}`, { headers: agent.headers });
    expect(res.status).toBe(200);
    const events = await audits('document.viewed', documentId);
    expect(events.at(-1)).toMatchObject({
      actor_id: agent.staff.id,
      role: 'support_agent',
      diff: { person_id: personId },
    });
  });

  it('serves the file to an officer who gives a reason, and audits who, what and why before sending', async () => {
    const res = await fetch(
      `${t.url}/admin/documents/${documentId}/file?reason=${encodeURIComponent('Case review #42')}&disposition=inline`,
      { headers: officer.headers },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(/^inline; filename="Prufbericht.pdf"/);
    expect(Buffer.from(await res.arrayBuffer()).equals(PDF)).toBe(true);
    const [event] = await audits('document.downloaded', documentId);
    expect(event).toMatchObject({
      actor_id: officer.staff.id,
      role: 'compliance_officer',
      diff: {
        reason: 'Case review #42',
        disposition: 'inline',
        person_id: personId,
        document_type: 'KYC_REPORT',
      },
    });
  });

  it('refuses a download without a reason, and audits nothing', async () => {
    const before = (await audits('document.downloaded', documentId)).length;
    for (const query of ['', '?reason=', '?reason=%20%20', `?reason=ok&disposition=evil`]) {
      const res = await http(t.url, 'GET', `/admin/documents/${documentId}/file${query}`, {
        headers: officer.headers,
      });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].source.field).toMatch(/^(reason|disposition)$/);
    }
    expect(await audits('document.downloaded', documentId)).toHaveLength(before);
  });

  it('does not give files to support agents (least privilege), and audits no download', async () => {
    const before = (await audits('document.downloaded', documentId)).length;
    const res = await http(t.url, 'GET', `/admin/documents/${documentId}/file?reason=curious`, {
      headers: agent.headers,
    });
    expect(res.status).toBe(403);
    expect(await audits('document.downloaded', documentId)).toHaveLength(before);
  });

  it('still shows staff a document the partner deleted, marked as deleted', async () => {
    await http(t.url, 'DELETE', `/v1/persons/${personId}/documents/${documentId}`, { token: partner.token });
    const res = await http(t.url, 'GET', `/admin/documents/${documentId}`, { headers: officer.headers });
    expect(res.status).toBe(200);
    expect(res.body.deleted_at).toEqual(expect.any(String));
  });

  it('answers 404 for unknown or malformed ids', async () => {
    for (const id of [`${'0'.repeat(32)}cdoc`, 'x', `${'0'.repeat(32)}cper`]) {
      expect((await http(t.url, 'GET', `/admin/documents/${id}`, { headers: officer.headers })).status).toBe(
        404,
      );
    }
  });
});
