#!/usr/bin/env node
// bench/webhooks baseline: the least an outbox relay must do, as a bare loop. One `pg` client; per batch
// BEGIN, claim up to BATCH outbox rows with `FOR UPDATE SKIP LOCKED` (in id order), POST each row's
// payload to the receiver over a keep-alive node:http Agent with at most CONCURRENCY in flight, mark the
// batch done (`fanned_out_at`), COMMIT. No fan-out, no signature, no attempt log, no retry, no per-entity
// ordering. When nothing is pending it sleeps TICK_MS. Started by run.mjs with these settings in the
// environment: DATABASE_URL, RECEIVER_URL, BATCH, CONCURRENCY, TICK_MS. Any answer but 2xx stops it.
import http from 'node:http';
import { dirname, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// libs/common's mapLimit: at most CONCURRENCY sends of the batch in flight.
const { mapLimit } = await import(pathToFileURL(resolve(ROOT, 'dist/libs/common/src/concurrency.js')).href);

// (pg answers bigint ids as strings.)
const { DATABASE_URL, RECEIVER_URL } = process.env;
const BATCH = Number(process.env.BATCH);
const CONCURRENCY = Number(process.env.CONCURRENCY);
const TICK_MS = Number(process.env.TICK_MS);
const target = new URL(RECEIVER_URL);
const agent = new http.Agent({ keepAlive: true });

function post(row) {
  const body = Buffer.from(row.body, 'utf8');
  return new Promise((done, fail) => {
    const req = http.request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': String(body.length),
          'solaris-webhook-id': row.id,
          'solaris-entity-id': row.entity_id,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode >= 200 && res.statusCode < 300
            ? done()
            : fail(new Error(`receiver answered ${res.statusCode}`)),
        );
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}

const client = new pg.Client({ connectionString: DATABASE_URL, application_name: 'bench-baseline-relay' });
await client.connect();
let stopping = false;
process.once('SIGTERM', () => (stopping = true));
process.stderr.write('baseline relay ready\n');

while (!stopping) {
  await client.query('BEGIN');
  const { rows } = await client.query(
    `SELECT id, entity_id, payload::text AS body FROM domain_events
      WHERE fanned_out_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
    [BATCH],
  );
  if (rows.length) {
    await mapLimit(rows, CONCURRENCY, post);
    await client.query(`UPDATE domain_events SET fanned_out_at = now() WHERE id = ANY($1::bigint[])`, [
      rows.map((r) => r.id),
    ]);
  }
  await client.query('COMMIT');
  if (!rows.length) await sleep(TICK_MS);
}
await client.end();
agent.destroy();
