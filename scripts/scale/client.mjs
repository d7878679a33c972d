// The load's HTTP client: requests go to a client's home api, or to the next one up while it is down
// (as a load balancer would route); connection errors, timeouts, 503, 429 (after Retry-After) and, for
// writes carrying an Idempotency-Key, 409 are retried with the same key. Every attempt is counted.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

const MAX_TRY_MS = 120_000;
const TIMEOUT_MS = 30_000;

export function apiPool(bases) {
  const apis = bases.map((base, i) => ({ i, base, up: true, answered: 0, byStatus: {}, probing: false }));
  const probe = async (api) => {
    if (api.probing) return;
    api.probing = true;
    while (!api.up) {
      await sleep(500);
      try {
        const res = await fetch(`${api.base}/health`, { signal: AbortSignal.timeout(10_000) });
        if (res.status === 200) api.up = true;
      } catch {
        // still down
      }
    }
    api.probing = false;
  };
  return {
    apis,
    pick(home) {
      for (let k = 0; k < apis.length; k++)
        if (apis[(home + k) % apis.length].up) return apis[(home + k) % apis.length];
      return apis[home % apis.length];
    },
    markDown(api) {
      api.up = false;
      void probe(api);
    },
  };
}

/** Totals of one run: operations, attempts, retries by cause, failures (kept with their details). */
export function newStats() {
  return {
    ops: {},
    retries: {},
    connectionErrors: [],
    timeouts: [],
    failures: [],
    retriedOk: 0,
    retriedFailed: 0,
  };
}

const RETRY_STATUSES = new Set([429, 503]);

function connectionCode(err) {
  if (err?.name === 'TimeoutError') return 'TIMEOUT';
  return err?.cause?.code ?? err?.code ?? err?.name ?? 'ERROR';
}

/**
 * One logical request. `ok(status, body)` says whether the answer is the one expected (default 2xx);
 * `idempotent` adds an Idempotency-Key kept across retries; `verify()` decides, after a retry answered
 * something else, whether the first attempt had in fact done the work (for a PATCH without a key).
 */
export async function call(pool, stats, home, op, opts) {
  const { method = 'GET', path, body, headers = {}, idempotent = false, verify } = opts;
  const ok = opts.ok ?? ((s) => s >= 200 && s < 300);
  const key = idempotent ? randomUUID() : undefined;
  const started = Date.now();
  const entry = (stats.ops[op] ??= { count: 0, attempts: 0, ok: 0, failed: 0, retried: 0, ms: [] });
  entry.count++;
  let tries = 0;
  let retried = false;
  for (;;) {
    tries++;
    entry.attempts++;
    const api = pool.pick(home);
    const h = { ...headers };
    if (body !== undefined) h['content-type'] = 'application/json';
    if (key) h['idempotency-key'] = key;
    let why;
    const t0 = performance.now();
    try {
      const res = await fetch(`${api.base}${path}`, {
        method,
        headers: h,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      const text = await res.text();
      entry.ms.push(performance.now() - t0);
      api.answered++;
      api.byStatus[res.status] = (api.byStatus[res.status] ?? 0) + 1;
      const parsed = text ? safeJson(text) : null;
      if (ok(res.status, parsed))
        return done(entry, stats, retried, { status: res.status, body: parsed, res });
      const retryable = RETRY_STATUSES.has(res.status) || (res.status === 409 && key);
      if (retryable) {
        why = String(res.status);
        const after = Number(res.headers.get('retry-after'));
        await sleep(res.status === 429 && after > 0 ? after * 1000 : 200 * Math.min(tries, 10));
      } else if (retried && verify && (await verify())) {
        return done(entry, stats, retried, { status: res.status, body: parsed, res, verified: true });
      } else {
        return fail(entry, stats, retried, {
          op,
          method,
          path,
          status: res.status,
          body: parsed,
          api: api.i,
        });
      }
    } catch (err) {
      why = connectionCode(err);
      const error = { op, api: api.i, at: Date.now(), code: why, key: Boolean(key) };
      if (why === 'TIMEOUT') stats.timeouts.push(error);
      else {
        stats.connectionErrors.push(error);
        pool.markDown(api);
      }
      await sleep(100);
    }
    retried = true;
    stats.retries[why] = (stats.retries[why] ?? 0) + 1;
    if (Date.now() - started > MAX_TRY_MS) {
      return fail(entry, stats, retried, { op, method, path, status: null, error: why, api: null });
    }
  }
}

function done(entry, stats, retried, result) {
  entry.ok++;
  if (retried) {
    entry.retried++;
    stats.retriedOk++;
  }
  return result;
}

function fail(entry, stats, retried, failure) {
  entry.failed++;
  if (retried) stats.retriedFailed++;
  if (stats.failures.length < 50) stats.failures.push({ ...failure, at: new Date().toISOString() });
  return { status: failure.status ?? 0, body: failure.body ?? null, failed: true };
}

/** Per operation: counts and latency percentiles (ms) of the answered attempts. */
export function opSummary(stats) {
  const pct = (xs, p) =>
    xs.length ? Math.round(xs[Math.min(xs.length - 1, Math.floor(p * xs.length))]) : null;
  return Object.fromEntries(
    Object.entries(stats.ops).map(([op, { ms, ...counts }]) => {
      const xs = [...ms].sort((a, b) => a - b);
      return [
        op,
        { ...counts, p50_ms: pct(xs, 0.5), p95_ms: pct(xs, 0.95), p99_ms: pct(xs, 0.99), max_ms: pct(xs, 1) },
      ];
    }),
  );
}

function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return text.slice(0, 200);
  }
}
