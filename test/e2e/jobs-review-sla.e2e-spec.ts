import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { JobRunner } from '#kyc/jobs';
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

const HOUR = 3_600_000;
const T0 = new Date('2026-11-27T08:00:00.000Z');
const ESCALATED = encodeURIComponent(JSON.stringify({ escalated: true }));

/**
 * The review SLA job (issue "Scheduled reconciliation", job 3) through the real runner: a case opened at
 * T0 is escalated at exactly T0 + 24 hours, not a second before; each escalation is audited; the queue's
 * `escalated` filter and the dashboard counters show it; a decided case drops out; running again changes
 * nothing.
 */
describe('scheduled jobs: review SLA', () => {
  let t: TestApp;
  let fake: FakeIdnow;
  let partner: TestPartner;
  let session: { at: number; s: Session } | undefined;
  const clock = new FakeClock(T0);
  const ds = () => t.app.get(DataSource);
  const runner = () => t.app.get(JobRunner);

  beforeAll(async () => {
    fake = await new FakeIdnow().start();
    t = await startTestApp({
      env: { IDNOW_BASE_URL: fake.url, SANDBOX_TICK_MS: '0', EVIDENCE_TICK_MS: '0', WEBHOOK_TICK_MS: '0' },
      clock,
    });
    partner = await PartnerFactory.create(t);
  });
  afterAll(() => t.close(() => fake.stop()));

  /** A requested identification the provider reports as REVIEW_PENDING: an open case from now. */
  async function openCase(): Promise<string> {
    const person = await PersonFactory.create(t, partner);
    const base = `/v1/persons/${person.id}/identifications`;
    const created = await http(t.url, 'POST', base, {
      token: partner.token,
      body: { method: 'idnow', language: 'DE' },
    });
    const id = created.body.id as string;
    expect((await http(t.url, 'PATCH', `${base}/${id}/request`, { token: partner.token })).status).toBe(200);
    const result = idnowResult(id, 'REVIEW_PENDING');
    fake.results.set(id, result);
    expect((await http(t.url, 'POST', '/providers/idnow/callback', { body: result })).status).toBe(200);
    await drainCallbacks(t.app);
    return id;
  }

  /** A compliance officer signed in at the clock's instant (a session idles out as the clock jumps a day). */
  const officer = async (): Promise<Session> => {
    if (session?.at !== clock.now().getTime()) {
      session = { at: clock.now().getTime(), s: await StaffFactory.session(t, 'compliance_officer') };
    }
    return session.s;
  };
  const get = async (path: string, s?: Session) =>
    http(t.url, 'GET', path, { headers: (s ?? (await officer())).headers });
  const escalatedIds = async () => {
    const res = await get(`/admin/review-cases?filter=${ESCALATED}`);
    expect(res.status).toBe(200);
    return (res.body as { id: string }[]).map((r) => r.id).sort();
  };
  const summary = async () => {
    const res = await get('/admin/review-cases/summary');
    expect(res.status).toBe(200);
    return res.body as { open: number; overdue: number; escalated: number };
  };
  const escalationAudits = () =>
    ds().query<{ entity_id: string; actor_type: string; actor_id: string; diff: Record<string, unknown> }[]>(
      `SELECT entity_id, actor_type, actor_id, diff FROM audit_events WHERE action = 'review_case.escalated'
        ORDER BY entity_id`,
    );

  it('escalates a case at exactly 24 hours, audited, shown by the filter and the counters', async () => {
    clock.set(T0);
    const first = await openCase();
    const second = await openCase();
    clock.set(new Date(T0.getTime() + 10_000));
    const later = await openCase();
    const before = await summary();
    expect(before).toMatchObject({ open: 3, overdue: 0, escalated: 0 });

    // One second before the 24 hours: nothing is due.
    const early = await runner().runSlot('review_sla', clock.set(new Date(T0.getTime() + 24 * HOUR - 1000)));
    expect(early).toMatchObject({ status: 'succeeded', processed: 0, failed: 0 });
    expect(await escalatedIds()).toEqual([]);

    // At exactly 24 hours the two cases opened at T0 are escalated; the one opened 10 s later is not.
    const slot = clock.set(new Date(T0.getTime() + 24 * HOUR));
    const run = await runner().runSlot('review_sla', slot);
    expect(run).toMatchObject({ status: 'succeeded', processed: 2, failed: 0 });
    expect(run!.summary).toMatchObject({ escalated: 2, cutoff: slot.toISOString() });
    expect(await escalatedIds()).toEqual([first, second].sort());

    const audits = await escalationAudits();
    expect(audits).toEqual(
      [first, second].sort().map((id) => ({
        entity_id: id,
        actor_type: 'system',
        actor_id: 'review_sla',
        diff: {
          case_opened_at: T0.toISOString(),
          case_due_at: slot.toISOString(),
          sla_hours: 24,
          job_run: run!.id,
        },
      })),
    );

    // The queue rows carry the escalation; the unfiltered queue shows all three, the opposite filter one.
    const all = await get('/admin/review-cases');
    const byId = new Map((all.body as { id: string; escalated_at: string | null }[]).map((r) => [r.id, r]));
    expect(byId.get(first)!.escalated_at).toBe(slot.toISOString());
    expect(byId.get(later)!.escalated_at).toBeNull();
    const notEscalated = await get(
      `/admin/review-cases?filter=${encodeURIComponent(JSON.stringify({ escalated: false }))}`,
    );
    expect((notEscalated.body as { id: string }[]).map((r) => r.id)).toEqual([later]);
    expect(await summary()).toMatchObject({ open: 3, overdue: 2, escalated: 2 });

    // The slot ran: no second run of it; another run at the same instant changes nothing.
    expect(await runner().runSlot('review_sla', slot)).toBeNull();
    const rerun = await runner().runSlot('review_sla', new Date(slot.getTime() + 1));
    expect(rerun).toMatchObject({ status: 'succeeded', processed: 0 });
    expect(await escalationAudits()).toHaveLength(2);
    const [{ at }] = await ds().query<{ at: Date }[]>(
      `SELECT case_escalated_at AS at FROM identifications WHERE id = $1`,
      [first],
    );
    expect(new Date(at).toISOString()).toBe(slot.toISOString());

    // The later case is escalated by the next slot after its own 24 hours.
    const next = await runner().runSlot('review_sla', clock.set(new Date(T0.getTime() + 24 * HOUR + 10_000)));
    expect(next).toMatchObject({ status: 'succeeded', processed: 1 });
    expect(await escalatedIds()).toEqual([first, second, later].sort());
  });

  it('drops a decided case from the escalated list and the counters', async () => {
    const id = (await escalatedIds())[0];
    const view = await get(`/admin/review-cases/${id}`);
    expect(view.body.escalated_at).toEqual(expect.any(String)); // the case page shows it too
    const decided = await http(t.url, 'POST', `/admin/review-cases/${id}/decisions`, {
      headers: (await officer()).headers,
      body: {
        action: 'approve',
        reason_code: 'PROVIDER_REVIEW_CONFIRMED',
        justification: 'Checked the report, the ID images and the face photo against the application.',
        version: view.body.version,
      },
    });
    expect(decided.status).toBe(200);
    expect(await escalatedIds()).not.toContain(id);
    expect(await summary()).toMatchObject({ open: 2, overdue: 2, escalated: 2 });
    // A decided case is not escalated again.
    const rerun = await runner().runSlot('review_sla', clock.advance(HOUR));
    expect(rerun).toMatchObject({ status: 'succeeded', processed: 0 });
  });

  it('refuses a bad escalated filter in the Solaris shape, and the counters to other roles', async () => {
    const bad = await get(
      `/admin/review-cases?filter=${encodeURIComponent(JSON.stringify({ escalated: 'yes' }))}`,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({
      code: 'validation_error',
      source: { field: 'filter.escalated' },
    });
    for (const role of ['admin', 'support_agent'] as const) {
      const s = await StaffFactory.session(t, role);
      expect((await get('/admin/review-cases/summary', s)).status).toBe(403);
    }
  });
});
