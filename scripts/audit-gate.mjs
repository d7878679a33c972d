#!/usr/bin/env node
// Supply-chain gate: `npm audit --omit=dev --json`, failing on any high or critical advisory of a production
// dependency that no unexpired waiver in .ci/audit-waivers.json covers. Warns on waivers nothing needs.
// Options: --report <file> reads a saved audit report instead of calling the registry;
//          --waivers <file> (default .ci/audit-waivers.json);
//          --allow-unavailable only warns when the registry has no audit endpoint (some mirrors answer 405).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const BLOCKING = new Set(['high', 'critical']);
const args = process.argv.slice(2);
const opt = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const say = (line) => process.stderr.write(`audit-gate: ${line}\n`);

function loadWaivers(file) {
  if (!existsSync(file)) return [];
  const { waivers } = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(waivers)) throw new Error(`${file}: expected {"waivers": [...]}`);
  for (const [i, w] of waivers.entries()) {
    for (const field of ['id', 'package', 'reason', 'expires']) {
      if (typeof w[field] !== 'string' || !w[field].trim())
        throw new Error(`${file}: waiver ${i} lacks "${field}"`);
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(w.expires) || Number.isNaN(Date.parse(w.expires))) {
      throw new Error(`${file}: waiver ${i} ("${w.id}") has no valid expires date (YYYY-MM-DD)`);
    }
  }
  return waivers;
}

function readReport() {
  const file = opt('--report');
  if (file) return JSON.parse(readFileSync(file, 'utf8'));
  const r = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  try {
    return JSON.parse(r.stdout);
  } catch {
    return { error: { summary: (r.stderr || 'npm audit printed no JSON').trim().split('\n')[0] } };
  }
}

/** Every advisory behind the report's vulnerabilities: {ids: [GHSA, npm id], package, severity, title, url}. */
function advisories(report) {
  const out = new Map();
  for (const vuln of Object.values(report.vulnerabilities ?? {})) {
    for (const via of vuln.via ?? []) {
      if (typeof via !== 'object') continue; // a string names another vulnerable package, listed on its own
      const ghsa = /GHSA-[\w-]+/.exec(via.url ?? '')?.[0];
      const key = `${via.source}:${via.name}`;
      if (!out.has(key)) {
        out.set(key, {
          ids: [ghsa, String(via.source)].filter(Boolean),
          package: via.name,
          severity: via.severity,
          title: via.title,
          url: via.url,
        });
      }
    }
  }
  return [...out.values()];
}

const report = readReport();
let waivers;
try {
  waivers = loadWaivers(opt('--waivers') ?? '.ci/audit-waivers.json');
} catch (e) {
  say(`FAILED: ${e.message}`);
  process.exit(1);
}
if (!report.vulnerabilities) {
  const why = report.error?.summary || report.message || 'no vulnerabilities section in the report';
  if (args.includes('--allow-unavailable')) {
    say(
      `WARNING: npm audit unavailable (${why}); the gate did not run. Run it where the registry has an audit endpoint.`,
    );
    process.exit(0);
  }
  say(`FAILED: npm audit unavailable (${why})`);
  process.exit(1);
}

const today = new Date().toISOString().slice(0, 10);
const used = new Set();
let failures = 0;
for (const a of advisories(report).filter((x) => BLOCKING.has(x.severity))) {
  const waiver = waivers.find((w) => a.ids.includes(w.id) && w.package === a.package);
  const label = `${a.severity} ${a.ids[0]} in ${a.package}: ${a.title} (${a.url})`;
  if (waiver) used.add(waiver);
  if (waiver && waiver.expires >= today) {
    say(`waived until ${waiver.expires}: ${label}`);
  } else if (waiver) {
    say(`FAIL (waiver expired ${waiver.expires}): ${label}`);
    failures++;
  } else {
    say(`FAIL: ${label}`);
    failures++;
  }
}
for (const w of waivers.filter((x) => !used.has(x))) {
  say(`WARNING: waiver ${w.id} (${w.package}) matches no current advisory: remove it`);
}
const counts = report.metadata?.vulnerabilities ?? {};
say(
  `${failures ? 'FAILED' : 'passed'}: ${counts.critical ?? 0} critical, ${counts.high ?? 0} high, ` +
    `${counts.moderate ?? 0} moderate, ${counts.low ?? 0} low in production dependencies; ${failures} not waived`,
);
process.exit(failures ? 1 : 0);
