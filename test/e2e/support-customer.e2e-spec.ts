import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { FAILURE_CODES, FAILURE_GUIDANCE } from '#kyc/identifications';
import { FakeClock, http, PartnerFactory, PersonFactory, StaffFactory, type TestPartner } from '#kyc/testing';
import { insertIdentifications, type Step } from '../support/analytics-data.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type Session = Awaited<ReturnType<typeof StaffFactory.session>>;

const NOW = new Date('2026-11-27T10:00:00Z');
const VALID = new Date('2026-12-05T10:00:00Z');
const EXPIRED = new Date('2026-11-26T10:00:00Z');
const min = (n: number) => new Date(NOW.getTime() - n * 60_000);

describe('support desk: customer view, answer helper, notes, unmask, resend link, re-identification proposal', () => {
  let t: TestApp;
  let partner: TestPartner;
  let agent: Session;
  let officer: Session;
  let officer2: Session;
  let admin: Session;
  const clock = new FakeClock(NOW);
  const ds = () => t.app.get(DataSource);

  const get = (s: Session, path: string) => http(t.url, 'GET', path, { headers: s.headers });
  const post = (s: Session, path: string, body?: unknown) =>
    http(t.url, 'POST', path, { headers: s.headers, body });
  const customer = (s: Session, personId: string) => get(s, `/admin/support/customers/${personId}`);
  const audits = (action: string, entityId: string) =>
    ds().query<{ actor_id: string; role: string; diff: Record<string, unknown> }[]>(
      `SELECT actor_id, role, diff FROM audit_events WHERE action = $1 AND entity_id = $2 ORDER BY id`,
      [action, entityId],
    );
  const outbox = (entityId: string) =>
    ds().query<{ payload: Record<string, unknown> }[]>(
      `SELECT payload FROM domain_events WHERE entity_id = $1 AND event_type = 'IDENTIFICATION' ORDER BY id`,
      [entityId],
    );

  /** A person with one identification that went through `steps`, its url valid until `expires`. */
  async function customerWith(
    steps: Omit<Step, 'at'>[],
    expires: Date | null = VALID,
    language: 'DE' | 'EN' = 'DE',
  ) {
    const person = await PersonFactory.create(t, partner);
    const [id] = await insertIdentifications(ds(), [
      {
        partnerId: partner.partnerId,
        personId: person.id,
        language,
        createdAt: min(60),
        steps: steps.map((s, n) => ({ ...s, at: min(50 - n * 10) })),
      },
    ]);
    const url = `https://go.test.idnow.de/kyc/identifications/${id}/webapp`;
    await ds().query(
      `UPDATE identifications SET url = $2, url_expires_at = $3, reference = 'TST-' || upper(substr(md5($1), 1, 5)) WHERE id = $1`,
      [id, url, expires],
    );
    return { personId: person.id, id, url };
  }

  beforeAll(async () => {
    t = await startTestApp({
      env: { SANDBOX_TICK_MS: '0', EVIDENCE_TICK_MS: '0', WEBHOOK_TICK_MS: '0' },
      clock,
    });
    partner = await PartnerFactory.create(t);
    agent = await StaffFactory.session(t, 'support_agent');
    officer = await StaffFactory.session(t, 'compliance_officer');
    officer2 = await StaffFactory.session(t, 'compliance_officer');
    admin = await StaffFactory.session(t, 'admin');
  });
  afterAll(() => t.close());

  describe('masking', () => {
    it('shows every role the person masked, audits the view without personal data, and lets only officers unmask', async () => {
      const { personId } = await customerWith([{ to: 'pending' }]);
      for (const s of [agent, officer, admin]) {
        const res = await customer(s, personId);
        expect(res.status).toBe(200);
        expect(res.body.person).toMatchObject({
          id: personId,
          first_name: 'Jane',
          birth_date: '1992-**-**',
          mobile_number: '••••567',
          masked: true,
          address: { line_1: null, line_2: null, city: 'Berlin' },
        });
        expect(JSON.stringify(res.body)).not.toMatch(/1992-12-11|\+49301234567|Amrumerstrasse/);
      }
      const viewed = await audits('support.customer_viewed', personId);
      expect(viewed.map((a) => a.role)).toStrictEqual(['support_agent', 'compliance_officer', 'admin']);
      expect(JSON.stringify(viewed.map((a) => a.diff))).not.toMatch(/Jane|1992|Amrum|4930/);

      const reason = 'Customer disputes the birth date on file.';
      expect((await post(agent, `/admin/support/customers/${personId}/unmask`, { reason })).status).toBe(403);
      expect((await post(admin, `/admin/support/customers/${personId}/unmask`, { reason })).status).toBe(403);
      const short = await post(officer, `/admin/support/customers/${personId}/unmask`, { reason: 'why' });
      expect(short.status).toBe(400);
      expect(short.body.errors[0].source.field).toBe('reason');
      const full = await post(officer, `/admin/support/customers/${personId}/unmask`, { reason });
      expect(full.status).toBe(200);
      expect(full.body).toMatchObject({
        id: personId,
        birth_date: '1992-12-11',
        mobile_number: '+49301234567',
        address: { line_1: 'Amrumerstrasse', line_2: '14' },
        masked: false,
      });
      const unmasked = await audits('person.unmasked', personId);
      expect(unmasked).toStrictEqual([
        { actor_id: officer.staff.id, role: 'compliance_officer', diff: { reason, via: 'support' } },
      ]);
    });

    it('answers 404 for an unknown person and 400 for a malformed id, in the Solaris shape', async () => {
      const unknown = await customer(agent, `${'0'.repeat(32)}cper`);
      expect(unknown.status).toBe(404);
      expect(unknown.body.errors[0].code).toBe('model_not_found');
      const bad = await customer(agent, 'not-an-id');
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].source.field).toBe('person_id');
    });
  });

  describe('headline and retry', () => {
    it('pending with a valid link: the customer can go on now, on the same link', async () => {
      const c = await customerWith([{ to: 'pending' }]);
      const { body } = await customer(agent, c.personId);
      expect(body.customer_language).toBe('de');
      expect(body.headline).toStrictEqual({
        status: 'pending',
        text: {
          en: 'Your video identification has been started but not completed yet.',
          de: 'Ihre Videoidentifizierung wurde gestartet, aber noch nicht abgeschlossen.',
        },
        can_retry_now: true,
        retry: { how: 'same_link', url: c.url, url_expires_at: VALID.toISOString() },
        next_step: {
          en: 'Please open your link and complete the video call. You can use your existing link until 5 December 2026.',
          de: 'Bitte öffnen Sie Ihren Link und schließen Sie den Videoanruf ab. Ihr bisheriger Link ist bis zum 5. Dezember 2026 gültig.',
        },
      });
    });

    it('aborted for TECH_LIGHTING: the reason and next step from the customer guidance, retry on the same link', async () => {
      const c = await customerWith([{ to: 'pending' }, { to: 'aborted', reason: 'TECH_LIGHTING' }]);
      const { body } = await customer(agent, c.personId);
      const g = FAILURE_GUIDANCE.TECH_LIGHTING.customer;
      expect(body.headline).toMatchObject({
        status: 'aborted',
        can_retry_now: true,
        retry: { how: 'same_link', url: c.url },
        text: { de: `Ihre Videoidentifizierung wurde unterbrochen. ${g.de.whatHappened}` },
      });
      expect(body.headline.next_step.en).toContain(g.en.nextStep);
      expect(body.identifications).toHaveLength(1);
      expect(body.identifications[0]).toMatchObject({
        id: c.id,
        status: 'aborted',
        url_valid: true,
        reason: {
          code: 'TECH_LIGHTING',
          what_happened: { en: g.en.whatHappened, de: g.de.whatHappened },
          next_step: { en: g.en.nextStep, de: g.de.nextStep },
        },
      });
      expect(body.identifications[0].events.map((e: { text: { en: string } }) => e.text.en)).toStrictEqual([
        'Identification set up',
        'Link issued, video call outstanding',
        'Video call interrupted',
      ]);
    });

    it('canceled with an expired url: a new link is needed, none to copy', async () => {
      const c = await customerWith(
        [{ to: 'pending' }, { to: 'canceled', reason: 'TECH_PHOTO' }],
        EXPIRED,
        'EN',
      );
      const { body } = await customer(agent, c.personId);
      expect(body.customer_language).toBe('en');
      expect(body.headline).toMatchObject({
        status: 'canceled',
        can_retry_now: false,
        retry: { how: 'new_link', url: null },
      });
      expect(body.headline.next_step.en).toContain('We will send you a new link');
      expect(body.identifications[0].url_valid).toBe(false);
    });

    it('failed: the generic wording only, no reason anywhere, whatever the code', async () => {
      const code = 'TECH_PHOTO';
      const c = await customerWith([
        { to: 'pending' },
        { to: 'pending_failed' },
        { to: 'failed', reason: code },
      ]);
      const res = await customer(agent, c.personId);
      expect(res.body.headline).toMatchObject({
        status: 'failed',
        text: { en: 'Unfortunately, your video identification was not successful.' },
        can_retry_now: false,
        retry: { how: 'none', url: null },
      });
      expect(res.body.identifications[0].reason).toBeNull();
      const all = JSON.stringify(res.body);
      const g = FAILURE_GUIDANCE[code];
      for (const s of [
        code,
        FAILURE_CODES.find((f) => f.code === code)!.description,
        g.customer.en.whatHappened,
        g.customer.de.whatHappened,
      ])
        expect(all).not.toContain(s);
      expect(all).not.toMatch(/fraud|betrug/i);
    });

    it('successful: nothing more to do', async () => {
      const c = await customerWith([{ to: 'pending' }, { to: 'successful' }]);
      const { body } = await customer(agent, c.personId);
      expect(body.headline).toMatchObject({
        status: 'successful',
        can_retry_now: false,
        retry: { how: 'none', url: null },
        next_step: { en: 'There is nothing more you need to do.' },
      });
    });
  });

  describe('answer helper', () => {
    it('writes the German answer for a canceled TECH_LIGHTING case, and the English one on request', async () => {
      const c = await customerWith([
        { to: 'pending' },
        { to: 'pending_successful' },
        { to: 'canceled', reason: 'TECH_LIGHTING' },
      ]);
      const de = await get(agent, `/admin/support/customers/${c.personId}/answer?language=de`);
      expect(de.status).toBe(200);
      const g = FAILURE_GUIDANCE.TECH_LIGHTING.customer;
      expect(de.body.language).toBe('de');
      expect(de.body.subject).toBe('Ihre Videoidentifizierung');
      expect(de.body.body).toMatch(/^Sehr geehrte Frau Doe /);
      for (const s of [g.de.whatHappened, g.de.nextStep, c.url, 'Mit freundlichen Grüßen'])
        expect(de.body.body).toContain(s);
      expect(de.body.body).not.toMatch(/TECH_LIGHTING|1992-12-11|Amrumerstrasse|\+49301234567/);
      // Without a language: the customer's (the identification's, DE).
      expect((await get(agent, `/admin/support/customers/${c.personId}/answer`)).body).toStrictEqual(de.body);
      const en = await get(
        agent,
        `/admin/support/customers/${c.personId}/answer?language=en&identification_id=${c.id}`,
      );
      expect(en.body.body).toContain(g.en.whatHappened);
      expect(en.body.body).toMatch(/^Dear Ms Doe /);
      const bad = await get(agent, `/admin/support/customers/${c.personId}/answer?language=fr`);
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].source.field).toBe('language');
      const other = await customerWith([{ to: 'pending' }]);
      expect(
        (await get(agent, `/admin/support/customers/${c.personId}/answer?identification_id=${other.id}`))
          .status,
      ).toBe(404);
    });

    it('answers a failed case generically in both languages', async () => {
      const c = await customerWith([
        { to: 'pending' },
        { to: 'pending_failed' },
        { to: 'failed', reason: 'USER_WRONG_PERSON' },
      ]);
      for (const language of ['de', 'en']) {
        const { body } = await get(
          agent,
          `/admin/support/customers/${c.personId}/answer?language=${language}`,
        );
        const g = FAILURE_GUIDANCE.USER_WRONG_PERSON;
        for (const s of [
          'USER_WRONG_PERSON',
          g.customer.en.whatHappened,
          g.customer.de.whatHappened,
          g.staff.de.whatHappened,
        ])
          expect(body.body).not.toContain(s);
        expect(body.body).not.toMatch(/fraud|betrug/i);
        expect(body.body).toContain(
          language === 'de'
            ? 'Leider war Ihre Videoidentifizierung nicht erfolgreich.'
            : 'Unfortunately, your video identification was not successful.',
        );
      }
    });
  });

  describe('notes', () => {
    it('adds a note (201), lists it, audits it without the body, and the table refuses changes', async () => {
      const { personId } = await customerWith([{ to: 'pending' }]);
      const body = 'Customer called: camera broken, will retry tomorrow.';
      const res = await post(agent, `/admin/support/customers/${personId}/notes`, { body });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ id: expect.any(String), body, author_name: expect.any(String) });
      const view = await customer(officer, personId);
      expect(view.body.notes).toStrictEqual([
        { id: res.body.id, author_name: res.body.author_name, body, created_at: NOW.toISOString() },
      ]);
      const [audit] = await audits('support.note_added', personId);
      expect(audit.actor_id).toBe(agent.staff.id);
      expect(JSON.stringify(audit.diff)).not.toContain('camera');
      await expect(
        ds().query(`UPDATE support_notes SET body = 'changed' WHERE id = $1`, [res.body.id]),
      ).rejects.toThrow();
      await expect(ds().query(`DELETE FROM support_notes WHERE id = $1`, [res.body.id])).rejects.toThrow();
      const [row] = await ds().query<{ body: string }[]>(`SELECT body FROM support_notes WHERE id = $1`, [
        res.body.id,
      ]);
      expect(row.body).toBe(body);
      for (const bad of [{ body: '' }, { body: 'x'.repeat(2001) }, {}, { body: 'ok', extra: 1 }]) {
        const r = await post(agent, `/admin/support/customers/${personId}/notes`, bad);
        expect(r.status).toBe(400);
      }
      const [{ n }] = await ds().query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM support_notes WHERE person_id = $1`,
        [personId],
      );
      expect(n).toBe(1);
    });
  });

  describe('resend link', () => {
    it('sends the partner the identification webhook again while the link is valid (202), 409 when expired or final', async () => {
      const c = await customerWith([{ to: 'pending' }, { to: 'aborted', reason: 'TECH_VIDEO' }]);
      const before = (await outbox(c.id)).length;
      const res = await post(agent, `/admin/support/identifications/${c.id}/resend-link`);
      expect(res.status).toBe(202);
      const after = await outbox(c.id);
      expect(after).toHaveLength(before + 1);
      expect(after.at(-1)!.payload).toMatchObject({
        id: c.id,
        status: 'aborted',
        url: c.url,
        person_id: c.personId,
      });
      const [ev] = await ds().query<{ kind: string; actor_id: string }[]>(
        `SELECT kind, actor_id FROM identification_events WHERE identification_id = $1 ORDER BY id DESC LIMIT 1`,
        [c.id],
      );
      expect(ev).toStrictEqual({ kind: 'link_resent', actor_id: agent.staff.id });
      expect(await audits('support.link_resent', c.id)).toHaveLength(1);
      const view = await customer(agent, c.personId);
      expect(view.body.identifications[0].events.at(-1).text.en).toBe('Link sent again');

      const expired = await customerWith(
        [{ to: 'pending' }, { to: 'canceled', reason: 'TECH_PHOTO' }],
        EXPIRED,
      );
      const refused = await post(agent, `/admin/support/identifications/${expired.id}/resend-link`);
      expect(refused.status).toBe(409);
      expect(refused.body.errors[0].detail).toContain('propose a re-identification');
      const final = await customerWith([{ to: 'pending' }, { to: 'successful' }]);
      expect((await post(agent, `/admin/support/identifications/${final.id}/resend-link`)).status).toBe(409);
      expect(await outbox(expired.id)).toHaveLength(0);
      expect((await post(agent, `/admin/support/identifications/nope/resend-link`)).status).toBe(400);
      expect(
        (await post(agent, `/admin/support/identifications/${'0'.repeat(32)}cidt/resend-link`)).status,
      ).toBe(404);
    });
  });

  describe('re-identification proposal', () => {
    const justification = 'Customer had a broken camera and now has a new phone.';

    it('lands in the review queue, an officer confirms it, the agent cannot; a second one answers 409', async () => {
      const c = await customerWith([{ to: 'pending' }, { to: 'aborted', reason: 'TECH_LIGHTING' }]);
      const proposed = await post(agent, `/admin/support/identifications/${c.id}/reidentification-proposal`, {
        justification,
      });
      expect(proposed.status).toBe(201);
      expect(proposed.body).toMatchObject({
        identification_id: c.id,
        action: 'reidentify',
        reason_code: 'SUPPORT_REQUEST',
        state: 'pending',
        proposed_by: agent.staff.id,
        policy: { mode: 'same_url' },
      });
      const again = await post(agent, `/admin/support/identifications/${c.id}/reidentification-proposal`, {
        justification,
      });
      expect(again.status).toBe(409);
      expect(again.body.errors[0].code).toBeDefined();
      const [audit] = await audits('support.reidentification_proposed', c.id);
      expect(audit.actor_id).toBe(agent.staff.id);
      expect(JSON.stringify(audit.diff)).not.toContain('camera');

      const filter = encodeURIComponent(JSON.stringify({ state: 'pending' }));
      const queue = await get(officer, `/admin/review-proposals?filter=${filter}&range=[0,999]`);
      expect(queue.status).toBe(200);
      expect(queue.body.find((p: { id: string }) => p.id === proposed.body.id)).toMatchObject({
        identification_id: c.id,
        action: 'reidentify',
        proposed_by: agent.staff.id,
        state: 'pending',
      });
      expect((await customer(agent, c.personId)).body.pending_proposals).toMatchObject([
        { id: proposed.body.id, identification_id: c.id, action: 'reidentify' },
      ]);

      // The agent cannot decide: the review routes deny support agents.
      expect((await post(agent, `/admin/review-proposals/${proposed.body.id}/confirm`)).status).toBe(403);
      const before = (await outbox(c.id)).length;
      const confirmed = await post(officer, `/admin/review-proposals/${proposed.body.id}/confirm`);
      expect(confirmed.status).toBe(200);
      expect(confirmed.body.reidentification).toMatchObject({
        mode: 'same_url',
        identification_id: c.id,
        url: c.url,
      });
      expect(await outbox(c.id)).toHaveLength(before + 1);
      const [row] = await ds().query<{ requested_by: string; override_by: string }[]>(
        `SELECT requested_by, override_by FROM reidentifications WHERE from_identification_id = $1`,
        [c.id],
      );
      expect(row).toStrictEqual({ requested_by: agent.staff.id, override_by: officer.staff.id });
      const [done] = await audits('identification.reidentified', c.id);
      expect(done).toMatchObject({
        actor_id: officer.staff.id,
        role: 'compliance_officer',
        diff: { requested_by: agent.staff.id },
      });
      const state = await get(
        officer,
        `/admin/review-proposals?filter=${encodeURIComponent(JSON.stringify({ state: 'confirmed' }))}&range=[0,999]`,
      );
      expect(state.body.find((p: { id: string }) => p.id === proposed.body.id)).toMatchObject({
        resolved_by: officer.staff.id,
      });
      expect((await customer(agent, c.personId)).body.pending_proposals).toStrictEqual([]);
    });

    it('with an expired url, the confirmed proposal creates a new linked identification (no open case needed)', async () => {
      const c = await customerWith([{ to: 'pending' }, { to: 'canceled', reason: 'TECH_PHOTO' }], EXPIRED);
      const proposed = await post(agent, `/admin/support/identifications/${c.id}/reidentification-proposal`, {
        justification,
      });
      expect(proposed.status).toBe(201);
      expect(proposed.body.policy.mode).toBe('new_identification');
      const confirmed = await post(officer2, `/admin/review-proposals/${proposed.body.id}/confirm`);
      expect(confirmed.status).toBe(200);
      expect(confirmed.body.reidentification).toMatchObject({
        mode: 'new_identification',
        status: 'pending',
      });
      const next = confirmed.body.reidentification.identification_id as string;
      const [linked] = await ds().query<{ previous_identification_id: string }[]>(
        `SELECT previous_identification_id FROM identifications WHERE id = $1`,
        [next],
      );
      expect(linked.previous_identification_id).toBe(c.id);
      const view = await customer(agent, c.personId);
      expect(view.body.identifications.map((i: { id: string }) => i.id)).toStrictEqual([next, c.id]);
      expect(view.body.headline).toMatchObject({
        status: 'pending',
        can_retry_now: true,
        retry: { how: 'same_link' },
      });
    });

    it('is for support agents only, and refuses identifications that cannot be re-identified', async () => {
      const c = await customerWith([{ to: 'pending' }, { to: 'aborted', reason: 'TECH_AUDIO' }]);
      const path = `/admin/support/identifications/${c.id}/reidentification-proposal`;
      expect((await post(officer, path, { justification })).status).toBe(403);
      expect((await post(admin, path, { justification })).status).toBe(403);
      expect((await post(agent, path, { justification: 'short' })).status).toBe(400);
      const ok = await customerWith([{ to: 'pending' }, { to: 'successful' }]);
      const refused = await post(agent, `/admin/support/identifications/${ok.id}/reidentification-proposal`, {
        justification,
      });
      expect(refused.status).toBe(422);
      const [{ n }] = await ds().query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM review_proposals WHERE identification_id = ANY($1::char(36)[])`,
        [[c.id, ok.id]],
      );
      expect(n).toBe(0);
    });
  });
});
