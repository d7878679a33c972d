import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { grantAppPrivileges } from '#kyc/database';
import { DocumentStorage, RetentionFilesService } from '#kyc/documents';
import { JobRunner, type JobRunRow } from '#kyc/jobs';
import {
  adminQuery,
  FakeClock,
  http,
  PartnerFactory,
  PersonFactory,
  randomName,
  serverUrl,
  StaffFactory,
  type TestPartner,
} from '#kyc/testing';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The nightly slot on 1 January 2026: relationships that ended in 2020 or before are due (5 years). */
const SLOT = new Date('2026-01-01T02:30:00.000Z');
const DAY = 86_400_000;
/** Columns an erased person keeps (ids, dates and statuses for statistics, the retention state). */
const KEPT = new Set([
  'id',
  'partner_id',
  'marital_status',
  'flagged_by_compliance',
  'screening_progress',
  'risk_classification_status',
  'customer_vetting_status',
  'international_operativity_expectation',
  'version',
  'created_at',
  'updated_at',
  'search_name',
  'relationship_ended_on',
  'legal_hold',
  'retention_erased_at',
]);

interface Crafted {
  id: string;
  lastName: string;
  identification: string | null;
  documentKeys: string[];
}

/**
 * The retention job (issue "Scheduled reconciliation", job 5): persons around the GwG §8(4) boundary, a
 * held person, documents with stored files, notes and provider results. The dry run lists exactly the due
 * persons and changes nothing; the real run's plan equals it and erases exactly those, with one audit event
 * each and no personal data in the audit or the run; the held person stays; running again changes nothing.
 */
describe('scheduled jobs: retention', () => {
  let t: TestApp;
  let partner: TestPartner;
  let officer: Awaited<ReturnType<typeof StaffFactory.session>>;
  const clock = new FakeClock(new Date(SLOT.getTime() + 3_600_000));
  const ds = () => t.app.get(DataSource);
  const runner = () => t.app.get(JobRunner);
  const BIRTH_DATE = '1961-07-19';
  const PHONE = '+49301239876';
  const secrets: string[] = [BIRTH_DATE, PHONE, '301239876'];

  beforeAll(async () => {
    t = await startTestApp({ env: { SANDBOX_TICK_MS: '0' }, clock });
    partner = await PartnerFactory.create(t);
    officer = await StaffFactory.session(t, 'compliance_officer');
  });
  const roles: string[] = [];
  afterAll(() =>
    t.close(async () => {
      for (const role of roles) await adminQuery(`DROP ROLE IF EXISTS ${role}`);
    }),
  );

  /** A person with everything retention erases, dated by SQL: created `since`, last active `active`. */
  async function craft(o: { since: string; active: string; status: string | null; docs?: number }) {
    const lastName = `Keepwell ${randomName()}`;
    const email = `${randomName().toLowerCase()}@mail.example`;
    secrets.push(lastName, email);
    const person = await PersonFactory.create(t, partner, {
      first_name: 'Retentia',
      last_name: lastName,
      birth_date: BIRTH_DATE,
      mobile_number: PHONE,
      email,
    });
    const documentKeys: string[] = [];
    for (let i = 0; i < (o.docs ?? 0); i++) documentKeys.push(await upload(person.id));
    let identification: string | null = null;
    if (o.status) {
      identification = `${randomUUID().replace(/-/g, '')}ridt`;
      await ds().query(
        `INSERT INTO identifications (id, partner_id, person_id, method, status, url, reference, created_at, updated_at)
         VALUES ($1, $2, $3, 'idnow', $4, $7, $5, $6, $6)`,
        [
          identification,
          partner.partnerId,
          person.id,
          o.status,
          `ref-${lastName}`,
          o.active,
          `https://go.example/${identification}`,
        ],
      );
      const payload = { userdata: { lastname: { value: lastName }, birthday: { value: BIRTH_DATE } } };
      const sha = createHash('sha256').update(JSON.stringify(payload)).digest('hex');
      await ds().query(
        `INSERT INTO provider_results (identification_id, provider, result, payload, payload_sha256, source)
         VALUES ($1, 'idnow', 'SUCCESS', $2, $3, 'callback')`,
        [identification, payload, sha],
      );
      await ds().query(
        `INSERT INTO provider_callbacks (provider, transaction_number, body, body_sha256, processed_at)
         VALUES ('idnow', $1, $2, $3, now())`,
        [identification, payload, sha],
      );
      await ds().query(
        `INSERT INTO person_data_changes (person_id, identification_id, field, old_value, new_value, source)
         VALUES ($1, $2, 'last_name', $3, $4, 'idnow')`,
        [person.id, identification, `${lastName} Old`, lastName],
      );
      await ds().query(
        `INSERT INTO case_notes (identification_id, author_id, body, created_at) VALUES ($1, $2, $3, now())`,
        [identification, officer.staff.id, `Called ${lastName} on ${PHONE}`],
      );
      await ds().query(
        `INSERT INTO review_proposals (identification_id, action, reason_code, justification, identification_version,
                                       proposed_by, proposed_at, state)
         VALUES ($1, 'approve', 'EVIDENCE_VERIFIED', $2, 1, $3, now(), 'superseded')`,
        [identification, `Passport of ${lastName} checked`, officer.staff.id],
      );
    }
    await ds().query(
      `INSERT INTO support_notes (person_id, author_id, body, created_at) VALUES ($1, $2, $3, now())`,
      [person.id, officer.staff.id, `${lastName} born ${BIRTH_DATE} asked for help`],
    );
    await ds().query(`UPDATE persons SET created_at = $2, updated_at = $3 WHERE id = $1`, [
      person.id,
      o.since,
      o.active,
    ]);
    return { id: person.id, lastName, identification, documentKeys } satisfies Crafted;
  }

  async function upload(personId: string): Promise<string> {
    const form = new FormData();
    form.append('document_type', 'KYC_REPORT');
    form.append('file', new Blob([Buffer.from(`%PDF-1.4\n${randomName()}\n%%EOF\n`)]), 'report.pdf');
    const res = await fetch(`${t.url}/v1/persons/${personId}/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${partner.token}` },
      body: form,
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const [row] = await ds().query<{ storage_key: string }[]>(
      `SELECT storage_key FROM documents WHERE id = $1`,
      [id],
    );
    return row.storage_key;
  }

  const post = (path: string, body: unknown, headers = officer.headers) =>
    http(t.url, 'POST', path, { headers, body });

  /** Every row of the tables retention touches that belongs to these persons, as one fingerprint each. */
  async function fingerprint(persons: Crafted[]): Promise<Record<string, string>> {
    const ids = persons.map((p) => p.id);
    const idents = persons.map((p) => p.identification).filter(Boolean);
    const entities = [...ids, ...idents];
    const q = async (sql: string, params: unknown[]) =>
      (
        await ds().query<{ h: string }[]>(
          `SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM (${sql}) x`,
          params,
        )
      )[0].h;
    return {
      persons: await q(`SELECT * FROM persons WHERE id = ANY($1)`, [ids]),
      identifications: await q(`SELECT * FROM identifications WHERE person_id = ANY($1)`, [ids]),
      provider_results: await q(`SELECT * FROM provider_results WHERE identification_id = ANY($1)`, [idents]),
      provider_callbacks: await q(`SELECT * FROM provider_callbacks WHERE transaction_number = ANY($1)`, [
        idents,
      ]),
      person_data_changes: await q(`SELECT * FROM person_data_changes WHERE person_id = ANY($1)`, [ids]),
      documents: await q(`SELECT * FROM documents WHERE person_id = ANY($1)`, [ids]),
      case_notes: await q(`SELECT * FROM case_notes WHERE identification_id = ANY($1)`, [idents]),
      review_proposals: await q(`SELECT * FROM review_proposals WHERE identification_id = ANY($1)`, [idents]),
      support_notes: await q(`SELECT * FROM support_notes WHERE person_id = ANY($1)`, [ids]),
      domain_events: await q(`SELECT * FROM domain_events WHERE entity_id = ANY($1)`, [entities]),
      identification_events: await q(
        `SELECT * FROM identification_events WHERE identification_id = ANY($1)`,
        [idents],
      ),
    };
  }

  const filesExist = async (p: Crafted) =>
    Promise.all(p.documentKeys.map((k) => t.app.get(DocumentStorage).exists(k)));

  // A scheduled run is claimed as the scheduler claims it: the job decides whether it is dry.
  const run = async (slot: Date, dryRun: boolean, trigger: 'manual' | 'schedule' = 'manual') => {
    const r = await runner().runSlot(
      'retention',
      slot,
      trigger === 'schedule' ? { trigger } : { trigger, dryRun },
    );
    expect(r).toMatchObject({ status: 'succeeded', failed: 0 });
    return r as JobRunRow & { summary: { dry_run: boolean; plan: Record<string, unknown> } };
  };

  it('erases exactly the due persons, as the dry run said, and nobody held', async () => {
    // Customers (successful identification) whose relationship an officer ended.
    const endedAtYearEnd = await craft({
      since: '2015-03-01',
      active: '2016-01-10',
      status: 'successful',
      docs: 2,
    });
    const oneDayShort = await craft({
      since: '2015-03-01',
      active: '2016-01-10',
      status: 'successful',
      docs: 1,
    });
    const held = await craft({ since: '2014-03-01', active: '2015-01-10', status: 'successful', docs: 1 });
    const activeCustomer = await craft({ since: '2015-03-01', active: '2016-01-10', status: 'successful' });
    // Never customers: ended at their last activity (the person's or an identification's latest change).
    const neverCustomer = await craft({
      since: '2020-01-05',
      active: '2020-06-15T10:00:00Z',
      status: 'failed',
      docs: 1,
    });
    const recentNoIdent = await craft({ since: '2020-01-05', active: '2021-03-01T00:00:00Z', status: null });
    const lateIdent = await craft({ since: '2019-01-05', active: '2019-02-01T00:00:00Z', status: null });
    const lateIdentId = `${randomUUID().replace(/-/g, '')}ridt`;
    await ds().query(
      `INSERT INTO identifications (id, partner_id, person_id, method, status, created_at, updated_at)
       VALUES ($1, $2, $3, 'idnow', 'expired', '2020-12-01', '2021-01-02T00:00:00Z')`,
      [lateIdentId, partner.partnerId, lateIdent.id],
    );
    lateIdent.identification = lateIdentId;

    for (const [p, endedOn] of [
      [endedAtYearEnd, '2020-12-31'],
      [oneDayShort, '2021-01-01'],
      [held, '2019-05-05'],
    ] as const) {
      const res = await post(`/admin/persons/${p.id}/relationship-end`, {
        ended_on: endedOn,
        reason: 'account_closed',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ relationship_ended_on: endedOn, legal_hold: false });
    }
    expect(
      (await post(`/admin/persons/${held.id}/legal-hold`, { reason: 'litigation', reference: 'LG-2025/17' }))
        .body,
    ).toMatchObject({
      legal_hold: true,
      legal_hold_reason: 'litigation',
      legal_hold_set_by: officer.staff.id,
    });

    const all = [endedAtYearEnd, oneDayShort, held, activeCustomer, neverCustomer, recentNoIdent, lateIdent];
    const due = [endedAtYearEnd, neverCustomer].map((p) => p.id).sort();
    const untouched = [oneDayShort, held, activeCustomer, recentNoIdent, lateIdent];
    const before = await fingerprint(all);
    const untouchedBefore = await fingerprint(untouched);
    const auditsBefore = (await ds().query(`SELECT count(*)::int AS n FROM audit_events`))[0].n;

    // One day short of the period: nobody is due yet, even in a real run.
    const early = await run(new Date(SLOT.getTime() - DAY), false);
    expect(early.summary.plan).toMatchObject({ persons: 0, person_ids: [], held: 1, held_ids: [held.id] });
    expect(early.processed).toBe(0);

    // The dry run (asked for, and the scheduled default) lists exactly the due persons and changes nothing.
    const dry = await run(SLOT, true);
    const scheduled = await run(SLOT, false, 'schedule');
    expect(scheduled.summary.dry_run).toBe(true);
    expect(scheduled.summary.plan).toEqual(dry.summary.plan);
    expect(dry.summary.dry_run).toBe(true);
    expect(dry.summary.plan).toMatchObject({
      keep_years: 5,
      relationship_ended_on_or_before: '2020-12-31',
      persons: 2,
      person_ids: due,
      held: 1,
      held_ids: [held.id],
    });
    expect(dry.summary.plan.tables).toEqual({
      persons: 2,
      identifications: 2,
      provider_results: 2,
      provider_callbacks: 2,
      person_data_changes: 2,
      documents: 3,
      case_notes: 2,
      review_proposals: 2,
      support_notes: 2,
      domain_events: expect.any(Number),
    });
    expect(dry).toMatchObject({ processed: 2, skipped: 1 });
    expect(await fingerprint(all)).toEqual(before);
    expect((await ds().query(`SELECT count(*)::int AS n FROM audit_events`))[0].n).toBe(auditsBefore);
    expect(await filesExist(endedAtYearEnd)).toEqual([true, true]);

    // The real run erases what the dry run listed, nothing else.
    const real = await run(new Date(SLOT.getTime() + 1), false);
    expect(real.summary.dry_run).toBe(false);
    expect(real.summary.plan).toEqual(dry.summary.plan);
    expect(real).toMatchObject({ processed: 2, skipped: 1, failed: 0 });
    expect(real.summary).toMatchObject({ files: { removed: 3, failed: 0, pending: 0 } });

    const after = await fingerprint(all);
    expect(await fingerprint(untouched)).toEqual(untouchedBefore);
    expect(after.identification_events).toBe(before.identification_events);
    for (const p of [endedAtYearEnd, neverCustomer]) await expectErased(p);
    expect(await filesExist(held)).toEqual([true]);
    expect(await filesExist(oneDayShort)).toEqual([true]);

    // One audit event per erased person: the rule, the dates, the counts; nothing personal anywhere.
    const audits = await ds().query<{ entity_id: string; actor_id: string; diff: Record<string, unknown> }[]>(
      `SELECT entity_id, actor_id, diff FROM audit_events WHERE action = 'person.retention_erased' ORDER BY entity_id`,
    );
    expect(audits.map((a) => a.entity_id)).toEqual(due);
    const byId = Object.fromEntries(audits.map((a) => [a.entity_id, a]));
    expect(byId[endedAtYearEnd.id]).toMatchObject({
      actor_id: 'retention',
      diff: {
        rule: 'relationship_ended',
        relationship_ended_on: '2020-12-31',
        keep_until: '2026-01-01',
        job_run: real.id,
        counts: { persons: 1, documents: 2, case_notes: 1, provider_results: 1 },
      },
    });
    expect(byId[neverCustomer.id].diff).toMatchObject({
      rule: 'never_customer',
      relationship_ended_on: '2020-06-15',
    });
    const trail = JSON.stringify(
      await ds().query(`SELECT * FROM audit_events WHERE entity_id = ANY($1) OR actor_id = 'retention'`, [
        all.map((p) => p.id),
      ]),
    );
    const runs = JSON.stringify(await ds().query(`SELECT * FROM job_runs WHERE job = 'retention'`));
    for (const s of secrets) {
      expect({ s, inAudit: trail.includes(s), inRuns: runs.includes(s) }).toEqual({
        s,
        inAudit: false,
        inRuns: false,
      });
    }

    // Running again changes nothing; the partner still sees the person's id, and nothing else.
    const snapshot = await fingerprint(all);
    const rerun = await run(new Date(SLOT.getTime() + 2), false);
    expect(rerun.summary.plan).toMatchObject({ persons: 0, held: 1 });
    expect(await fingerprint(all)).toEqual(snapshot);
    const seen = await http(t.url, 'GET', `/v1/persons/${endedAtYearEnd.id}`, { token: partner.token });
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({
      id: endedAtYearEnd.id,
      first_name: null,
      last_name: null,
      birth_date: null,
    });

    // Lifting the hold lets retention apply from the next run.
    const lifted = await http(t.url, 'DELETE', `/admin/persons/${held.id}/legal-hold`, {
      headers: officer.headers,
      body: { reason: 'proceedings_closed' },
    });
    expect(lifted.status).toBe(200);
    expect(lifted.body).toMatchObject({ legal_hold: false, legal_hold_reason: null });
    // The store fails to remove its file once: the erasure stands, the file waits for the next run.
    const storage = t.app.get<RetentionFilesService, { storage: DocumentStorage }>(
      RetentionFilesService,
    ).storage;
    const remove = jest.spyOn(storage, 'remove').mockRejectedValueOnce(new Error('store unavailable'));
    const next = await runner().runSlot('retention', new Date(SLOT.getTime() + 3), { trigger: 'manual' });
    remove.mockRestore();
    expect(next).toMatchObject({ status: 'succeeded', processed: 1, failed: 1 });
    expect(next!.summary).toMatchObject({
      plan: { persons: 1, person_ids: [held.id], held: 0 },
      files: { removed: 0, failed: 1, pending: 1 },
    });
    expect(await filesExist(held)).toEqual([true]);
    const retry = await run(new Date(SLOT.getTime() + 4), false);
    expect(retry.summary).toMatchObject({
      plan: { persons: 0 },
      files: { removed: 1, failed: 0, pending: 0 },
    });
    await expectErased(held);
  });

  async function expectErased(p: Crafted) {
    const [row] = await ds().query<Record<string, unknown>[]>(`SELECT * FROM persons WHERE id = $1`, [p.id]);
    const leftover = Object.entries(row).filter(
      ([k, v]) => !KEPT.has(k) && v !== null && v !== false && !(k === 'search_name' && v === ''),
    );
    expect({ id: p.id, leftover }).toEqual({ id: p.id, leftover: [] });
    expect(row.retention_erased_at).not.toBeNull();
    expect(row.search_name ?? '').toBe('');
    expect(await ds().query(`SELECT id FROM documents WHERE person_id = $1`, [p.id])).toEqual([]);
    expect(await filesExist(p)).toEqual(p.documentKeys.map(() => false));
    expect(await ds().query(`SELECT 1 FROM person_name_words WHERE person_id = $1`, [p.id])).toEqual([]);
    if (p.identification) {
      const [i] = await ds().query(`SELECT url, reference FROM identifications WHERE id = $1`, [
        p.identification,
      ]);
      expect(i).toEqual({ url: null, reference: null });
      const payloads = await ds().query<{ payload: unknown }[]>(
        `SELECT payload FROM provider_results WHERE identification_id = $1`,
        [p.identification],
      );
      expect(payloads.map((r) => r.payload)).toEqual([{ erased: true }]);
      const notes = await ds().query<{ body: string }[]>(
        `SELECT body FROM case_notes WHERE identification_id = $1`,
        [p.identification],
      );
      expect(notes.map((n) => n.body)).toEqual(['[erased]']);
    }
    const changes = await ds().query(
      `SELECT old_value, new_value FROM person_data_changes WHERE person_id = $1`,
      [p.id],
    );
    for (const c of changes) expect(c).toEqual({ old_value: null, new_value: null });
    const support = await ds().query<{ body: string }[]>(
      `SELECT body FROM support_notes WHERE person_id = $1`,
      [p.id],
    );
    expect(support.map((n) => n.body)).toEqual(['[erased]']);
  }

  it('lets compliance officers record the end and the hold, audited; refuses others and bad input', async () => {
    const p = await PersonFactory.create(t, partner);
    await ds().query(`UPDATE persons SET created_at = '2020-01-01' WHERE id = $1`, [p.id]);
    const path = `/admin/persons/${p.id}`;
    const stateOf = async () =>
      (
        await ds().query(
          `SELECT relationship_ended_on, legal_hold, legal_hold_reason, version FROM persons WHERE id = $1`,
          [p.id],
        )
      )[0];
    const initial = await stateOf();

    for (const role of ['support_agent', 'admin'] as const) {
      const s = await StaffFactory.session(t, role);
      const calls = [
        await post(
          `${path}/relationship-end`,
          { ended_on: '2025-01-01', reason: 'account_closed' },
          s.headers,
        ),
        await post(`${path}/legal-hold`, { reason: 'litigation' }, s.headers),
        await http(t.url, 'DELETE', `${path}/legal-hold`, {
          headers: s.headers,
          body: { reason: 'set_in_error' },
        }),
      ];
      expect({ role, statuses: calls.map((c) => c.status) }).toEqual({ role, statuses: [403, 403, 403] });
    }

    const bad: [string, unknown, string][] = [
      ['relationship-end', { ended_on: 'yesterday', reason: 'account_closed' }, 'ended_on'],
      ['relationship-end', { ended_on: '2025-02-30', reason: 'account_closed' }, 'ended_on'],
      ['relationship-end', { ended_on: '2026-06-01', reason: 'account_closed' }, 'ended_on'],
      ['relationship-end', { ended_on: '2019-12-31', reason: 'account_closed' }, 'ended_on'],
      ['relationship-end', { ended_on: 20250101, reason: 'account_closed' }, 'ended_on'],
      ['relationship-end', { ended_on: '2025-01-01', reason: 'moved to Max Mustermann' }, 'reason'],
      ['relationship-end', { ended_on: '2025-01-01', reason: 'account_closed', note: 'x' }, 'note'],
      ['legal-hold', { reason: 'because' }, 'reason'],
      ['legal-hold', { reason: 'litigation', reference: 'Max Mustermann' }, 'reference'],
      ['legal-hold', {}, 'reason'],
    ];
    for (const [route, body, field] of bad) {
      const res = await post(`${path}/${route}`, body);
      expect({
        route,
        body,
        status: res.status,
        code: res.body.errors?.[0]?.code,
        field: res.body.errors?.[0]?.source?.field,
      }).toEqual({
        route,
        body,
        status: 400,
        code: 'validation_error',
        field,
      });
    }
    const lift = await http(t.url, 'DELETE', `${path}/legal-hold`, {
      headers: officer.headers,
      body: { reason: 'x' },
    });
    expect(lift.status).toBe(400);
    expect(await stateOf()).toEqual(initial);

    for (const [method, route, body] of [
      ['POST', 'relationship-end', { ended_on: '2025-01-01', reason: 'account_closed' }],
      ['POST', 'legal-hold', { reason: 'litigation' }],
      ['DELETE', 'legal-hold', { reason: 'set_in_error' }],
    ] as const) {
      const res = await http(t.url, method, `/admin/persons/no-such-person/${route}`, {
        headers: officer.headers,
        body,
      });
      expect({ route, status: res.status, code: res.body.errors?.[0]?.code }).toEqual({
        route,
        status: 404,
        code: 'model_not_found',
      });
    }

    // Allowed: each decision answers the state and is audited; repeating a hold or lifting none is a conflict.
    expect(
      (await post(`${path}/relationship-end`, { ended_on: '2025-01-01', reason: 'account_closed' })).status,
    ).toBe(200);
    expect(
      (
        await http(t.url, 'DELETE', `${path}/legal-hold`, {
          headers: officer.headers,
          body: { reason: 'set_in_error' },
        })
      ).status,
    ).toBe(409);
    expect((await post(`${path}/legal-hold`, { reason: 'authority_request' })).status).toBe(200);
    expect((await post(`${path}/legal-hold`, { reason: 'litigation' })).status).toBe(409);
    const audits = await ds().query<{ action: string; actor_id: string; diff: Record<string, unknown> }[]>(
      `SELECT action, actor_id, diff FROM audit_events WHERE entity_id = $1 ORDER BY id`,
      [p.id],
    );
    expect(audits.map((a) => [a.action, a.actor_id])).toEqual([
      ['person.relationship_ended', officer.staff.id],
      ['person.legal_hold_set', officer.staff.id],
    ]);
    expect(audits[0].diff).toEqual({
      ended_on: '2025-01-01',
      reason: 'account_closed',
      previous_ended_on: null,
    });
    expect(await stateOf()).toMatchObject({ relationship_ended_on: expect.anything(), legal_hold: true });
  });

  it('lets admins start a dry run from the console, which changes nothing', async () => {
    const admin = await StaffFactory.session(t, 'admin');
    const jobs = await http(t.url, 'GET', '/admin/jobs/retention', { headers: admin.headers });
    expect(jobs.body).toMatchObject({ schedule: '30 2 * * *', dry_run_supported: true });
    const erasedBefore = (
      await ds().query(`SELECT count(*)::int AS n FROM persons WHERE retention_erased_at IS NOT NULL`)
    )[0].n;
    const started = await http(t.url, 'POST', '/admin/jobs/retention/runs', {
      headers: admin.headers,
      body: { dry_run: true },
    });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ job: 'retention', dry_run: true, trigger: 'manual' });
    let run = started.body;
    for (let i = 0; i < 100 && run.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      run = (await http(t.url, 'GET', `/admin/jobs/runs/${run.id}`, { headers: admin.headers })).body;
    }
    expect(run).toMatchObject({ status: 'succeeded', summary: { dry_run: true, files: null } });
    const erasedAfter = (
      await ds().query(`SELECT count(*)::int AS n FROM persons WHERE retention_erased_at IS NOT NULL`)
    )[0].n;
    expect(erasedAfter).toBe(erasedBefore);
  });

  it('keeps the append-only tables closed to everything but the erasure function', async () => {
    const p = await craft({ since: '2015-03-01', active: '2015-04-01', status: 'failed' });
    const refused = (sql: string) =>
      ds().transaction(async (tx) => {
        await tx.query(`SELECT set_config('kyc.retention_erasure', 'off', true)`);
        await tx.query(sql, [p.id]);
      });
    await expect(refused(`UPDATE support_notes SET body = 'x' WHERE person_id = $1`)).rejects.toThrow(
      /append-only/,
    );
    // Even with the setting on, the audit trail and the status events stay closed.
    const withSetting = (sql: string) =>
      ds().transaction(async (tx) => {
        await tx.query(`SELECT set_config('kyc.retention_erasure', 'on', true)`);
        await tx.query(sql, [p.id]);
      });
    await expect(withSetting(`DELETE FROM audit_events WHERE entity_id = $1 OR true`)).rejects.toThrow(
      /append-only/,
    );
    await ds().query(
      `INSERT INTO identification_events (identification_id, kind, to_status, actor) VALUES ($1, 'transition', 'failed', 'system')`,
      [p.identification],
    );
    await expect(
      withSetting(
        `UPDATE identification_events SET actor_id = 'x' WHERE identification_id = (SELECT min(id) FROM identifications WHERE person_id = $1)`,
      ),
    ).rejects.toThrow(/append-only/);
    if (!serverUrl()) return;

    // On a server, the application's role erases through the function, and only through it.
    const role = `kyc_app_${randomName(8).toLowerCase()}`;
    await adminQuery(`CREATE ROLE ${role} LOGIN`);
    roles.push(role);
    const url = new URL(t.db.url);
    url.username = role;
    url.password = '';
    const app = new pg.Client({ connectionString: url.toString() });
    try {
      await grantAppPrivileges(t.db.url, role);
      await app.connect();
      await app.query('BEGIN');
      await app.query(`SELECT set_config('kyc.retention_erasure', 'on', true)`);
      await expect(
        app.query(`UPDATE support_notes SET body = 'x' WHERE person_id = $1`, [p.id]),
      ).rejects.toThrow('permission denied for table support_notes');
      await app.query('ROLLBACK');
      const { rows } = await app.query<{ counts: Record<string, number> }>(
        `SELECT kyc_retention_erase($1, false) AS counts`,
        [p.id],
      );
      expect(rows[0].counts).toMatchObject({ persons: 1, support_notes: 1, provider_results: 1 });
      const [note] = await ds().query(`SELECT body FROM support_notes WHERE person_id = $1`, [p.id]);
      expect(note).toEqual({ body: '[erased]' });
    } finally {
      await app.end().catch(() => undefined);
    }
  });
});
