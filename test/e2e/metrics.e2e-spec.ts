import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { CallbackProcessor } from '#kyc/idnow';
import { JobRunner } from '#kyc/jobs';
import {
  FakeClock,
  FakeIdnow,
  http,
  idnowResult,
  PartnerFactory,
  PersonFactory,
  testLogFile,
  type TestPartner,
} from '#kyc/testing';
import { drainCallbacks } from '../support/callbacks.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const TOKEN = 'metrics-token-0123456789abcdef';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/**
 * A strict reader of the text format 0.0.4: every line is a comment (HELP/TYPE) or a sample, label
 * values are unescaped, and each sample's family was declared by a TYPE line before it.
 */
function parseExposition(text: string): { samples: Sample[]; types: Map<string, string> } {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  expect(text.endsWith('\n')).toBe(true);
  for (const line of text.slice(0, -1).split('\n')) {
    const type = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (type) {
      expect(types.has(type[1])).toBe(false);
      types.set(type[1], type[2]);
      continue;
    }
    if (/^# HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*$/.test(line)) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    let rest = m[2] ?? '';
    while (rest.length) {
      const l = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"(,|$)/.exec(rest);
      if (!l) throw new Error(`bad labels in: ${line}`);
      labels[l[1]] = l[2].replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
      rest = rest.slice(l[0].length);
    }
    const value = m[3] === '+Inf' ? Infinity : m[3] === '-Inf' ? -Infinity : Number(m[3]);
    expect(Number.isNaN(value) && m[3] !== 'NaN').toBe(false);
    const family = m[1].replace(/_(bucket|sum|count)$/, '');
    expect(types.has(m[1]) || types.get(family) === 'histogram').toBe(true);
    samples.push({ name: m[1], labels, value });
  }
  return { samples, types };
}

/** The value of the one sample with this name and these labels (undefined when absent). */
function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  const found = samples.filter(
    (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
  expect(found.length).toBeLessThanOrEqual(1);
  return found[0]?.value;
}

describe('GET /metrics', () => {
  let t: TestApp;
  let fake: FakeIdnow;
  let partner: TestPartner;
  const clock = new FakeClock(new Date('2026-11-27T08:00:00.000Z'));
  const ds = () => t.app.get(DataSource);
  const scrape = async () => {
    const res = await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    return parseExposition(await res.text()).samples;
  };

  /** A requested identification (its outbox row is written by the request). */
  async function requested(): Promise<{ id: string; path: string }> {
    const person = await PersonFactory.create(t, partner);
    const base = `/v1/persons/${person.id}/identifications`;
    const created = await http(t.url, 'POST', base, { token: partner.token, body: { method: 'idnow' } });
    const id = created.body.id as string;
    expect((await http(t.url, 'PATCH', `${base}/${id}/request`, { token: partner.token })).status).toBe(200);
    return { id, path: `${base}/${id}` };
  }

  beforeAll(async () => {
    fake = await new FakeIdnow().start();
    t = await startTestApp({
      clock,
      env: {
        METRICS_TOKEN: TOKEN,
        IDNOW_BASE_URL: fake.url,
        SANDBOX_TICK_MS: '0',
        EVIDENCE_TICK_MS: '0',
        WEBHOOK_TICK_MS: '0',
      },
    });
    partner = await PartnerFactory.create(t);
  }, 180_000);
  afterAll(() => t.close(() => fake.stop()));

  it('answers 404 in the Solaris shape when METRICS_TOKEN is not set', async () => {
    const off = await startTestApp({ env: { SANDBOX_TICK_MS: '0', WEBHOOK_TICK_MS: '0' } });
    try {
      const res = await http(off.url, 'GET', '/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.status).toBe(404);
      expect(res.body.errors[0]).toMatchObject({ status: 404, code: 'model_not_found' });
      expect(res.body.errors[0].detail).not.toContain(TOKEN);
    } finally {
      await off.close();
    }
  }, 180_000);

  it.each([
    ['no token', {}],
    ['a wrong token', { authorization: `Bearer ${TOKEN.slice(0, -1)}x` }],
    ['a longer token', { authorization: `Bearer ${TOKEN}x` }],
    ['the token without Bearer', { authorization: TOKEN }],
  ])('answers 401 in the Solaris shape with %s', async (_, headers: Record<string, string>) => {
    const res = await http(t.url, 'GET', '/metrics', { headers });
    expect(res.status).toBe(401);
    expect(res.body.errors[0]).toMatchObject({ status: 401, code: 'unauthorized' });
    expect(JSON.stringify(res.body)).not.toContain(TOKEN);
    expect(readFileSync(testLogFile(), 'utf8')).not.toContain(TOKEN);
  });

  it('serves the text format with process and pool metrics', async () => {
    const samples = await scrape();
    const start = valueOf(samples, 'process_start_time_seconds')!;
    expect(Math.abs(start - (Date.now() / 1000 - process.uptime()))).toBeLessThan(5);
    expect(valueOf(samples, 'process_resident_memory_bytes')).toBeGreaterThan(10_000_000);
    expect(valueOf(samples, 'db_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);
    expect(valueOf(samples, 'db_pool_connections', { state: 'idle' })).toBeGreaterThanOrEqual(0);
    expect(valueOf(samples, 'db_pool_waiting_requests')).toBe(0);
    expect(valueOf(samples, 'db_pool_max_connections')).toBe(t.env.DB_POOL_SIZE);
  });

  it('counts requests by route pattern and status, never by raw URL', async () => {
    const person = await PersonFactory.create(t, partner);
    const route = { method: 'GET', route: '/v1/persons/:id' };
    const before = await scrape();
    const ok = valueOf(before, 'http_requests_total', { ...route, status: '200' }) ?? 0;
    const missing = valueOf(before, 'http_requests_total', { ...route, status: '404' }) ?? 0;
    for (let i = 0; i < 3; i++) {
      const res = await http(t.url, 'GET', `/v1/persons/${person.id}?secret=${i}`, { token: partner.token });
      expect(res.status).toBe(200);
    }
    expect((await http(t.url, 'GET', '/v1/persons/nope', { token: partner.token })).status).toBe(404);
    expect((await http(t.url, 'GET', `/no/such/route/${person.id}`)).status).toBe(404);

    const after = await scrape();
    expect(valueOf(after, 'http_requests_total', { ...route, status: '200' })).toBe(ok + 3);
    expect(valueOf(after, 'http_requests_total', { ...route, status: '404' })).toBe(missing + 1);
    expect(
      valueOf(after, 'http_requests_total', { method: 'GET', route: 'unmatched', status: '404' }),
    ).toBeGreaterThanOrEqual(1);
    const count = valueOf(after, 'http_request_duration_seconds_count', route)!;
    expect(count).toBe((valueOf(before, 'http_request_duration_seconds_count', route) ?? 0) + 4);
    expect(valueOf(after, 'http_request_duration_seconds_bucket', { ...route, le: '+Inf' })).toBe(count);
    // No label anywhere carries an id or a query string.
    for (const s of after.filter((x) => x.name.startsWith('http_'))) {
      expect(JSON.stringify(s.labels)).not.toContain(person.id);
      expect(JSON.stringify(s.labels)).not.toContain('secret');
      expect(JSON.stringify(s.labels)).not.toContain('nope');
    }
  });

  it('shows the outbox depth and the age of its oldest event', async () => {
    const before = await scrape();
    const depth = valueOf(before, 'outbox_events_pending')!;
    await ds().query(`UPDATE domain_events SET fanned_out_at = now() WHERE fanned_out_at IS NULL`);
    expect(valueOf(await scrape(), 'outbox_events_pending')).toBe(0);
    expect(valueOf(await scrape(), 'outbox_oldest_event_age_seconds')).toBe(0);
    expect(depth).toBeGreaterThanOrEqual(0);

    await requested();
    const [{ n }] = await ds().query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM domain_events WHERE fanned_out_at IS NULL`,
    );
    expect(n).toBeGreaterThanOrEqual(1);
    await ds().query(
      `UPDATE domain_events SET created_at = now() - interval '90 seconds' WHERE fanned_out_at IS NULL`,
    );
    const after = await scrape();
    expect(valueOf(after, 'outbox_events_pending')).toBe(n);
    expect(valueOf(after, 'outbox_oldest_event_age_seconds')).toBeGreaterThanOrEqual(90);
    expect(valueOf(after, 'outbox_oldest_event_age_seconds')).toBeLessThan(200);
    expect(valueOf(after, 'webhook_deliveries_pending')).toBeGreaterThanOrEqual(0);
  });

  it('counts callbacks by outcome, their processing lag, and open and escalated review cases', async () => {
    const before = await scrape();
    const received = (outcome: string, s: Sample[]) =>
      valueOf(s, 'idnow_callbacks_received_total', { outcome }) ?? 0;
    const open = valueOf(before, 'review_cases_open')!;

    const { id, path } = await requested();
    // The automatic processing leaves this transaction's callbacks alone until released.
    const release = t.app.get(CallbackProcessor).hold(id);
    const result = idnowResult(id, 'FRAUD_SUSPICION_PENDING');
    fake.results.set(id, result);
    expect((await http(t.url, 'POST', '/providers/idnow/callback', { body: result })).status).toBe(200);
    expect((await http(t.url, 'POST', '/providers/idnow/callback', { body: result })).status).toBe(200);
    expect((await http(t.url, 'POST', '/providers/idnow/callback', { body: { nope: 1 } })).status).toBe(400);
    await ds().query(
      `UPDATE provider_callbacks SET received_at = now() - interval '30 seconds' WHERE transaction_number = $1`,
      [id],
    );
    const held = await scrape();
    expect(valueOf(held, 'idnow_callbacks_pending')).toBe(1);
    expect(valueOf(held, 'idnow_callbacks_oldest_pending_age_seconds')).toBeGreaterThanOrEqual(30);
    release();
    await drainCallbacks(t.app);
    expect((await http(t.url, 'GET', path, { token: partner.token })).body.status).toBe('pending_failed');

    const after = await scrape();
    expect(received('accepted', after)).toBe(received('accepted', before) + 1);
    expect(received('duplicate', after)).toBe(received('duplicate', before) + 1);
    expect(received('rejected', after)).toBe(received('rejected', before) + 1);
    expect(
      valueOf(after, 'idnow_callbacks_processed_total', { outcome: 'transitioned' }),
    ).toBeGreaterThanOrEqual(1);
    const lag = (s: Sample[], le: string) =>
      valueOf(s, 'idnow_callback_processing_lag_seconds_bucket', { le }) ?? 0;
    // Received 30 s before it was processed: counted above the 10 s bucket, within the 60 s one.
    expect(lag(after, '10') - lag(before, '10')).toBe(0);
    expect(lag(after, '60') - lag(before, '60')).toBe(1);
    expect(valueOf(after, 'idnow_callbacks_pending')).toBe(0);
    expect(valueOf(after, 'idnow_callbacks_oldest_pending_age_seconds')).toBe(0);
    expect(valueOf(after, 'review_cases_open')).toBe(open + 1);

    // A day later the SLA job escalates it: overdue and escalated, and the job's run is counted.
    const runs = (s: Sample[]) =>
      valueOf(s, 'job_runs_total', { job: 'review_sla', status: 'succeeded' }) ?? 0;
    const slot = clock.set(new Date(clock.now().getTime() + 25 * 3_600_000));
    const run = await t.app.get(JobRunner).runSlot('review_sla', slot);
    expect(run).toMatchObject({ status: 'succeeded' });
    const late = await scrape();
    expect(valueOf(late, 'review_cases_overdue')).toBeGreaterThanOrEqual(1);
    expect(valueOf(late, 'review_cases_escalated')).toBeGreaterThanOrEqual(1);
    expect(valueOf(late, 'review_cases_escalated')).toBe(valueOf(late, 'review_cases_open'));
    expect(runs(late)).toBe(runs(after) + 1);
    const [{ n }] = await ds().query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM job_runs WHERE job = 'review_sla' AND status = 'succeeded'`,
    );
    expect(runs(late)).toBe(n);
  });
});
