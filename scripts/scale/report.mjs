// The scale-out proof's report: throughput per process and per core, the checks, JSON and markdown.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { slotCpuSeconds } from './processes.mjs';

const r2 = (n) => Math.round(n * 100) / 100;

/** Requests answered and CPU used per api process slot, CPU per worker slot, PostgreSQL and the machine. */
export function throughput({
  pool,
  apiSlots,
  workerSlots,
  seconds,
  pgCpu,
  machineCpu,
  selfCpu,
  deliveries,
  proxy,
}) {
  const apis = apiSlots.map((slot, i) => {
    const cpu = slotCpuSeconds(slot);
    const answered = pool.apis[i].answered;
    return {
      process: slot.label,
      instances: slot.instances.length,
      requests: answered,
      requests_per_s: r2(answered / seconds),
      cpu_s: r2(cpu),
      cores_used: r2(cpu / seconds),
      requests_per_cpu_s: cpu > 0 ? r2(answered / cpu) : null,
      statuses: pool.apis[i].byStatus,
    };
  });
  const workers = workerSlots.map((slot) => {
    const cpu = slotCpuSeconds(slot);
    return {
      process: slot.label,
      instances: slot.instances.length,
      cpu_s: r2(cpu),
      cores_used: r2(cpu / seconds),
    };
  });
  const total = apis.reduce((s, a) => s + a.requests, 0);
  const apiCpu = apis.reduce((s, a) => s + a.cpu_s, 0);
  const workerCpu = workers.reduce((s, w) => s + w.cpu_s, 0);
  return {
    seconds: r2(seconds),
    apis,
    workers,
    total_requests: total,
    total_requests_per_s: r2(total / seconds),
    api_requests_per_cpu_s: apiCpu > 0 ? r2(total / apiCpu) : null,
    webhook_deliveries: deliveries,
    webhook_deliveries_per_worker_cpu_s: workerCpu > 0 ? r2(deliveries / workerCpu) : null,
    postgres_cpu_s: pgCpu === null ? null : r2(pgCpu),
    postgres_cores_used: pgCpu === null ? null : r2(pgCpu / seconds),
    postgres_cpu_ms_per_request: pgCpu === null || !total ? null : r2((pgCpu * 1000) / total),
    load_generator_cores_used: r2(selfCpu / seconds),
    machine_cores_busy: machineCpu === null ? null : r2(machineCpu / seconds),
    // Busy CPU not spent by the apis, workers, PostgreSQL or this script: other work on the machine.
    other_cores_busy:
      machineCpu === null
        ? null
        : r2(Math.max(0, machineCpu - apiCpu - workerCpu - (pgCpu ?? 0) - selfCpu) / seconds),
    sandbox_traffic_through_public_url: proxy,
  };
}

export function markdown(report) {
  const t = report.throughput;
  const lines = [
    `Run of ${report.started_at}: ${report.settings.duration_s} s of load, ${report.settings.apis} api + ` +
      `${report.settings.workers} worker processes, ${report.settings.clients} partner clients, ` +
      `DB_POOL_SIZE ${report.settings.pool_size}, SANDBOX_TIME_SCALE ${report.settings.time_scale}; ` +
      `${report.machine.cpu_count} x ${report.machine.cpu_model}, ${report.machine.postgresql_version.split(' on ')[0]}` +
      (report.machine.shared ? ' (a shared machine: other work ran meanwhile)' : '') +
      `. Result: **${report.passed ? 'PASSED' : 'FAILED'}**.`,
    '',
    '| process | instances | requests | requests/s | CPU s | cores used | requests per CPU s |',
    '| ------- | --------- | -------- | ---------- | ----- | ---------- | ------------------ |',
    ...t.apis.map(
      (a) =>
        `| ${a.process} | ${a.instances} | ${a.requests} | ${a.requests_per_s} | ${a.cpu_s} | ${a.cores_used} | ${a.requests_per_cpu_s ?? '–'} |`,
    ),
    ...t.workers.map((w) => `| ${w.process} | ${w.instances} | – | – | ${w.cpu_s} | ${w.cores_used} | – |`),
    `| PostgreSQL | – | – | – | ${t.postgres_cpu_s ?? '–'} | ${t.postgres_cores_used ?? '–'} | – |`,
    '',
    `All apis: ${t.total_requests} requests, ${t.total_requests_per_s}/s, ${t.api_requests_per_cpu_s ?? '–'} per api CPU second; ` +
      `PostgreSQL ${t.postgres_cpu_ms_per_request ?? '–'} ms CPU per request; ${t.webhook_deliveries} webhook deliveries ` +
      `(${t.webhook_deliveries_per_worker_cpu_s ?? '–'} per worker CPU second); machine busy ${t.machine_cores_busy ?? '–'} cores ` +
      `on average, of which ${t.load_generator_cores_used} the load generator and ${t.other_cores_busy ?? '–'} other work.`,
    '',
    'Requests of the load and of the wait after it (the officers keep deciding):',
    '',
    '| request | count | retried | failed | p50 ms | p95 ms | p99 ms |',
    '| ------- | ----- | ------- | ------ | ------ | ------ | ------ |',
    ...Object.entries(report.requests.ops).map(
      ([op, o]) =>
        `| ${op} | ${o.count} | ${o.retried} | ${o.failed} | ${o.p50_ms} | ${o.p95_ms} | ${o.p99_ms} |`,
    ),
    '',
    '| check | result |',
    '| ----- | ------ |',
    ...report.checks.map(
      (c) =>
        `| ${c.name} | ${[c.passed ? 'passed' : 'FAILED', summary(c.found)].filter(Boolean).join(': ')} |`,
    ),
    '',
    `Kills: ${report.kills.map((k) => `${k.process} SIGKILL at ${k.at_s} s, healthy again after ${k.down_s} s`).join('; ')}.`,
  ];
  return lines.join('\n');
}

/** One line of what a check found: its numbers only. */
function summary(found) {
  return Object.entries(found)
    .filter(([, v]) => typeof v === 'number' || (Array.isArray(v) && v.length === 0))
    .map(([k, v]) => `${k.replace(/_/g, ' ')} ${Array.isArray(v) ? 0 : v}`)
    .join(', ');
}

export function writeReport(path, report) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(report, null, 2) + '\n');
}
