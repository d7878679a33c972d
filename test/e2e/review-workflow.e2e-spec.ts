import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import {
  FakeClock,
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

type Session = Awaited<ReturnType<typeof StaffFactory.session>>;

const JUSTIFICATION = 'Checked the report, the ID images and the face photo against the application.';

describe('compliance review: queue, assignment, decisions with four eyes, re-identification', () => {
  let t: TestApp;
  let fake: FakeIdnow;
  let partner: TestPartner;
  let alice: Session;
  let bob: Session;
  let agent: Session;
  const clock = new FakeClock('2026-11-27T08:00:00Z');
  const ds = () => t.app.get(DataSource);

  async function login(): Promise<void> {
    alice = await StaffFactory.session(t, 'compliance_officer');
    bob = await StaffFactory.session(t, 'compliance_officer');
    agent = await StaffFactory.session(t, 'support_agent');
    const res = await http(t.url, 'POST', '/oauth/token', {
      body: { grant_type: 'client_credentials', client_id: partner.clientId, client_secret: partner.secret },
    });
    partner.token = res.body.access_token as string;
  }

  async function report(id: string, result: unknown): Promise<void> {
    fake.results.set(id, result);
    expect((await http(t.url, 'POST', '/providers/idnow/callback', { body: result })).status).toBe(200);
    await drainCallbacks(t.app);
  }

  /** A requested identification the provider then reports with `result`. */
  async function identification(result?: string, reason?: string) {
    const person = await PersonFactory.create(t, partner);
    const base = `/v1/persons/${person.id}/identifications`;
    const created = await http(t.url, 'POST', base, {
      token: partner.token,
      body: { method: 'idnow', language: 'DE' },
    });
    const id = created.body.id as string;
    expect((await http(t.url, 'PATCH', `${base}/${id}/request`, { token: partner.token })).status).toBe(200);
    if (result) await report(id, idnowResult(id, result, reason));
    return { id, personId: person.id, path: `${base}/${id}` };
  }

  const get = (s: Session, path: string) => http(t.url, 'GET', path, { headers: s.headers });
  const post = (s: Session, path: string, body?: unknown) =>
    http(t.url, 'POST', path, { headers: s.headers, body });
  const caseOf = async (id: string, s: Session = alice) => (await get(s, `/admin/review-cases/${id}`)).body;
  const decide = async (s: Session, id: string, action: string, reason: string, version?: number) =>
    post(s, `/admin/review-cases/${id}/decisions`, {
      action,
      reason_code: reason,
      justification: JUSTIFICATION,
      version: version ?? (await caseOf(id, s)).version,
    });
  const audits = (action: string, entityId: string) =>
    ds().query<{ actor_id: string; diff: Record<string, unknown> }[]>(
      `SELECT actor_id, diff FROM audit_events WHERE action = $1 AND entity_id = $2 ORDER BY id`,
      [action, entityId],
    );
  const outbox = (entityId: string, type: string) =>
    ds().query<{ payload: Record<string, unknown> }[]>(
      `SELECT payload FROM domain_events WHERE entity_id = $1 AND event_type = $2 ORDER BY id`,
      [entityId, type],
    );

  beforeAll(async () => {
    fake = await new FakeIdnow().start();
    t = await startTestApp({
      env: { IDNOW_BASE_URL: fake.url, SANDBOX_TICK_MS: '0', EVIDENCE_TICK_MS: '0', WEBHOOK_TICK_MS: '0' },
      clock,
    });
    partner = await PartnerFactory.create(t);
    await login();
  });
  afterAll(() => t.close(() => fake.stop()));

  describe('the queue', () => {
    it('lists open cases SLA due first, with the person for officers, and filters them', async () => {
      const first = await identification('REVIEW_PENDING');
      clock.advance(60_000);
      const second = await identification('FRAUD_SUSPICION_PENDING');
      const filter = encodeURIComponent(JSON.stringify({ id: [first.id, second.id] }));
      const res = await get(alice, `/admin/review-cases?filter=${filter}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-range')).toBe('review-cases 0-1/2');
      expect(res.body.map((r: { id: string }) => r.id)).toStrictEqual([first.id, second.id]);
      expect(res.body[0]).toMatchObject({
        status: 'pending_successful',
        provider_result: 'REVIEW_PENDING',
        language: 'DE',
        first_name: 'Jane',
        assignee_id: null,
        overdue: false,
        awaiting_approval: false,
        failure_category: null,
      });
      expect(
        new Date(res.body[0].case_due_at).getTime() - new Date(res.body[0].case_opened_at).getTime(),
      ).toBe(24 * 3600_000);
      const only = async (f: Record<string, unknown>) =>
        (
          await get(
            alice,
            `/admin/review-cases?filter=${encodeURIComponent(JSON.stringify({ id: [first.id, second.id], ...f }))}`,
          )
        ).body.map((r: { id: string }) => r.id);
      expect(await only({ status: 'pending_failed' })).toStrictEqual([second.id]);
      expect(await only({ age: 'lt_1h' })).toStrictEqual([first.id, second.id]);
      expect(await only({ age: 'overdue' })).toStrictEqual([]);
      expect(await only({ assignee: 'unassigned' })).toStrictEqual([first.id, second.id]);
      expect(await only({ assignee: 'me' })).toStrictEqual([]);
      const bad = await get(alice, `/admin/review-cases?filter=${encodeURIComponent('{"age":"ancient"}')}`);
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].source.field).toBe('filter.age');
    });

    it('is for compliance officers only', async () => {
      expect((await get(agent, '/admin/review-cases')).status).toBe(403);
      const { id } = await identification('REVIEW_PENDING');
      expect((await decide(agent, id, 'approve', 'EVIDENCE_VERIFIED', 1)).status).toBe(403);
    });
  });

  describe('assignment', () => {
    it('lets one officer hold a case at a time', async () => {
      const { id, personId } = await identification('REVIEW_PENDING');
      const claimed = await post(alice, `/admin/review-cases/${id}/claim`);
      expect(claimed.status).toBe(200);
      expect(claimed.body).toMatchObject({ id, assignee_id: alice.staff.id, first_name: 'Jane' });
      const taken = await post(bob, `/admin/review-cases/${id}/claim`);
      expect(taken.status).toBe(409);
      expect(taken.body.errors[0].detail).toMatch(/held by/);
      expect((await post(bob, `/admin/review-cases/${id}/release`)).status).toBe(409);
      expect((await decide(bob, id, 'approve', 'EVIDENCE_VERIFIED')).status).toBe(409);
      const officers = await get(alice, '/admin/review-officers');
      expect(officers.body).toEqual(
        expect.arrayContaining([{ id: bob.staff.id, display_name: expect.any(String) }]),
      );
      expect(officers.body.map((o: { id: string }) => o.id)).not.toContain(agent.staff.id);
      const handed = await post(alice, `/admin/review-cases/${id}/assign`, { assignee_id: bob.staff.id });
      expect(handed.status).toBe(200);
      expect(handed.body.assignee_id).toBe(bob.staff.id);
      const filter = encodeURIComponent(JSON.stringify({ id: [id], assignee: 'me' }));
      expect((await get(bob, `/admin/review-cases?filter=${filter}`)).body).toHaveLength(1);
      const toAgent = await post(bob, `/admin/review-cases/${id}/assign`, { assignee_id: agent.staff.id });
      expect(toAgent.status).toBe(400);
      expect((await post(bob, `/admin/review-cases/${id}/release`)).status).toBe(200);
      expect((await caseOf(id)).assignee_id).toBeNull();
      expect((await audits('identification.claimed', id)).map((a) => a.actor_id)).toStrictEqual([
        alice.staff.id,
      ]);
      // Each answer above showed the person's name: audited like the queue's names, nothing for the refusals.
      const shown = await ds().query<{ actor_id: string; via: string }[]>(
        `SELECT actor_id, diff->>'via' AS via FROM audit_events
          WHERE action = 'persons.listed' AND diff->'ids' = $1::jsonb AND diff->>'via' LIKE 'review_case_%'
          ORDER BY id`,
        [JSON.stringify([personId])],
      );
      expect(shown).toStrictEqual([
        { actor_id: alice.staff.id, via: 'review_case_claim' },
        { actor_id: alice.staff.id, via: 'review_case_assign' },
        { actor_id: bob.staff.id, via: 'review_case_release' },
      ]);
    });
  });

  describe('decisions', () => {
    it('approves a pending_successful case: status, staff event, audit and the partner webhook in one go', async () => {
      const { id, path } = await identification('REVIEW_PENDING');
      const res = await decide(alice, id, 'approve', 'PROVIDER_REVIEW_CONFIRMED');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        outcome: 'decided',
        identification: { status: 'successful', decided_by: alice.staff.id },
      });
      expect((await http(t.url, 'GET', path, { token: partner.token })).body.status).toBe('successful');
      const [event] = await ds().query(
        `SELECT actor, actor_id, reason_code FROM identification_events WHERE identification_id = $1 AND to_status = 'successful'`,
        [id],
      );
      expect(event).toEqual({
        actor: 'staff',
        actor_id: alice.staff.id,
        reason_code: 'PROVIDER_REVIEW_CONFIRMED',
      });
      expect(await audits('identification.decided', id)).toEqual([
        expect.objectContaining({
          actor_id: alice.staff.id,
          diff: expect.objectContaining({
            from: 'pending_successful',
            to: 'successful',
            justification: JUSTIFICATION,
          }),
        }),
      ]);
      expect((await outbox(id, 'IDENTIFICATION')).at(-1)!.payload).toMatchObject({
        id,
        status: 'successful',
      });
      expect((await caseOf(id)).case_open).toBe(false);
    });

    it('answers 409 naming who decided when the officer decided on an old version', async () => {
      const { id } = await identification('REVIEW_PENDING');
      const version = (await caseOf(id)).version as number;
      expect((await decide(alice, id, 'approve', 'EVIDENCE_VERIFIED', version)).status).toBe(200);
      const late = await decide(bob, id, 'approve', 'EVIDENCE_VERIFIED', version);
      expect(late.status).toBe(409);
      expect(late.body.errors[0].detail).toMatch(/already decided by .+ at 2026-/);
      expect(await audits('identification.decided', id)).toHaveLength(1);
    });

    it('refuses undocumented reasons, short justifications, unknown fields and closed cases', async () => {
      const { id } = await identification('REVIEW_PENDING');
      const version = (await caseOf(id)).version;
      const body = {
        action: 'approve',
        reason_code: 'EVIDENCE_VERIFIED',
        justification: JUSTIFICATION,
        version,
      };
      const cases: [Record<string, unknown>, number, string][] = [
        [{ ...body, reason_code: 'BECAUSE' }, 400, 'reason_code'],
        [{ ...body, justification: 'ok' }, 400, 'justification'],
        [{ ...body, action: 'escalate' }, 400, 'action'],
        [{ ...body, version: 'one' }, 400, 'version'],
        [{ ...body, extra: true }, 400, 'extra'],
      ];
      for (const [b, status, field] of cases) {
        const res = await post(alice, `/admin/review-cases/${id}/decisions`, b);
        expect({ field, status: res.status, source: res.body.errors[0].source?.field }).toEqual({
          field,
          status,
          source: field,
        });
      }
      const closed = await identification('SUCCESS');
      const res = await decide(alice, closed.id, 'approve', 'EVIDENCE_VERIFIED');
      expect(res.status).toBe(422);
      expect(await audits('identification.decided', id)).toHaveLength(0);
    });

    it('needs a second officer to approve pending_failed; the proposer can never confirm', async () => {
      const { id } = await identification('FRAUD_SUSPICION_PENDING');
      const proposed = await decide(alice, id, 'approve', 'FRAUD_SUSPICION_CLEARED');
      expect(proposed.status).toBe(202);
      expect(proposed.body).toMatchObject({
        outcome: 'proposed',
        awaiting_second_approval: true,
        needs: 'fraud_suspicion',
      });
      const proposalId = proposed.body.proposal.id as string;
      expect((await caseOf(id)).status).toBe('pending_failed');
      const filter = encodeURIComponent(JSON.stringify({ id: [id], awaiting_approval: true }));
      expect((await get(alice, `/admin/review-cases?filter=${filter}`)).body).toHaveLength(1);
      const own = await post(alice, `/admin/review-proposals/${proposalId}/confirm`);
      expect(own.status).toBe(403);
      expect((await decide(bob, id, 'reject', 'FRAUD_CONFIRMED')).status).toBe(409);
      const confirmed = await post(bob, `/admin/review-proposals/${proposalId}/confirm`);
      expect(confirmed.status).toBe(200);
      expect(confirmed.body.identification.status).toBe('successful');
      const [decided] = await audits('identification.decided', id);
      expect(decided).toMatchObject({
        actor_id: bob.staff.id,
        diff: {
          proposed_by: alice.staff.id,
          confirmed_by: bob.staff.id,
          reason_code: 'FRAUD_SUSPICION_CLEARED',
        },
      });
      expect((await post(bob, `/admin/review-proposals/${proposalId}/confirm`)).status).toBe(409);
    });

    it('rejecting pending_successful (with four eyes) blocks the account: on the person and in the webhooks', async () => {
      const { id, personId } = await identification('REVIEW_PENDING');
      const proposed = await decide(alice, id, 'reject', 'IDENTITY_MISMATCH');
      expect(proposed.body.needs).toBe('overrides_provider');
      const declined = await post(bob, `/admin/review-proposals/${proposed.body.proposal.id}/decline`);
      expect(declined.body.state).toBe('declined');
      expect((await caseOf(id)).status).toBe('pending_successful');
      const again = await decide(alice, id, 'reject', 'IDENTITY_MISMATCH');
      const confirmed = await post(bob, `/admin/review-proposals/${again.body.proposal.id}/confirm`);
      expect(confirmed.body.identification.status).toBe('failed');
      const person = await http(t.url, 'GET', `/v1/persons/${personId}`, { token: partner.token });
      expect(person.body.flagged_by_compliance).toBe(true);
      expect((await outbox(personId, 'PERSON_CHANGED')).at(-1)!.payload).toMatchObject({
        id: personId,
        flagged_by_compliance: true,
        account_blocking_required: true,
        identification_id: id,
      });
      expect((await outbox(id, 'IDENTIFICATION')).at(-1)!.payload).toMatchObject({
        status: 'failed',
        account_blocking_required: true,
      });
    });

    it('records a late provider result that disagrees with the decision and reopens the case, never overwriting', async () => {
      const { id } = await identification('REVIEW_PENDING');
      expect((await decide(alice, id, 'approve', 'EVIDENCE_VERIFIED')).status).toBe(200);
      await report(id, idnowResult(id, 'FRAUD_SUSPICION_CONFIRMED'));
      const reopened = await caseOf(id);
      expect(reopened).toMatchObject({
        status: 'successful',
        case_open: true,
        flagged: true,
        flag_reasons: ['provider_disagrees'],
      });
      const confirmedAgain = await decide(alice, id, 'approve', 'CONTRADICTION_RESOLVED');
      // A fraud suspicion is on the case now: four eyes.
      expect(confirmedAgain.status).toBe(202);
    });

    it('rejects or sends back several cases at once, with a result per case', async () => {
      const a = await identification('REVIEW_PENDING');
      const b = await identification('FRAUD_SUSPICION_PENDING');
      const closed = await identification('SUCCESS');
      const res = await post(alice, '/admin/review-cases/bulk-decisions', {
        ids: [a.id, b.id, closed.id],
        action: 'reject',
        reason_code: 'DOCUMENT_NOT_ACCEPTABLE',
        justification: JUSTIFICATION,
      });
      expect(res.status).toBe(200);
      expect(
        res.body.results.map(
          (r: { id: string; ok: boolean; status?: number; result?: { outcome: string } }) => [
            r.id,
            r.ok,
            r.result?.outcome ?? r.status,
          ],
        ),
      ).toStrictEqual([
        [a.id, true, 'proposed'],
        [b.id, true, 'proposed'],
        [closed.id, false, 422],
      ]);
    });
  });

  describe('re-identification', () => {
    it('sending back for retry cancels and re-notifies the partner with the same url', async () => {
      const { id, path } = await identification('FRAUD_SUSPICION_PENDING');
      await ds().query(`UPDATE identifications SET provider_result = 'REVIEW_PENDING' WHERE id = $1`, [id]);
      const res = await decide(alice, id, 'retry', 'TECH_PHOTO');
      expect(res.status).toBe(200);
      expect(res.body.reidentification).toMatchObject({ mode: 'same_url', identification_id: id });
      const shown = await http(t.url, 'GET', path, { token: partner.token });
      expect(shown.body).toMatchObject({ status: 'canceled', failure_reason: null });
      const events = await outbox(id, 'IDENTIFICATION');
      expect(events.slice(-2).map((e) => e.payload.status)).toStrictEqual(['canceled', 'canceled']);
    });

    it('keeps the url of an aborted identification, and re-notifies', async () => {
      const { id } = await identification('ABORTED', 'TECH_LIGHTING');
      const policy = await get(alice, `/admin/identifications/${id}/reidentification`);
      expect(policy.body).toMatchObject({ policy: { mode: 'same_url' }, used: 0, limit: 3 });
      const res = await post(alice, `/admin/identifications/${id}/reidentify`, {});
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ mode: 'same_url', identification_id: id });
      expect(await audits('identification.reidentified', id)).toHaveLength(1);
    });

    it('blocks a permanent reason or a failed identification unless a second officer confirms a justified override', async () => {
      const { id } = await identification('ABORTED', 'DATA_APPLICATION_DATA');
      const refused = await post(alice, `/admin/identifications/${id}/reidentify`, {});
      expect(refused.status).toBe(400);
      expect(refused.body.errors[0].source.field).toBe('justification');
      const proposed = await post(alice, `/admin/identifications/${id}/reidentify`, {
        justification: JUSTIFICATION,
      });
      expect(proposed.status).toBe(202);
      expect((await post(alice, `/admin/review-proposals/${proposed.body.proposal_id}/confirm`)).status).toBe(
        403,
      );
      const confirmed = await post(bob, `/admin/review-proposals/${proposed.body.proposal_id}/confirm`);
      expect(confirmed.status).toBe(200);
      expect(confirmed.body.reidentification).toMatchObject({ mode: 'same_url', identification_id: id });
      const failed = await identification('FRAUD_SUSPICION_CONFIRMED');
      expect(
        (await get(alice, `/admin/identifications/${failed.id}/reidentification`)).body.policy,
      ).toMatchObject({
        mode: 'blocked',
        override_mode: 'new_identification',
      });
    });

    it('creates and requests a new, linked identification once the url expired', async () => {
      const { id, personId } = await identification('ABORTED', 'TECH_PHOTO');
      clock.advance(15 * 24 * 3600_000);
      await login();
      const res = await post(alice, `/admin/identifications/${id}/reidentify`, {});
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ mode: 'new_identification', status: 'pending' });
      expect(res.body.identification_id).not.toBe(id);
      const [row] = await ds().query(
        `SELECT person_id, previous_identification_id, language FROM identifications WHERE id = $1`,
        [res.body.identification_id],
      );
      expect(row).toEqual({ person_id: personId, previous_identification_id: id, language: 'DE' });
    });

    it('re-identifies a filtered list in bulk (all canceled with TECH_LIGHTING), with a result per item', async () => {
      const a = await identification('CANCELED', 'TECH_LIGHTING');
      const b = await identification('CANCELED', 'TECH_LIGHTING');
      await identification('CANCELED', 'TECH_PHOTO');
      const filter = encodeURIComponent(
        JSON.stringify({ status: 'canceled', failure_reason: 'TECH_LIGHTING', id: [a.id, b.id] }),
      );
      const listed = await get(alice, `/admin/identifications?filter=${filter}`);
      const ids = listed.body.map((i: { id: string }) => i.id).sort();
      expect(ids).toStrictEqual([a.id, b.id].sort());
      const res = await post(alice, '/admin/reidentifications/bulk', {
        ids: [...ids, `${'0'.repeat(32)}cidt`],
      });
      expect(res.status).toBe(200);
      expect(res.body.results.map((r: { ok: boolean; status?: number }) => r.ok || r.status)).toStrictEqual([
        true,
        true,
        404,
      ]);
      for (const id of ids) expect(await audits('identification.reidentified', id)).toHaveLength(1);
    });

    it('allows at most 3 per person in 24 hours, then 429 with Retry-After', async () => {
      const { id } = await identification('ABORTED', 'TECH_LIGHTING');
      for (let i = 0; i < 3; i++)
        expect((await post(alice, `/admin/identifications/${id}/reidentify`, {})).status).toBe(201);
      const limited = await post(alice, `/admin/identifications/${id}/reidentify`, {});
      expect(limited.status).toBe(429);
      expect(limited.body.errors[0].detail).toMatch(/at most 3/);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(23 * 3600);
      clock.advance(24 * 3600_000 + 1000);
      await login();
      expect((await post(alice, `/admin/identifications/${id}/reidentify`, {})).status).toBe(201);
    });
  });

  describe('the case page', () => {
    it('shows the person against the ID document, the timeline, notes and history; viewing it is audited', async () => {
      const { id, personId } = await identification('REVIEW_PENDING');
      expect(
        (
          await post(alice, `/admin/review-cases/${id}/notes`, {
            body: 'Asked the partner for a utility bill.',
          })
        ).status,
      ).toBe(201);
      const view = await caseOf(id);
      expect(view).toMatchObject({ id, person_id: personId, status: 'pending_successful', case_open: true });
      expect(view.person.first_name).toBe('Jane');
      expect(view.field_diff).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'first_name', document_value: 'JANE', status: 'MATCH' }),
        ]),
      );
      expect(view.notes).toEqual([
        expect.objectContaining({ body: 'Asked the partner for a utility bill.', author_id: alice.staff.id }),
      ]);
      const kinds = view.timeline.map((e: { kind: string }) => e.kind);
      expect(kinds).toEqual(
        expect.arrayContaining([
          'status_created',
          'status_transition',
          'provider_result',
          'provider_callback',
          'note',
          'audit',
        ]),
      );
      const times = view.timeline.map((e: { at: string }) => new Date(e.at).getTime());
      expect(times).toStrictEqual([...times].sort((a, b) => a - b));
      const raw = view.timeline.find((e: { kind: string }) => e.kind === 'provider_result');
      const payload = await get(alice, `/admin/provider-results/${raw.ref}`);
      expect(payload.body.payload.identificationprocess.result).toBe('REVIEW_PENDING');
      const viewed = await ds().query(
        `SELECT count(*)::int AS n FROM audit_events WHERE action = 'person.viewed' AND entity_id = $1 AND actor_id = $2`,
        [personId, alice.staff.id],
      );
      expect(viewed[0].n).toBeGreaterThanOrEqual(1);
    });
  });
});
