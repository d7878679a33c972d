// The webhook receiver of the scale-out proof, and the checks made afterwards against the database.
import 'reflect-metadata';
import { once } from 'node:events';
import http from 'node:http';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Answers every POST 200 and keeps the webhook ids it received (verification pings answered only). */
export async function startReceiver() {
  const ids = new Set();
  let requests = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const h = req.headers;
      if (h['solaris-webhook-event-type'] !== 'WEBHOOK-SUBSCRIPTION' && h['solaris-webhook-id']) {
        requests++;
        ids.add(h['solaris-webhook-id']);
      }
      res.writeHead(200).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${server.address().port}/hook`,
    ids,
    requests: () => requests,
    async stop() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

/** Outbox rows not yet fanned out plus deliveries not yet received: what is still on its way. */
export async function undelivered(db, receiver) {
  const { rows } = await db.query(
    `SELECT (SELECT count(*)::int FROM domain_events e
              WHERE e.fanned_out_at IS NULL
                AND EXISTS (SELECT 1 FROM webhook_subscriptions s
                             WHERE s.partner_id = e.partner_id AND s.event_type = e.event_type AND s.deleted_at IS NULL)) AS unfanned,
            array(SELECT webhook_id::text FROM webhook_deliveries) AS webhook_ids`,
  );
  const missing = rows[0].webhook_ids.filter((id) => !receiver.ids.has(id)).length;
  return { unfanned: rows[0].unfanned, missing };
}

const FINAL = new Set(['successful', 'failed', 'aborted', 'canceled', 'expired']);

/** Identifications the load made that are final: the database's status for each. */
export async function statuses(db, ids) {
  const { rows } = await db.query(`SELECT id, status FROM identifications WHERE id = ANY($1)`, [ids]);
  return new Map(rows.map((r) => [r.id, r.status]));
}

export const isFinal = (s) => FINAL.has(s);

/** Every check: name, passed, what was found. */
export async function runChecks({ db, root, ledger, scenarios, stats, killWindows, receiver, subscribedAt }) {
  const checks = [];
  const add = (name, passed, found) => checks.push({ name, passed, found });

  // 1. Requests: none failed; every connection error hit a killed api while it was down, and was retried.
  const failed = Object.values(stats.ops).reduce((s, o) => s + o.failed, 0);
  const outside = stats.connectionErrors.filter(
    (e) =>
      !killWindows.some(
        (w) => w.kind === 'api' && w.index === e.api && e.at >= w.from - 1000 && e.at <= w.to + 1000,
      ),
  );
  add('no request failed', failed === 0, { failed, first_failures: stats.failures.slice(0, 5) });
  add('connection errors only on the killed api, while it was down', outside.length === 0, {
    connection_errors: stats.connectionErrors.length,
    outside_kill_window: outside.slice(0, 5),
  });
  add('no request timed out (30 s)', stats.timeouts.length === 0, {
    timeouts: stats.timeouts.length,
    first_timeouts: stats.timeouts.slice(0, 5),
  });
  add('every retried request succeeded (same Idempotency-Key on writes)', stats.retriedFailed === 0, {
    retried_ok: stats.retriedOk,
    retried_failed: stats.retriedFailed,
    retries_by_cause: stats.retries,
  });

  // 2. Retried writes made nothing twice: the throw-away database holds only what the load created.
  const {
    rows: [{ persons, identifications }],
  } = await db.query(
    `SELECT (SELECT count(*)::int FROM persons) AS persons, (SELECT count(*)::int FROM identifications) AS identifications`,
  );
  add(
    'retried writes created nothing twice',
    persons === ledger.persons && identifications === ledger.identifications.size,
    {
      persons_in_database: persons,
      persons_created: ledger.persons,
      identifications_in_database: identifications,
      identifications_created: ledger.identifications.size,
    },
  );

  // 3. Every identification reached its scenario's status.
  const ids = [...ledger.identifications.keys()];
  const now = await statuses(db, ids);
  const wrong = [];
  let notAsPrescribed = 0;
  const byScenario = {};
  for (const [id, idn] of ledger.identifications) {
    const expected = scenarios[idn.scenario].final;
    const got = now.get(id);
    const s = (byScenario[idn.scenario] ??= { count: 0, as_prescribed: 0 });
    s.count++;
    if (got === expected) s.as_prescribed++;
    else if (++notAsPrescribed <= 10) wrong.push({ id, scenario: idn.scenario, expected, got });
  }
  add(
    'every identification reached the status its scenario prescribes',
    notAsPrescribed === 0 && ids.length > 0,
    {
      identifications: ids.length,
      not_as_prescribed: notAsPrescribed,
      by_scenario: byScenario,
      wrong,
    },
  );

  // 4. Every event of a subscribed type since the subscriptions was delivered at least once.
  const { rows: ev } = await db.query(
    `SELECT e.id, e.event_type, array_remove(array_agg(d.webhook_id::text), NULL) AS webhook_ids
       FROM domain_events e LEFT JOIN webhook_deliveries d ON d.domain_event_id = e.id
      WHERE e.created_at >= $1 AND e.event_type IN ('IDENTIFICATION', 'PERSON_CHANGED')
      GROUP BY e.id, e.event_type`,
    [subscribedAt],
  );
  const notDelivered = ev.filter(
    (e) => e.webhook_ids.length === 0 || !e.webhook_ids.some((w) => receiver.ids.has(w)),
  );
  const byType = {};
  for (const e of ev) byType[e.event_type] = (byType[e.event_type] ?? 0) + 1;
  add('every outbox event was delivered at least once', notDelivered.length === 0 && ev.length > 0, {
    events: ev.length,
    by_type: byType,
    received_requests: receiver.requests(),
    distinct_webhook_ids_received: receiver.ids.size,
    not_delivered: notDelivered.slice(0, 10).map((e) => e.id),
  });

  // 5. No job slot ran twice; none was skipped between a job's first and last slot.
  const { rows: twice } = await db.query(
    `SELECT job, slot, count(*)::int AS n FROM job_runs WHERE trigger = 'schedule' GROUP BY job, slot HAVING count(*) > 1`,
  );
  const { rows: runs } = await db.query(
    `SELECT job, count(*)::int AS runs, count(DISTINCT runner)::int AS runners,
            count(*) FILTER (WHERE status = 'succeeded')::int AS succeeded,
            count(*) FILTER (WHERE status = 'interrupted')::int AS interrupted,
            count(*) FILTER (WHERE status = 'failed')::int AS failed,
            extract(epoch FROM max(slot) - min(slot))::int AS span_s
       FROM job_runs WHERE trigger = 'schedule' GROUP BY job ORDER BY job`,
  );
  const jobFailures = runs.filter((r) => r.failed > 0);
  add('no job slot ran twice (job_runs unique per job and slot)', twice.length === 0 && runs.length > 0, {
    twice,
    runs,
  });
  add('no scheduled job run failed', jobFailures.length === 0, { failed: jobFailures.map((r) => r.job) });

  // 6. The analytics rollup (every grain plus unfolded deltas) equals the raw events: the drift report's check.
  const mod = await import(
    pathToFileURL(resolve(root, 'dist/libs/failure-analytics/src/rollup/rollup-drift.js')).href
  );
  const ds = { query: async (sql, params) => (await db.query(sql, params)).rows };
  const drift = await new mod.RollupDriftCheck(ds).compare(new Date(Date.now() + 86_400_000), 10);
  add('analytics rollups equal the raw events', drift.mismatched_keys === 0, {
    range: [drift.from, drift.to],
    mismatched_keys: drift.mismatched_keys,
    by_metric: drift.by_metric,
    items: drift.items,
  });
  return checks;
}
