import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import {
  http,
  PartnerFactory,
  PersonFactory,
  StaffFactory,
  type StaffSession,
  type TestStaff,
} from '#kyc/testing';
import { startTestApp, type TestApp } from '../support/test-app.js';

type Session = StaffSession & { staff: TestStaff };

describe('admin: partner clients, the audit trail and persons', () => {
  let t: TestApp;
  let admin: Session;
  let officer: Session;
  let support: Session;
  const ds = () => t.app.get(DataSource);
  const call = (s: StaffSession, method: string, path: string, body?: unknown) =>
    http(t.url, method, path, { headers: s.headers, body });
  const token = (clientId: string, secret: string) =>
    http(t.url, 'POST', '/oauth/token', {
      body: { grant_type: 'client_credentials', client_id: clientId, client_secret: secret },
    });
  const f = (filter: object) => `filter=${encodeURIComponent(JSON.stringify(filter))}`;

  beforeAll(async () => {
    t = await startTestApp();
    [admin, officer, support] = [
      await StaffFactory.session(t, 'admin'),
      await StaffFactory.session(t, 'compliance_officer'),
      await StaffFactory.session(t, 'support_agent'),
    ];
  });
  afterAll(() => t.close());

  describe('partner clients', () => {
    it('creates a client whose secret is shown once and works at /oauth/token', async () => {
      const res = await call(admin, 'POST', '/admin/partner-clients', { partner_name: 'Acme Bank' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        partner_name: 'Acme Bank',
        status: 'active',
        secret: expect.any(String),
      });
      expect((await token(res.body.id, res.body.secret)).status).toBe(200);
      const shown = await call(admin, 'GET', `/admin/partner-clients/${res.body.id}`);
      expect(shown.body).not.toHaveProperty('secret');
      expect(shown.body.last_used_at).not.toBeNull();
      const [row] = await ds().query<{ secret_hash: string }[]>(
        `SELECT secret_hash FROM partner_clients WHERE client_id = $1`,
        [res.body.id],
      );
      expect(row.secret_hash).toMatch(/^\$argon2id\$/);
      const [audit] = await ds().query<{ diff: unknown }[]>(
        `SELECT diff FROM audit_events WHERE action = 'partner_client.created' AND entity_id = $1`,
        [res.body.id],
      );
      expect(JSON.stringify(audit)).not.toContain(res.body.secret);
    });

    it('rotates a secret: the old secret and its tokens stop working, the new one works', async () => {
      const partner = await PartnerFactory.create(t);
      const rotated = await call(admin, 'POST', `/admin/partner-clients/${partner.clientId}/rotate`);
      expect(rotated.status).toBe(200);
      expect(rotated.body.secret).not.toBe(partner.secret);
      expect((await token(partner.clientId, partner.secret)).status).toBe(401);
      expect((await token(partner.clientId, rotated.body.secret)).status).toBe(200);
      // The old bearer token is revoked in the database (other processes may honour a cached one for up to 15 s).
      const old = createHash('sha256').update(partner.token).digest('hex');
      const rows = await ds().query<{ token_hash: string }[]>(
        `SELECT token_hash FROM access_tokens WHERE client_id = $1`,
        [partner.clientId],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0].token_hash).not.toBe(old);
    });

    it('disables and re-enables a client', async () => {
      const partner = await PartnerFactory.create(t);
      const off = await call(admin, 'PUT', `/admin/partner-clients/${partner.clientId}`, {
        status: 'disabled',
      });
      expect(off.body.status).toBe('disabled');
      expect((await token(partner.clientId, partner.secret)).status).toBe(401);
      await call(admin, 'PUT', `/admin/partner-clients/${partner.clientId}`, { status: 'active' });
      expect((await token(partner.clientId, partner.secret)).status).toBe(200);
      const actions = await ds().query<{ action: string }[]>(
        `SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY id`,
        [partner.clientId],
      );
      expect(actions.map((a) => a.action)).toEqual(['partner_client.disabled', 'partner_client.enabled']);
    });

    it('refuses bad input with 400 and unknown clients with 404', async () => {
      expect((await call(admin, 'POST', '/admin/partner-clients', {})).status).toBe(400);
      expect(
        (await call(admin, 'POST', '/admin/partner-clients', { partner_name: 'x', partner_id: 'a b' }))
          .status,
      ).toBe(400);
      expect((await call(admin, 'PUT', '/admin/partner-clients/nope', { status: 'disabled' })).status).toBe(
        404,
      );
      expect((await call(admin, 'POST', '/admin/partner-clients/nope/rotate')).status).toBe(404);
    });
  });

  describe('audit trail', () => {
    it('lists events newest first with the acting staff member’s email, filtered by actor and action', async () => {
      const res = await call(
        officer,
        'GET',
        `/admin/audit-events?${f({ actor_id: admin.staff.id, action: 'partner_client.created' })}`,
      );
      expect(res.status).toBe(200);
      expect(res.body.length).toBeGreaterThanOrEqual(1);
      expect(res.body[0]).toMatchObject({
        actor_id: admin.staff.id,
        actor_email: admin.staff.email,
        role: 'admin',
      });
      expect(res.body[0]).not.toHaveProperty('hash');
      const ids = res.body.map((r: { id: string }) => Number(r.id));
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
    });

    it('exports CSV with a header, quoted fields and the filter applied, and audits the export', async () => {
      const res = await fetch(`${t.url}/admin/audit-events/export.csv?${f({ action: 'staff.login' })}`, {
        headers: officer.headers,
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toMatch(
        /^attachment; filename="audit-events-\d{4}-\d{2}-\d{2}\.csv"$/,
      );
      const lines = (await res.text()).trimEnd().split('\r\n');
      expect(lines[0]).toBe(
        '"id","occurred_at","actor_type","actor_id","actor_email","role","action","entity_type","entity_id","diff","request_id","ip"',
      );
      expect(lines.length).toBeGreaterThanOrEqual(4); // the three logins of beforeAll
      expect(lines.slice(1).every((l) => l.includes('"staff.login"'))).toBe(true);
      expect(lines.slice(1).some((l) => l.includes(`"${officer.staff.email}"`))).toBe(true);
      const [exported] = await ds().query<{ actor_id: string }[]>(
        `SELECT actor_id FROM audit_events WHERE action = 'audit.exported' ORDER BY id DESC LIMIT 1`,
      );
      expect(exported.actor_id).toBe(officer.staff.id);
    });

    it('is closed to support agents, and answers 400 for an unknown filter', async () => {
      expect((await call(support, 'GET', '/admin/audit-events')).status).toBe(403);
      expect((await call(support, 'GET', '/admin/audit-events/export.csv')).status).toBe(403);
      const bad = await call(officer, 'GET', `/admin/audit-events?${f({ hash: 'x' })}`);
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].source.field).toBe('filter.hash');
    });
  });

  describe('persons', () => {
    it('masks personal data on the server for support agents, and shows and audits full data for officers', async () => {
      const partner = await PartnerFactory.create(t);
      const person = await PersonFactory.create(t, partner, {
        birth_date: '1988-04-23',
        mobile_number: '+4915112345678',
      });

      const masked = await call(support, 'GET', `/admin/persons/${person.id}`);
      expect(masked.status).toBe(200);
      expect(masked.body).toMatchObject({
        masked: true,
        first_name: 'Jane',
        birth_date: '1988-**-**',
        mobile_number: '••••678',
        address: { line_1: null, line_2: null, city: 'Berlin' },
      });
      expect(JSON.stringify(masked.body)).not.toMatch(/Amrumerstrasse|04-23|12345678/);

      const full = await call(officer, 'GET', `/admin/persons/${person.id}`);
      expect(full.body).toMatchObject({
        masked: false,
        birth_date: '1988-04-23',
        mobile_number: '+4915112345678',
        address: { line_1: 'Amrumerstrasse', line_2: '14' },
        partner_id: partner.partnerId,
      });
      const views = await ds().query<{ actor_id: string; action: string }[]>(
        `SELECT actor_id, action FROM audit_events WHERE entity_id = $1 ORDER BY id`,
        [person.id],
      );
      expect(views).toEqual([{ actor_id: officer.staff.id, action: 'person.viewed' }]);

      const list = await call(support, 'GET', `/admin/persons?${f({ partner_id: partner.partnerId })}`);
      expect(list.headers.get('content-range')).toBe('persons 0-0/1');
      expect(list.body[0]).toMatchObject({ id: person.id, masked: true, birth_date: '1988-**-**' });
      const officerList = await call(
        officer,
        'GET',
        `/admin/persons?${f({ partner_id: partner.partnerId })}`,
      );
      expect(officerList.body[0].birth_date).toBe('1988-04-23');
      const [listed] = await ds().query<{ diff: { ids: string[] } }[]>(
        `SELECT diff FROM audit_events WHERE action = 'persons.listed' AND actor_id = $1 ORDER BY id DESC LIMIT 1`,
        [officer.staff.id],
      );
      expect(listed.diff.ids).toEqual([person.id]);
    });

    it('answers 404 for an unknown person', async () => {
      expect((await call(officer, 'GET', '/admin/persons/unknown-person')).status).toBe(404);
    });
  });
});
