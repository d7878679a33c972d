#!/usr/bin/env node
// bench/documents: downloading a stored document, GET /v1/persons/{person_id}/documents/{id}/file on the
// real api (built dist/, PostgreSQL, fs storage), against a raw Fastify baseline streaming the same file
// from disk with the same headers (bench/documents/baseline-server.mjs: no auth, no database, no
// checksum), in one run. Both sides download the file `--amount` times over `--connections` clients;
// --rounds alternates which side goes first and the median ratio decides. Also records the api's RSS
// before the downloads and its peak during them (VmHWM), to show the file is streamed, not buffered.
// Prints req/s, MB/s, p50, p99, the ratio and the memory check; writes bench/results/documents.json.
//
//   npm run bench:documents                           # build, then 3 rounds of 200 downloads of 10 MiB a side
//   node bench/documents/run.mjs --amount 50 --rounds 1   # quick run (after npm run build)
//
// Settings (flag or BENCH_<NAME> env):
//   --size-mb n      size of the PDF in MiB (10)           --amount n       downloads measured per side (200)
//   --connections n  concurrent clients (10)               --warmup n       unmeasured downloads first (20)
//   --rounds n       measure both sides n times (3), alternating which goes first; the median ratio
//                    decides (lower middle for an even n), and the table shows that round
//   --order baseline,system (the default) or system,baseline
//   --quiet-wait s   before each measured phase, wait up to s seconds for other load on the machine to drop
//                    under 0.3 CPUs (30; 0 = don't wait); what was found is recorded
//   --cpu-prof       run the api with --cpu-prof and print where its main thread's time went
//   --out path       result file         --strict   exit 1 when memory did not stay flat
//   --keep-bodies    leave autocannon as it is: it then appends every response body to a string (see below)
//
// The load generator: autocannon 9 appends each response body to a JavaScript string (`req.body += data`
// in lib/pipelinedRequestsQueue.js) whether or not anything reads it. For 10 MiB bodies that costs
// ~165 ms of the benchmark's CPU per download and caps both sides at ~45 MB/s on this machine, so the
// run would measure autocannon. Unless --keep-bodies is given, the run replaces that one method with a
// no-op in this process (nothing here uses expectBody/verifyBody); bytes, status codes and latencies
// are counted as before, and one download per side and phase is checked by SHA-256 with node:http.
// DATABASE_URL: the PostgreSQL server the throw-away database is created on (default
// postgresql://root@127.0.0.1:5432/postgres; the role needs CREATEDB).
// BENCH_APP_<NAME>=value: passed to the api as <NAME>=value.
import { createHash, randomBytes } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { open } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import PipelinedRequestsQueue from 'autocannon/lib/pipelinedRequestsQueue.js';
import { summariseCpuProfile } from '../callback-intake/cpu-profile.mjs';
import {
  assertClean,
  cannon,
  cleanupStack,
  cpuDelta,
  cpuSample,
  createDatabase,
  DEFAULT_DATABASE_URL,
  describeMachine,
  dropDatabase,
  freePort,
  gitState,
  median,
  numberSetting,
  otherLoadWarning,
  packageVersion,
  round,
  runMain,
  setting,
  startServer,
  summarise,
  table,
  waitForOk,
  waitForQuiet,
} from '../lib/harness.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const APP_MAIN = resolve(ROOT, 'dist/apps/api/src/main.js');
const BASELINE = resolve(ROOT, 'bench/documents/baseline-server.mjs');

const SANDBOX_CLIENT = { id: 'sandbox-partner', secret: 'sandbox-secret-change-me' };
const MIB = 1024 * 1024;
const DEFAULTS = { amount: 200, sizeMb: 10 };
/** The seed's person (libs/testing PersonFactory.body). */
const PERSON = {
  salutation: 'MS',
  first_name: 'Jane',
  last_name: 'Doe Bench',
  address: { line_1: 'Amrumerstrasse', line_2: '14', postal_code: '13353', city: 'Berlin', country: 'DE' },
  mobile_number: '+49301234567',
  birth_date: '1992-12-11',
  nationality: 'DE',
  terms_conditions_signed_at: '2022-01-01T00:00:00.000Z',
  data_terms_signed_at: '2022-01-01T00:00:00.000Z',
};
/** Headers both sides must send identically (the body is compared by SHA-256). */
const COMPARED_HEADERS = ['content-type', 'content-length', 'content-disposition', 'etag'];

const flag = (name) =>
  process.argv.includes(`--${name}`) || process.env[`BENCH_${name.toUpperCase()}`] === '1';
const settings = {
  sizeMb: numberSetting('size-mb', DEFAULTS.sizeMb),
  amount: numberSetting('amount', DEFAULTS.amount),
  connections: numberSetting('connections', 10),
  warmup: numberSetting('warmup', 20),
  rounds: numberSetting('rounds', 3),
  quietWaitS: numberSetting('quiet-wait', 30),
  order: setting('order', 'baseline,system')
    .split(',')
    .map((s) => s.trim()),
  cpuProf: flag('cpu-prof'),
  keepBodies: flag('keep-bodies'),
  strict: flag('strict'),
  databaseUrl: process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
};
function usage(msg) {
  process.stderr.write(`bench/documents: ${msg} (the settings are listed at the top of run.mjs)\n`);
  process.exit(2);
}
if (
  settings.order.length !== 2 ||
  !settings.order.includes('system') ||
  !settings.order.includes('baseline')
) {
  usage('--order must be baseline,system or system,baseline');
}
for (const name of ['rounds', 'amount', 'connections']) {
  if (!Number.isInteger(settings[name]) || settings[name] < 1)
    usage(`--${name} must be a whole number from 1`);
}
if (!Number.isInteger(settings.warmup)) usage('--warmup must be a whole number');
if (settings.amount < settings.connections) usage('--amount must be at least --connections');
if (!(settings.sizeMb > 0)) usage('--size-mb must be positive');
const quick = settings.amount < DEFAULTS.amount || settings.sizeMb < DEFAULTS.sizeMb;
const suffix = `${quick ? '.quick' : ''}${settings.cpuProf ? '.cpu-prof' : ''}${settings.keepBodies ? '.keep-bodies' : ''}`;
settings.out = resolve(ROOT, setting('out', `bench/results/documents${suffix}.json`));

const log = (msg) => process.stderr.write(`[bench] ${msg}\n`);
const cleanup = cleanupStack();

if (!settings.keepBodies) PipelinedRequestsQueue.prototype.addBody = function discardBody() {};

// ---- memory of a child process (Linux /proc) ----

/** VmRSS and VmHWM (peak RSS) of a process in bytes; nulls when /proc is not there. */
function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]) * 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return { rss: null, hwm: null };
  }
}

/** Reset a process's VmHWM to its current RSS (Linux 4.0+: `5` to clear_refs); false when not allowed. */
function resetPeak(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** Sample VmRSS every 50 ms (a cross-check of VmHWM, and the only figure when it cannot be reset). */
function rssSampler(pid) {
  let max = 0;
  const timer = setInterval(() => {
    const { rss } = memoryOf(pid);
    if (rss && rss > max) max = rss;
  }, 50);
  return {
    stop() {
      clearInterval(timer);
      return max || null;
    },
  };
}

const mib = (bytes) => (bytes == null ? null : round(bytes / MIB, 1));

// ---- the file and the requests ----

/** A PDF by its header: `%PDF-1.4\n`, random filler, `%%EOF\n`, exactly `bytes` long. */
function buildPdf(bytes) {
  const head = Buffer.from('%PDF-1.4\n');
  const tail = Buffer.from('%%EOF\n');
  return Buffer.concat([head, randomBytes(bytes - head.length - tail.length), tail]);
}

/** One GET with node:http: status, headers, body SHA-256 and length, ms to the headers and to the end. */
function download(url, headers = {}) {
  return new Promise((resolvePromise, reject) => {
    const t0 = performance.now();
    const req = http.get(url, { headers, agent: false }, (res) => {
      const ttfb = performance.now() - t0;
      const hash = createHash('sha256');
      let length = 0;
      res.on('data', (chunk) => {
        hash.update(chunk);
        length += chunk.length;
      });
      res.on('end', () =>
        resolvePromise({
          status: res.statusCode,
          headers: res.headers,
          sha256: hash.digest('hex'),
          length,
          ttfb_ms: ttfb,
          total_ms: performance.now() - t0,
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

async function json(res, what) {
  const text = await res.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  if (res.status >= 300) throw new Error(`${what}: HTTP ${res.status} ${text.slice(0, 500)}`);
  return body;
}

/** Start the api on a fresh database; get a token, create a person, upload the file once. */
async function startApi(file, workDir, dbName) {
  const dbUrl = await createDatabase(settings.databaseUrl, dbName);
  cleanup.add(() => dropDatabase(settings.databaseUrl, dbName));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const dataDir = join(workDir, 'data');
  mkdirSync(dataDir);
  let profDir = null;
  if (settings.cpuProf) {
    profDir = join(workDir, 'cpu-prof');
    mkdirSync(profDir);
  }
  const env = {
    PATH: process.env.PATH ?? '',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: dbUrl,
    DATA_DIR: dataDir,
    APP_ENV: 'sandbox',
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DOCUMENT_STORAGE: 'fs',
    // Background jobs run in the worker process, as in production; the api only serves.
    RUN_JOBS_IN_API: 'false',
    DOCUMENT_MAX_BYTES: String(Math.max(25 * MIB, file.bytes.length + MIB)),
    ...Object.fromEntries(
      Object.entries(process.env)
        .filter(([k]) => k.startsWith('BENCH_APP_'))
        .map(([k, v]) => [k.slice('BENCH_APP_'.length), v]),
    ),
  };
  const args = [
    '--disable-warning=FSTWRN004',
    ...(profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []),
    APP_MAIN,
  ];
  const server = startServer('api', args, env);
  cleanup.add(() => server.stop());
  await waitForOk(server, `${base}/health`);

  const token = await json(
    await fetch(`${base}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: SANDBOX_CLIENT.id,
        client_secret: SANDBOX_CLIENT.secret,
      }),
    }),
    'token',
  );
  if (!token.access_token) throw new Error(`token: no access_token in ${JSON.stringify(token)}`);
  const auth = { authorization: `Bearer ${token.access_token}` };
  const person = await json(
    await fetch(`${base}/v1/persons`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify(PERSON),
    }),
    'POST /v1/persons',
  );
  const memoryBeforeUpload = memoryOf(server.pid);
  const form = new FormData();
  form.append('document_type', 'KYC_REPORT');
  form.append('file', new Blob([file.bytes], { type: 'application/pdf' }), file.name);
  const t0 = performance.now();
  const document = await json(
    await fetch(`${base}/v1/persons/${person.id}/documents`, { method: 'POST', headers: auth, body: form }),
    'upload',
  );
  const uploadMs = performance.now() - t0;
  if (document.size !== file.bytes.length) {
    throw new Error(`upload: stored ${document.size} bytes, sent ${file.bytes.length}`);
  }
  log(`api: person ${person.id}, document ${document.id} uploaded in ${round(uploadMs)} ms`);
  const path = `/v1/persons/${person.id}/documents/${document.id}/file`;
  return {
    side: 'system',
    server,
    base,
    path,
    metadataPath: `/v1/persons/${person.id}/documents/${document.id}`,
    headers: auth,
    dbName,
    profDir,
    upload: {
      ms: round(uploadMs),
      rss_before_bytes: memoryBeforeUpload.rss,
      memory_after: memoryOf(server.pid),
    },
  };
}

/** Start the baseline serving the same bytes with the api's header values. */
async function startBaseline(file, apiHeaders) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = startServer('baseline', [BASELINE], {
    PATH: process.env.PATH ?? '',
    PORT: String(port),
    HOST: '127.0.0.1',
    FILE_PATH: file.path,
    CONTENT_TYPE: apiHeaders['content-type'],
    CONTENT_DISPOSITION: apiHeaders['content-disposition'],
    ETAG: apiHeaders.etag,
  });
  cleanup.add(() => server.stop());
  await waitForOk(server, `${base}/health`);
  return {
    side: 'baseline',
    server,
    base,
    path: '/v1/persons/p/documents/d/file',
    // Same request bytes as the api's: the baseline ignores the header.
    headers: { authorization: 'Bearer baseline-does-not-check-tokens' },
    dbName: 'none',
  };
}

/** One full download compared with the file: the run must not measure an error page. */
async function verify(target, file) {
  const r = await download(`${target.base}${target.path}`, target.headers);
  if (r.status !== 200) throw new Error(`${target.side}: download answered HTTP ${r.status}`);
  if (r.length !== file.bytes.length || r.sha256 !== file.sha256) {
    throw new Error(
      `${target.side}: body differs from the file (${r.length} bytes, sha256 ${r.sha256}; expected ${file.bytes.length}, ${file.sha256})`,
    );
  }
  return r;
}

async function measure(target, file) {
  const { side, server, base, path, headers, dbName } = target;
  const checked = await verify(target, file);
  const quiet = settings.quietWaitS > 0 ? await waitForQuiet(side, settings.quietWaitS, log) : null;
  const opts = { url: `${base}${path}`, connections: settings.connections, headers };
  const failure = async () => {
    const r = await download(`${base}${path}`, headers).catch((e) => e);
    return r instanceof Error ? r.message : `HTTP ${r.status}`;
  };

  const memoryBefore = memoryOf(server.pid);
  const peakReset = resetPeak(server.pid);
  const sampler = rssSampler(server.pid);
  if (settings.warmup > 0) {
    const warm = await cannon({
      ...opts,
      connections: Math.min(settings.connections, settings.warmup),
      amount: settings.warmup,
    });
    if (warm.non2xx || warm.errors || warm.timeouts) assertClean(`${side} warm-up`, warm, await failure());
  }
  log(`${side}: ${settings.amount} downloads of ${settings.sizeMb} MiB, ${settings.connections} connections`);
  const cpuBefore = cpuSample(server.pid, dbName);
  const t0 = performance.now();
  const result = await cannon({ ...opts, amount: settings.amount });
  const wallS = (performance.now() - t0) / 1000;
  const cpu = cpuDelta(cpuBefore, cpuSample(server.pid, dbName), result.requests.total);
  const sampledMax = sampler.stop();
  const memoryAfter = memoryOf(server.pid);
  if (result.non2xx || result.errors || result.timeouts) assertClean(side, result, await failure());
  if (result['2xx'] !== settings.amount) {
    throw new Error(`${side}: ${result['2xx']} of ${settings.amount} downloads answered 2xx`);
  }
  const bodyBytes = result['2xx'] * file.bytes.length;
  const peak = peakReset ? memoryAfter.hwm : sampledMax;
  return {
    ...summarise(result),
    // autocannon's own per-second averages are coarse for runs of a few seconds: these use the wall
    // time of the measured run and the bytes of the bodies received.
    downloads_per_second: round(result['2xx'] / wallS),
    body_megabytes_per_second: round(bodyBytes / 1e6 / wallS),
    wire_megabytes_per_second: round(result.throughput.total / 1e6 / wallS),
    wall_s: round(wallS, 3),
    body_verified: { sha256: checked.sha256, bytes: checked.length },
    headers: Object.fromEntries(COMPARED_HEADERS.map((h) => [h, checked.headers[h] ?? null])),
    memory: {
      rss_before_mib: mib(memoryBefore.rss),
      peak_rss_mib: mib(peak),
      peak_source: peakReset ? 'VmHWM (reset before the warm-up)' : 'VmRSS sampled every 50 ms',
      sampled_max_rss_mib: mib(sampledMax),
      rss_after_mib: mib(memoryAfter.rss),
      growth_mib: memoryBefore.rss && peak ? mib(peak - memoryBefore.rss) : null,
    },
    cpu,
    machine_before: quiet,
  };
}

// ---- where the api's time goes ----

/** ms of one SHA-256 over the whole buffer, and of the api's verification pass (1 MiB reads + hash). */
async function hashCosts(file) {
  const inMemory = [];
  const verifyPass = [];
  const buffer = Buffer.allocUnsafe(MIB);
  for (let i = 0; i < 7; i++) {
    let t0 = performance.now();
    createHash('sha256').update(file.bytes).digest('hex');
    inMemory.push(performance.now() - t0);
    t0 = performance.now();
    const fh = await open(file.path, 'r');
    try {
      await fh.stat();
      const hash = createHash('sha256');
      let position = 0;
      for (;;) {
        const { bytesRead } = await fh.read(buffer, 0, buffer.length, position);
        if (bytesRead === 0) break;
        hash.update(buffer.subarray(0, bytesRead));
        position += bytesRead;
      }
      hash.digest('hex');
    } finally {
      await fh.close();
    }
    verifyPass.push(performance.now() - t0);
  }
  return {
    sha256_in_memory_ms: round(median(inMemory.slice(2))),
    verify_pass_ms: round(median(verifyPass.slice(2))),
    sha256_mb_per_second: round(file.bytes.length / 1e6 / (median(inMemory.slice(2)) / 1000)),
  };
}

/** One client at a time: time to the headers and to the last byte, per side, and the api's metadata GET. */
async function sequentialTimings(api, baseline, n = 15) {
  const series = async (target, path) => {
    const ttfb = [];
    const total = [];
    for (let i = 0; i < n; i++) {
      const r = await download(`${target.base}${path}`, target.headers);
      if (r.status !== 200) throw new Error(`${target.side} ${path}: HTTP ${r.status}`);
      if (i < 3) continue; // warm
      ttfb.push(r.ttfb_ms);
      total.push(r.total_ms);
    }
    return { to_headers_ms: round(median(ttfb)), to_last_byte_ms: round(median(total)) };
  };
  return {
    requests: n - 3,
    system_file: await series(api, api.path),
    system_metadata_get: await series(api, api.metadataPath),
    baseline_file: await series(baseline, baseline.path),
  };
}

async function main() {
  if (!existsSync(APP_MAIN))
    throw new Error(`${relative(ROOT, APP_MAIN)} is missing: run \`npm run build\` first`);
  const { machine, pgVersion } = await describeMachine(settings.databaseUrl, log);

  const workDir = mkdtempSync(join(os.tmpdir(), 'kyc-bench-docs-'));
  cleanup.add(() => rmSync(workDir, { recursive: true, force: true }));
  const bytes = buildPdf(Math.round(settings.sizeMb * MIB));
  const file = {
    name: 'bench-report.pdf',
    path: join(workDir, 'bench-report.pdf'),
    bytes,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
  writeFileSync(file.path, bytes);
  log(`file: ${bytes.length} bytes, sha256 ${file.sha256.slice(0, 16)}…`);

  const api = await startApi(file, workDir, `kyc_bench_docs_${process.pid}`);
  const apiFirst = await verify(api, file);
  const baseline = await startBaseline(file, apiFirst.headers);
  const baseFirst = await verify(baseline, file);
  for (const h of COMPARED_HEADERS) {
    if (apiFirst.headers[h] !== baseFirst.headers[h]) {
      throw new Error(`header ${h} differs: api ${apiFirst.headers[h]}, baseline ${baseFirst.headers[h]}`);
    }
  }
  const targets = { system: api, baseline };
  const apiMemoryBeforeDownloads = api.upload.memory_after;

  const rounds = [];
  let profileWindowUs = null;
  for (let r = 0; r < settings.rounds; r++) {
    const order = r % 2 === 0 ? settings.order : [...settings.order].reverse();
    const results = {};
    for (const side of order) {
      if (settings.rounds > 1) log(`round ${r + 1} of ${settings.rounds}`);
      const start = process.hrtime.bigint();
      results[side] = await measure(targets[side], file);
      if (side === 'system' && r === 0) {
        profileWindowUs = [Number(start / 1000n), Number(process.hrtime.bigint() / 1000n)];
      }
      await sleep(1000);
    }
    const { system: sys, baseline: base } = results;
    rounds.push({
      order,
      system: sys,
      baseline: base,
      ratios: {
        throughput: round(sys.downloads_per_second / base.downloads_per_second, 3),
        p50: round(sys.latency_ms.p50 / base.latency_ms.p50, 3),
        p99: round(sys.latency_ms.p99 / base.latency_ms.p99, 3),
      },
    });
  }
  log('where the time goes: hashing cost and one-client timings');
  const costs = await hashCosts(file);
  const sequential = await sequentialTimings(api, baseline);

  let cpuProfile = null;
  if (api.profDir) {
    await api.server.stop();
    const prof = readdirSync(api.profDir).find((f) => f.endsWith('.cpuprofile'));
    if (prof) {
      // The raw profile is kept beside the result file, for Chrome DevTools or speedscope.
      copyFileSync(join(api.profDir, prof), settings.out.replace(/(\.json)?$/, '.cpuprofile'));
      cpuProfile = summariseCpuProfile(
        JSON.parse(readFileSync(join(api.profDir, prof), 'utf8')),
        ROOT,
        profileWindowUs,
      );
    }
  }

  const ratios = {
    throughput: median(rounds.map((r) => r.ratios.throughput)),
    p50: median(rounds.map((r) => r.ratios.p50)),
    p99: median(rounds.map((r) => r.ratios.p99)),
  };
  const shown = rounds.find((r) => r.ratios.throughput === ratios.throughput);
  const { system, baseline: base } = shown;

  // Buffering whole files would need at least connections x size more memory; streaming needs a few
  // chunks per download. Both sides' RSS also swings by tens of MiB with garbage collection of those
  // chunks (the baseline streams by construction), so the api's growth is judged beyond the baseline's:
  // "flat" when it exceeds the baseline's largest growth by less than half of connections x size.
  const bufferingWouldNeedMib = round(settings.connections * settings.sizeMb, 1);
  const apiGrowth = Math.max(...rounds.map((r) => r.system.memory.growth_mib ?? 0));
  const baselineGrowth = Math.max(...rounds.map((r) => r.baseline.memory.growth_mib ?? 0));
  const growthOverBaseline = round(apiGrowth - baselineGrowth, 1);
  const memoryFlat = growthOverBaseline < bufferingWouldNeedMib / 2;
  const memory = {
    system_rss_before_downloads_mib: mib(apiMemoryBeforeDownloads.rss),
    system_rss_before_upload_mib: mib(api.upload.rss_before_bytes),
    system_peak_rss_during_downloads_mib: Math.max(...rounds.map((r) => r.system.memory.peak_rss_mib ?? 0)),
    system_max_growth_mib: apiGrowth,
    baseline_peak_rss_during_downloads_mib: Math.max(
      ...rounds.map((r) => r.baseline.memory.peak_rss_mib ?? 0),
    ),
    baseline_max_growth_mib: baselineGrowth,
    system_growth_over_baseline_mib: growthOverBaseline,
    buffering_would_need_mib: bufferingWouldNeedMib,
    flat: memoryFlat,
    rule: "growth = a phase's peak RSS (VmHWM, warm-up included) minus its RSS before; flat when the api's largest growth exceeds the baseline's by less than half of connections x file size",
  };

  const version = (f) => packageVersion(ROOT, f);
  const report = {
    benchmark: 'documents',
    date: new Date().toISOString(),
    app_version: version('package.json'),
    git: gitState(ROOT),
    machine,
    settings: {
      endpoint: 'GET /v1/persons/{person_id}/documents/{id}/file',
      file: { bytes: file.bytes.length, size_mib: settings.sizeMb, content_type: 'application/pdf' },
      amount: settings.amount,
      connections: settings.connections,
      warmup: settings.warmup,
      rounds: settings.rounds,
      order: settings.order,
      quiet_wait_s: settings.quietWaitS,
      cpu_prof: settings.cpuProf,
      load_generator: settings.keepBodies
        ? 'autocannon, unchanged (response bodies appended to a string)'
        : 'autocannon, response-body accumulation disabled (PipelinedRequestsQueue.addBody no-op)',
      app: {
        APP_ENV: 'sandbox',
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        DOCUMENT_STORAGE: 'fs',
        RUN_JOBS_IN_API: 'false',
      },
      autocannon_version: version('node_modules/autocannon/package.json'),
      fastify_version: version('node_modules/fastify/package.json'),
    },
    upload: { ms: api.upload.ms },
    system,
    baseline: base,
    ratios: {
      throughput_system_over_baseline: ratios.throughput,
      p50_system_over_baseline: ratios.p50,
      p99_system_over_baseline: ratios.p99,
    },
    memory,
    rounds: rounds.map((r, i) => ({
      round: i + 1,
      order: r.order,
      shown: r === shown,
      system: roundFigures(r.system),
      baseline: roundFigures(r.baseline),
      throughput_ratio: r.ratios.throughput,
      p99_ratio: r.ratios.p99,
    })),
    time_breakdown: { ...costs, one_client: sequential },
    ...(cpuProfile ? { cpu_profile: { ...cpuProfile, text: undefined } } : {}),
  };
  mkdirSync(dirname(settings.out), { recursive: true });
  writeFileSync(settings.out, JSON.stringify(report, null, 2) + '\n');

  const row = (label, s) => [
    label,
    s.downloads_per_second,
    s.body_megabytes_per_second,
    s.latency_ms.p50,
    s.latency_ms.p99,
    s.ok_2xx,
    s.cpu?.server_ms_per_request ?? '-',
    `${s.memory.rss_before_mib} -> ${s.memory.peak_rss_mib}`,
    s.cpu?.other_cpus_busy ?? '-',
  ];
  const seq = sequential;
  process.stdout.write(
    [
      '',
      `documents: ${settings.amount} downloads of a ${settings.sizeMb} MiB PDF per side, ${settings.connections} connections, ${settings.warmup} warm-up, ${rounds.length} round(s)`,
      `${machine.cpu_count} x ${machine.cpu_model}, ${machine.total_memory_gib} GiB RAM, ${machine.platform}, Node ${machine.node_version}`,
      pgVersion,
      '',
      table([
        [
          '',
          'req/s',
          'MB/s',
          'p50 ms',
          'p99 ms',
          'requests',
          'server CPU ms/req',
          'RSS MiB before -> peak',
          'other load (CPUs)',
        ],
        row('system (api)', system),
        row('baseline (Fastify)', base),
      ]),
      '',
      table([
        ['round', 'order', 'system req/s', 'baseline req/s', 'throughput ratio', 'p99 ratio', 'other load'],
        ...rounds.map((r, i) => [
          `${i + 1}${r === shown ? ' (shown)' : ''}`,
          r.order.join(','),
          r.system.downloads_per_second,
          r.baseline.downloads_per_second,
          r.ratios.throughput,
          r.ratios.p99,
          Math.max(r.system.cpu?.other_cpus_busy ?? 0, r.baseline.cpu?.other_cpus_busy ?? 0),
        ]),
      ]),
      `median of ${rounds.length}: throughput ratio api/baseline ${ratios.throughput}, p50 ratio ${ratios.p50}, p99 ratio ${ratios.p99}`,
      '',
      `api RSS: ${memory.system_rss_before_downloads_mib} MiB before the downloads, peak ${memory.system_peak_rss_during_downloads_mib} MiB during them ` +
        `(largest growth in a phase ${memory.system_max_growth_mib} MiB, ${growthOverBaseline} MiB beyond the baseline's; buffering would need >= ${bufferingWouldNeedMib} MiB): ` +
        `${memoryFlat ? 'FLAT, the file is streamed' : 'NOT FLAT'}`,
      `baseline RSS: peak ${memory.baseline_peak_rss_during_downloads_mib} MiB (largest growth ${memory.baseline_max_growth_mib} MiB)`,
      '',
      'where the api time goes:',
      `  sha256 of ${settings.sizeMb} MiB in memory: ${costs.sha256_in_memory_ms} ms (${costs.sha256_mb_per_second} MB/s); the api's verification pass (1 MiB reads + hash): ${costs.verify_pass_ms} ms`,
      `  one client at a time (median of ${seq.requests}): api file headers after ${seq.system_file.to_headers_ms} ms, last byte ${seq.system_file.to_last_byte_ms} ms; ` +
        `baseline headers ${seq.baseline_file.to_headers_ms} ms, last byte ${seq.baseline_file.to_last_byte_ms} ms; api metadata GET (auth + database) ${seq.system_metadata_get.to_last_byte_ms} ms`,
      `  server CPU per download: api ${system.cpu?.server_ms_per_request ?? '-'} ms, baseline ${base.cpu?.server_ms_per_request ?? '-'} ms; PostgreSQL ${system.cpu?.postgres_ms_per_request ?? '-'} ms`,
      ...(cpuProfile
        ? ['', "api main thread, first round's measured phase (--cpu-prof):", cpuProfile.text]
        : []),
      '',
      ...otherLoadWarning(
        rounds.flatMap((r) => [r.system.cpu?.other_cpus_busy, r.baseline.cpu?.other_cpus_busy]),
      ),
      `results: ${relative(ROOT, settings.out)}`,
      '',
    ].join('\n'),
  );
  return memoryFlat;
}

/** The per-round figures kept for every round. */
function roundFigures(s) {
  return {
    downloads_per_second: s.downloads_per_second,
    body_megabytes_per_second: s.body_megabytes_per_second,
    p50_ms: s.latency_ms.p50,
    p99_ms: s.latency_ms.p99,
    server_cpu_ms_per_request: s.cpu?.server_ms_per_request ?? null,
    postgres_cpu_ms_per_request: s.cpu?.postgres_ms_per_request ?? null,
    rss_before_mib: s.memory.rss_before_mib,
    peak_rss_mib: s.memory.peak_rss_mib,
    other_cpus_busy: s.cpu?.other_cpus_busy ?? null,
    machine_cpus_busy_before: s.machine_before?.machine_cpus_busy_before ?? null,
  };
}

await runMain('bench/documents', main, { strict: settings.strict, cleanup });
