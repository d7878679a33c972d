// The mixed load: partner clients create persons and request identifications named after the sandbox's
// test scenarios (X-AUTOTEST-<CASE>, played by the sandbox without a user), poll them, and read persons;
// two compliance officers decide the review cases through the admin API (four eyes where needed).
import { setTimeout as sleep } from 'node:timers/promises';
import { letters as lowerLetters } from '../../bench/lib/harness.mjs';
import { call } from './client.mjs';

/**
 * Each scenario's final status once played out and reviewed (README, "Sandbox scenarios"), and what an
 * officer decides when the case reaches the review queue first: the same outcome as the provider's.
 * LONGREVIEW's provider review takes 24 h (sandbox time): within the run only the officer ends it.
 */
export const SCENARIOS = {
  HAPPYPATH: { final: 'successful' },
  CHANGEALL: { final: 'successful' },
  CHANGEALLREVIEW: { final: 'successful', decision: ['approve', 'PROVIDER_REVIEW_CONFIRMED'] },
  ABORTIDENT: { final: 'aborted' },
  FRAUDOK: { final: 'successful', decision: ['approve', 'FRAUD_SUSPICION_CLEARED'] },
  CANCELED: { final: 'canceled', decision: ['retry', null] },
  LONGREVIEW: { final: 'successful', decision: ['approve', 'PROVIDER_REVIEW_CONFIRMED'] },
  HOLDCERTIFICATE: { final: 'successful' },
  FRAUDIDENT: { final: 'failed', decision: ['reject', 'FRAUD_CONFIRMED'] },
  FRAUDREVIEW: { final: 'failed', decision: ['reject', 'IDENTITY_MISMATCH'] },
};
const NAMES = Object.keys(SCENARIOS);
const FINAL = new Set(['successful', 'failed', 'aborted', 'canceled', 'expired']);
const JUSTIFICATION = 'Scale test: decided as the sandbox scenario prescribes, after checking the case.';

/** Everything the load made, for the checks: identification id -> scenario, person ids, decisions. */
export function newLedger() {
  return {
    identifications: new Map(),
    persons: 0,
    decisions: { decided: 0, proposed: 0, confirmed: 0, raced: 0 },
  };
}

/**
 * One partner client until `until`: person, identification, request, then a read of each; the
 * identification joins the poller's watch list.
 */
export async function partnerClient(ctx, home, until) {
  const { pool, stats, ledger, token } = ctx;
  const auth = { authorization: `Bearer ${token}` };
  let n = 0;
  while (Date.now() < until) {
    const scenario = NAMES[(home * 7 + n++) % NAMES.length];
    const person = await call(pool, stats, home, 'POST /v1/persons', {
      method: 'POST',
      path: '/v1/persons',
      headers: auth,
      idempotent: true,
      body: {
        first_name: `X-AUTOTEST-${scenario}`,
        last_name: `Scale ${letters(home)} ${letters(n)}`,
        email: `s${home}x${n}@example.com`,
      },
    });
    if (person.failed) continue;
    ledger.persons++;
    const base = `/v1/persons/${person.body.id}/identifications`;
    const created = await call(pool, stats, home, 'POST identifications', {
      method: 'POST',
      path: base,
      headers: auth,
      idempotent: true,
      body: { method: 'idnow', language: 'EN' },
    });
    if (created.failed) continue;
    const id = created.body.id;
    ledger.identifications.set(id, { scenario, path: `${base}/${id}`, status: 'created', home });
    // No key on PATCH: a retry that finds the identification already requested verifies by reading it.
    const read = () =>
      call(pool, stats, home, 'GET identification', { path: `${base}/${id}`, headers: auth });
    await call(pool, stats, home, 'PATCH request', {
      method: 'PATCH',
      path: `${base}/${id}/request`,
      headers: auth,
      verify: async () => ['pending', ...FINAL].includes((await read()).body?.status),
    });
    await call(pool, stats, home, 'GET person', { path: `/v1/persons/${person.body.id}`, headers: auth });
  }
}

/** A number as capital letters (names allow no digits): 0 -> A, 27 -> BB. */
const letters = (n) => lowerLetters(n).toUpperCase();

/** Polls every watched identification that is not final, at most once per `everyMs`, until `until`. */
export async function poller(ctx, home, until, everyMs = 2000) {
  const { pool, stats, ledger, token } = ctx;
  while (Date.now() < until) {
    const started = Date.now();
    for (const [, idn] of ledger.identifications) {
      if (idn.home !== home || FINAL.has(idn.status) || Date.now() >= until) continue;
      const res = await call(pool, stats, home, 'GET identification', {
        path: idn.path,
        headers: { authorization: `Bearer ${token}` },
      });
      if (!res.failed) idn.status = res.body.status;
    }
    await sleep(Math.max(100, everyMs - (Date.now() - started)));
  }
}

/**
 * Officer `a` works the queue: lists the cases awaiting a decision, opens each of ours (the audited case page) and decides it
 * as its scenario prescribes; officer `b` confirms a proposal at once. A case the provider closed in the
 * meantime answers 409 or 422: counted as a race, not a failure. Works while `running()` answers true.
 */
export async function officers(ctx, a, b, running) {
  const { pool, stats, ledger } = ctx;
  const raceOk = (s) => (s >= 200 && s < 300) || s === 409 || s === 422;
  // Cases awaiting a decision only: the open queue also holds decided cases still flagged for a look
  // (data changed by the agent), which filled the first page and hid newer LONGREVIEW cases.
  const queuePage = (status, from) =>
    `/admin/review-cases?filter=${encodeURIComponent(JSON.stringify({ status }))}` +
    `&range=${encodeURIComponent(`[${from},${from + 49}]`)}`;
  while (running()) {
    const rows = [];
    for (const status of ['pending_successful', 'pending_failed']) {
      for (let from = 0; ; from += 50) {
        const res = await call(pool, stats, a.home, 'GET review-cases', {
          path: queuePage(status, from),
          headers: a.headers,
        });
        if (res.failed) break;
        rows.push(...res.body);
        if (res.body.length < 50) break;
      }
    }
    for (const row of rows) {
      if (!running()) break;
      const idn = ledger.identifications.get(row.id);
      const plan = idn && SCENARIOS[idn.scenario].decision;
      if (!plan || row.awaiting_approval || !['pending_successful', 'pending_failed'].includes(row.status))
        continue;
      const page = await call(pool, stats, a.home, 'GET review-case', {
        path: `/admin/review-cases/${row.id}`,
        headers: a.headers,
      });
      if (page.failed) continue;
      const [action, reason] = plan;
      const decided = await call(pool, stats, a.home, 'POST decision', {
        method: 'POST',
        path: `/admin/review-cases/${row.id}/decisions`,
        headers: a.writeHeaders,
        ok: raceOk,
        body: {
          action,
          reason_code: reason ?? ctx.retryReason,
          justification: JUSTIFICATION,
          version: page.body.version ?? row.version,
        },
      });
      if (decided.status === 200) ledger.decisions.decided++;
      else if (decided.status === 202) {
        ledger.decisions.proposed++;
        const confirmed = await call(pool, stats, b.home, 'POST confirm', {
          method: 'POST',
          path: `/admin/review-proposals/${decided.body.proposal.id}/confirm`,
          headers: b.writeHeaders,
          ok: raceOk,
        });
        if (confirmed.status === 200) ledger.decisions.confirmed++;
        else if (!confirmed.failed) ledger.decisions.raced++;
      } else if (!decided.failed) ledger.decisions.raced++;
    }
    await sleep(500);
  }
}
