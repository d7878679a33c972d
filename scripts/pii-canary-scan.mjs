#!/usr/bin/env node
// Scans every log file of a test run for personal data: the canary markers of libs/testing/src/canary.ts
// and every personal value the tests sent (the `sent-<pid>.jsonl` files written by the http() helper).
// Prints file, line and kind of each hit, never the value, and exits 1 on any hit.
// Usage: node scripts/pii-canary-scan.mjs [log dir]   (default: $KYC_TEST_LOG_DIR)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Kept in step with CANARY in libs/testing/src/canary.ts (test/scripts/pii-canary-scan.spec.ts checks it). */
const BUILT_IN = [
  ['name', 'Kanarienvogel'],
  ['name', 'Zeisigfink'],
  ['name', 'Kanarienzucht'],
  ['address', 'Stieglitzgasse'],
  ['address', 'Vogelsangshausen'],
  ['birth_date', '1957-08-19'],
  ['mobile_number', '+4915730571957'],
  ['mobile_number', '015730571957'],
  ['email', 'canary.example'],
  ['document_number', 'KNRV57081957'],
  ['iban', 'DE02120300000000202051'],
  ['tax_id', '57081957412'],
];
// Values too short or too common to mean a person when they show up in a log line on their own.
const MIN_LENGTH = 4;
// The sandbox's first console user is a documented default the api prints at start-up (README), not a person.
const IGNORED = new Set(['true', 'false', 'null', 'none', 'test', 'admin', 'sandbox', 'admin@kyc.local']);
const MAX_PRINTED = 50;

/**
 * The needles: lower-cased value -> {kind, whole}. The built-in canaries count anywhere (a factory's last
 * name is 'Doe Kanarienvogel<random>'); a value a test sent counts only as a whole word.
 */
export function loadNeedles(dir) {
  const needles = new Map(BUILT_IN.map(([kind, value]) => [value.toLowerCase(), { kind, whole: false }]));
  for (const file of listFiles(dir, (f) => /^sent-.*\.jsonl$/.test(f))) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const { kind, value } = JSON.parse(line);
      const v = String(value).trim().toLowerCase();
      if (v.length >= MIN_LENGTH && !IGNORED.has(v) && !needles.has(v)) needles.set(v, { kind, whole: true });
    }
  }
  return needles;
}

function listFiles(dir, accept) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && accept(e.name))
    .map((e) => join(e.parentPath ?? e.path, e.name))
    .sort();
}

const isWordChar = (c) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

// Generated ids are never personal data, but a short value a test sent ('DE00' as an iban) can equal one of
// a UUID's hyphen-separated groups, which would count as a whole word. UUIDs are blanked before matching.
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** Kinds of the needles found in one line; a needle counts only as a whole word (or more). */
export function findInLine(line, index) {
  const text = line.toLowerCase().replace(UUID, (id) => '_'.repeat(id.length));
  const kinds = new Set();
  for (let i = 0; i + MIN_LENGTH <= text.length; i++) {
    const candidates = index.get(text.slice(i, i + MIN_LENGTH));
    if (!candidates) continue;
    for (const [value, { kind, whole }] of candidates) {
      if (!text.startsWith(value, i)) continue;
      if (whole && isWordChar(value[0]) && isWordChar(text[i - 1])) continue;
      if (whole && isWordChar(value.at(-1)) && isWordChar(text[i + value.length])) continue;
      kinds.add(kind);
    }
  }
  return [...kinds];
}

/** Needles grouped by their first characters, so a line is scanned once whatever the number of needles. */
export function indexNeedles(needles) {
  const index = new Map();
  for (const [value, needle] of needles) {
    const key = value.slice(0, MIN_LENGTH);
    if (!index.has(key)) index.set(key, []);
    index.get(key).push([value, needle]);
  }
  return index;
}

export function scan(dir) {
  const needles = loadNeedles(dir);
  const index = indexNeedles(needles);
  const hits = [];
  const files = listFiles(dir, (f) => f.endsWith('.log'));
  let lines = 0;
  for (const file of files) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        lines++;
        for (const kind of findInLine(line, index))
          hits.push({ file: relative(dir, file), line: i + 1, kind });
      });
  }
  return { files: files.length, lines, needles: needles.size, hits };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? process.env.KYC_TEST_LOG_DIR;
  if (!dir) {
    process.stderr.write('pii-canary-scan: no log directory (argument or KYC_TEST_LOG_DIR)\n');
    process.exit(2);
  }
  const started = Date.now();
  const { files, lines, needles, hits } = scan(dir);
  for (const h of hits.slice(0, MAX_PRINTED)) {
    process.stderr.write(`pii-canary-scan: ${h.file}:${h.line}: personal data in a log line (${h.kind})\n`);
  }
  const summary = `${files} log files, ${lines} lines, ${needles} values, ${Date.now() - started} ms`;
  if (hits.length) {
    process.stderr.write(
      `pii-canary-scan: FAILED, ${hits.length} findings of personal data (${summary}); logs kept in ${dir}\n`,
    );
    process.exit(1);
  }
  process.stderr.write(`pii-canary-scan: no personal data in the logs (${summary})\n`);
}
