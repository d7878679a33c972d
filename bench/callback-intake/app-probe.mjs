// Diagnostic preload for bench/callback-intake --probe: loaded into the app with `node --import`, it
// changes nothing the app does and only measures, inside the app's process:
//   - the event loop's delay (how long a ready callback, e.g. an incoming POST, waits to run);
//   - how long each pooled-connection checkout waits (pg Pool#connect);
//   - each query's round trip (call -> result), by statement;
//   - per transaction: wall time from BEGIN to COMMIT, and how much of it was query round trips (the
//     rest is the app working, or waiting for its event loop, while the transaction stays open).
// On SIGUSR2 it writes what it measured since the previous SIGUSR2 to $BENCH_PROBE_FILE and starts over.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createHistogram, monitorEventLoopDelay } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const pg = require('pg');
const file = process.env.BENCH_PROBE_FILE;

let loop;
let checkout;
let txWall;
let txQueries;
let txOther;
let byStatement;
let seq = 0;
function reset() {
  loop?.disable();
  loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  checkout = createHistogram();
  txWall = createHistogram();
  txQueries = createHistogram();
  txOther = createHistogram();
  byStatement = new Map();
}
reset();

const us = (ms) => Math.max(1, Math.round(ms * 1000));
const summary = (h) =>
  h.count
    ? {
        count: h.count,
        mean_ms: Math.round(h.mean) / 1000,
        p50_ms: h.percentile(50) / 1000,
        p99_ms: h.percentile(99) / 1000,
        max_ms: h.max / 1000,
      }
    : { count: 0 };
const statementOf = (sql) => sql.replace(/\s+/g, ' ').trim().slice(0, 48);

const originalQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function probedQuery(config, values, callback) {
  const sql = typeof config === 'string' ? config : config?.text;
  if (typeof sql !== 'string' || typeof callback === 'function' || typeof values === 'function') {
    return originalQuery.call(this, config, values, callback);
  }
  const start = performance.now();
  const result = originalQuery.call(this, config, values);
  const done = () => {
    const end = performance.now();
    const ms = end - start;
    const key = statementOf(sql);
    let h = byStatement.get(key);
    if (!h && byStatement.size < 40) byStatement.set(key, (h = createHistogram()));
    h?.record(us(ms));
    const head = sql.trimStart().slice(0, 17).toUpperCase();
    if (head.startsWith('START TRANSACTION') || head.startsWith('BEGIN')) {
      this.__probeTx = { start, queries: ms };
    } else if (this.__probeTx) {
      this.__probeTx.queries += ms;
      if (head.startsWith('COMMIT') || head.startsWith('ROLLBACK')) {
        const tx = this.__probeTx;
        this.__probeTx = null;
        txWall.record(us(end - tx.start));
        txQueries.record(us(tx.queries));
        txOther.record(us(end - tx.start - tx.queries));
      }
    }
  };
  result?.then?.(done, done);
  return result;
};

const originalConnect = pg.Pool.prototype.connect;
pg.Pool.prototype.connect = function probedConnect(callback) {
  const start = performance.now();
  if (typeof callback === 'function') {
    return originalConnect.call(this, (err, client, release) => {
      checkout.record(us(performance.now() - start));
      callback(err, client, release);
    });
  }
  return originalConnect.call(this).then((client) => {
    checkout.record(us(performance.now() - start));
    return client;
  });
};

process.on('SIGUSR2', () => {
  if (!file) return;
  const statements = Object.fromEntries(
    [...byStatement]
      .sort((a, b) => b[1].count * b[1].mean - a[1].count * a[1].mean)
      .map(([k, h]) => [k, summary(h)]),
  );
  writeFileSync(
    file,
    JSON.stringify({
      seq: ++seq,
      event_loop_delay_ms: {
        mean: Math.round(loop.mean / 1e3) / 1e3,
        p50: loop.percentile(50) / 1e6,
        p99: loop.percentile(99) / 1e6,
        max: loop.max / 1e6,
      },
      pool_checkout_wait: summary(checkout),
      transaction_wall: summary(txWall),
      transaction_in_queries: summary(txQueries),
      transaction_outside_queries: summary(txOther),
      query_round_trip_by_statement: statements,
    }),
  );
  reset();
});
