import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import {
  http,
  PartnerFactory,
  PersonFactory,
  type StaffSession,
  StaffFactory,
  type TestPartner,
} from '#kyc/testing';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface Result {
  person_id: string;
  partner_id: string;
  name: string;
  birth_year: number | null;
  email_masked?: string;
  mobile_masked: string | null;
  latest_identification: { id: string; status: string; reference: string | null; updated_at: string } | null;
  match: 'exact' | 'fuzzy';
  score: number;
}

/** The support desk's one search box, as a support agent types into it. */
describe('support search (GET /admin/support/search)', () => {
  let t: TestApp;
  let agent: Awaited<ReturnType<typeof StaffFactory.session>>;
  let partner: TestPartner;
  let other: TestPartner;
  const ids: Record<string, string> = {};

  const search = (q: string, session: StaffSession = agent, extra = '') =>
    http<{ kind: string; results: Result[] }>(
      t.url,
      'GET',
      `/admin/support/search?q=${encodeURIComponent(q)}${extra}`,
      { headers: session.headers },
    );
  const names = async (q: string) => (await search(q)).body.results.map((r) => r.name);

  beforeAll(async () => {
    t = await startTestApp();
    agent = await StaffFactory.session(t, 'support_agent');
    partner = await PartnerFactory.create(t);
    other = await PartnerFactory.create(t);
    const people: [string, TestPartner, Record<string, unknown>][] = [
      ['mueller', partner, { first_name: 'Hans', last_name: 'Müller', email: 'Hans.Mueller@Example.com' }],
      ['schmidt', partner, { first_name: 'Anna', last_name: 'Schmidt', mobile_number: '+491512345678' }],
      ['strasser', partner, { first_name: 'Peter', last_name: 'Straßer' }],
      ['celik', other, { first_name: 'Mehmet', last_name: 'Çelik' }],
      ['yildiz', partner, { first_name: 'Ayşe', last_name: 'Yıldız' }],
      ['schmidtWeber', partner, { first_name: 'Lena', last_name: 'Schmidt-Weber' }],
      ['obrien', partner, { first_name: 'Sean', last_name: "O'Brien" }],
      ['becker92', partner, { first_name: 'Klaus', last_name: 'Becker', birth_date: '1992-04-17' }],
      ['becker85', partner, { first_name: 'Klaus', last_name: 'Becker', birth_date: '1985-09-02' }],
    ];
    for (const [key, p, overrides] of people) ids[key] = (await PersonFactory.create(t, p, overrides)).id;
  });
  afterAll(() => t?.close());

  describe('names: fuzzy and accent-insensitive', () => {
    it.each([
      ['Muller', 'Hans Müller'],
      ['MÜLLER', 'Hans Müller'],
      ['Mueller', 'Hans Müller'],
      ['Mulller', 'Hans Müller'],
      ['hans muller', 'Hans Müller'],
      ['Schmitd', 'Anna Schmidt'],
      ['Strasser', 'Peter Straßer'],
      ['Straßer', 'Peter Straßer'],
      ['Celik', 'Mehmet Çelik'],
      ['Yildiz', 'Ayşe Yıldız'],
      ['Ayse Yildiz', 'Ayşe Yıldız'],
      ['Schmidt Weber', 'Lena Schmidt-Weber'],
      ['Weber', 'Lena Schmidt-Weber'],
      ['OBrien', "Sean O'Brien"],
      ['O Brien', "Sean O'Brien"],
      ["o'brien", "Sean O'Brien"],
    ])('"%s" finds %s first', async (q, expected) => {
      const res = await search(q);
      expect(res.status).toBe(200);
      expect(res.body.kind).toBe('name');
      expect(res.body.results[0]).toMatchObject({ name: expected, match: 'fuzzy' });
      expect(res.body.results[0].score).toBeGreaterThanOrEqual(0.5);
      expect(res.body.results[0].score).toBeLessThanOrEqual(1);
    });

    it('ranks the exact spelling above a typo-close name and leaves unrelated names out', async () => {
      const found = await names('Schmidt');
      expect(found[0]).toBe('Anna Schmidt');
      expect(found).toContain('Lena Schmidt-Weber');
      expect(found).not.toContain('Hans Müller');
      expect(await names('Zyxwvut')).toEqual([]);
    });

    it('needs every typed word: a first name with another surname is not a match', async () => {
      expect(await names('Anna Müller')).toEqual([]);
      expect(await names('Klaus Schmidt')).toEqual([]);
      expect((await names('Klaus Becker')).slice(0, 2)).toEqual(['Klaus Becker', 'Klaus Becker']);
    });

    it('follows a changed name at once, and forgets the old one', async () => {
      const person = await PersonFactory.create(t, partner, {
        first_name: 'Greta',
        last_name: 'Quastenberg',
      });
      expect(await names('Greta Quastenberg')).toEqual(['Greta Quastenberg']);
      // As the provider's verified data or a retention erasure changes it (the name words follow by trigger).
      await t.app
        .get(DataSource)
        .query(`UPDATE persons SET last_name = 'Zwirblich' WHERE id = $1`, [person.id]);
      expect(await names('Quastenberg')).toEqual([]);
      expect(await names('Greta Zwirblich')).toEqual(['Greta Zwirblich']);
      await t.app
        .get(DataSource)
        .query(`UPDATE persons SET first_name = NULL, last_name = NULL WHERE id = $1`, [person.id]);
      expect(await names('Zwirblich')).toEqual([]);
    });

    it('narrows a name to a birth date in either format', async () => {
      for (const q of ['Becker 17.04.1992', '1992-04-17 Klaus Becker', 'Becker 17.4.1992']) {
        const res = await search(q);
        expect(res.body.kind).toBe('name_and_birth_date');
        expect(res.body.results.map((r) => r.person_id)).toEqual([ids.becker92]);
      }
      expect((await search('Becker')).body.results.map((r) => r.person_id).sort()).toEqual(
        [ids.becker92, ids.becker85].sort(),
      );
    });
  });

  describe('exact lookups', () => {
    it('finds a person by id, in any letter case', async () => {
      const res = await search(ids.schmidt.toUpperCase());
      expect(res.body).toMatchObject({
        kind: 'person_id',
        results: [{ person_id: ids.schmidt, match: 'exact', score: 1 }],
      });
    });

    it('finds an email whatever its case', async () => {
      const res = await search('hans.mueller@EXAMPLE.com');
      expect(res.body.kind).toBe('email');
      expect(res.body.results.map((r) => r.person_id)).toEqual([ids.mueller]);
      expect((await search('nobody@example.com')).body).toEqual({ kind: 'email', results: [] });
    });

    it.each([
      '+49 151 2345 678',
      '+491512345678',
      '0049151-2345678',
      '0049 (151) 234 56 78',
      '0151-2345678',
      '(0151) 234 5678',
      '+49 (0)151 2345678',
      '0151/234.56.78',
    ])('finds the mobile number written as %s', async (q) => {
      const res = await search(q);
      expect(res.body.kind).toBe('phone');
      expect(res.body.results.map((r) => r.person_id)).toEqual([ids.schmidt]);
    });

    it('does not take another number for the customer', async () => {
      expect((await search('0151-2345679')).body).toEqual({ kind: 'phone', results: [] });
      expect((await search('+43 151 2345678')).body).toEqual({ kind: 'phone', results: [] });
    });

    it('finds the identification by its id and by its IDnow reference (any case), with the latest identification', async () => {
      const created = await http(t.url, 'POST', `/v1/persons/${ids.celik}/identifications`, {
        token: other.token,
        body: { method: 'idnow', language: 'DE' },
      });
      expect(created.status).toBe(201);
      const requested = await http(
        t.url,
        'PATCH',
        `/v1/persons/${ids.celik}/identifications/${created.body.id}/request`,
        { token: other.token },
      );
      expect(requested.status).toBe(200);
      const reference = requested.body.reference as string;
      expect(reference).toMatch(/^[A-Z]{3}-[A-Z0-9]{5}$/);

      const byId = await search(created.body.id);
      expect(byId.body.kind).toBe('identification_id');
      expect(byId.body.results).toEqual([
        expect.objectContaining({
          person_id: ids.celik,
          latest_identification: expect.objectContaining({
            id: created.body.id,
            status: 'pending',
            reference,
          }),
        }),
      ]);
      const byRef = await search(reference.toLowerCase());
      expect(byRef.body.kind).toBe('reference');
      expect(byRef.body.results.map((r) => r.person_id)).toEqual([ids.celik]);
    });

    it('reads a reference-shaped text that no identification carries as a name', async () => {
      const res = await search('Schmidt-Weber'.slice(0, 3) + '-Weber'); // "Sch-Weber": 3 letters, dash, 5
      expect(res.body.kind).toBe('name');
      expect(res.body.results[0].name).toBe('Lena Schmidt-Weber');
    });
  });

  it('shows a support agent only what recognising the customer takes, with the partner of each', async () => {
    const res = await search('Anna Schmidt');
    const anna = res.body.results.find((r) => r.person_id === ids.schmidt)!;
    expect(anna).toEqual({
      person_id: ids.schmidt,
      partner_id: partner.partnerId,
      name: 'Anna Schmidt',
      birth_year: 1992,
      mobile_masked: '••••678',
      latest_identification: null,
      match: 'fuzzy',
      score: 1,
    });
    const hans = (await search('Hans Müller')).body.results[0];
    expect(hans.email_masked).toBe('H•••@Example.com');
    expect(JSON.stringify(res.body)).not.toMatch(/1992-12-11|Amrumerstrasse|491512345678/);
    const celik = (await search('Celik')).body.results[0];
    expect(celik.partner_id).toBe(other.partnerId);
  });

  it('answers officers and admins in the same masked shape', async () => {
    for (const role of ['compliance_officer', 'admin'] as const) {
      const session = await StaffFactory.session(t, role);
      const res = await search('Anna Schmidt', session);
      expect(res.status).toBe(200);
      expect(res.body.results[0]).toMatchObject({ birth_year: 1992, mobile_masked: '••••678' });
    }
  });

  it('audits each search with the kind of query and the count, never the text', async () => {
    const res = await search('Mulller', agent, '&limit=1');
    expect(res.body.results).toHaveLength(1);
    const [row] = await t.app
      .get(DataSource)
      .query<{ actor_id: string; role: string; diff: unknown }[]>(
        `SELECT actor_id, role, diff FROM audit_events WHERE action = 'support.search' ORDER BY id DESC LIMIT 1`,
      );
    expect(row).toEqual({
      actor_id: agent.staff.id,
      role: 'support_agent',
      diff: { kind: 'name', results: 1 },
    });
    const phone = await search('0151 2345678');
    expect(phone.body.results).toHaveLength(1);
    const rows = await t.app
      .get(DataSource)
      .query<{ text: string }[]>(
        `SELECT row_to_json(a)::text AS text FROM audit_events a WHERE action = 'support.search'`,
      );
    expect(rows.at(-1)).toBeDefined();
    const all = rows.map((r) => r.text).join('\n');
    expect(all).toMatch(/"kind": ?"phone"/);
    expect(all).not.toMatch(/Mulller|2345678|Schmidt|Müller/i);
  });

  it.each([
    ['', 'q'],
    ['   ', 'q'],
    ['x'.repeat(201), 'q'],
    ['M', 'q'],
    ['17.04.1992', 'q'],
    ['Becker 31.02.1992', 'q'],
    ['Becker 42', 'q'],
    ['012', 'q'],
  ])('answers 400 for q=%j', async (q, field) => {
    const res = await http(t.url, 'GET', `/admin/support/search?q=${encodeURIComponent(q)}`, {
      headers: agent.headers,
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ status: 400, code: 'validation_error', source: { field } });
  });

  it.each([
    ['?limit=5', 'q'],
    ['?q=Muller&limit=0', 'limit'],
    ['?q=Muller&limit=21', 'limit'],
    ['?q=Muller&limit=ten', 'limit'],
    ['?q=Muller&sort=name', 'sort'],
    ['?q=Muller&q=Schmidt', 'q'],
  ])('answers 400 for %s', async (query, field) => {
    const res = await http(t.url, 'GET', `/admin/support/search${query}`, { headers: agent.headers });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { source: { field: string } }) => e.source.field)).toContain(field);
  });

  it('writes no audit event for a refused search, and needs a session', async () => {
    const ds = t.app.get(DataSource);
    const count = async () =>
      (
        await ds.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM audit_events WHERE action = 'support.search'`,
        )
      )[0].n;
    const before = await count();
    expect((await search('')).status).toBe(400);
    expect(await count()).toBe(before);
    expect((await http(t.url, 'GET', '/admin/support/search?q=Muller')).status).toBe(401);
  });
});
