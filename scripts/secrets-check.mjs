#!/usr/bin/env node
// Fails when a tracked file (git ls-files) holds a secret: a private key, a cloud or service key, a
// high-entropy value assigned to a secret-like name, or a .env file. Documented sandbox defaults and test
// fixtures' fake secrets are allowed in .ci/secrets-allowlist.json, each with its reason.
// Prints file, line and rule, with the value cut to its first characters. Run from the repository root.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';

const ALLOWLIST = '.ci/secrets-allowlist.json';
const MAX_BYTES = 2 << 20;

const PATTERNS = [
  ['private key', /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/],
  ['AWS access key id', /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA)[0-9A-Z]{16}\b/],
  ['GitHub token', /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{50,})\b/],
  ['Slack token', /\bxox[abprs]-[A-Za-z0-9-]{10,}/],
  ['Google API key', /\bAIza[0-9A-Za-z_-]{35}\b/],
  ['Stripe live key', /\b[rs]k_live_[0-9A-Za-z]{20,}\b/],
  ['npm token', /\bnpm_[A-Za-z0-9]{36}\b/],
  ['JSON web token', /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/],
];
// name = "value", name: 'value' (a string literal), or NAME=value at the start of a line (env, shell, YAML);
// the name says secret. Code (`t.env.TOKEN`, `res.body.token`) is not a literal and is not looked at.
const ASSIGNMENT = new RegExp(
  String.raw`([A-Za-z0-9_.-]*(?:secret|passw(?:or)?d|passwd|token|api[_-]?key|private[_-]?key|access[_-]?key|credential)[A-Za-z0-9_-]*)["']?\s*(?::|=|:=)\s*(?:(["'\x60])([^"'\x60\s]{12,})\2|([^\s"'\x60]{12,})$)`,
  'gi',
);
const ENV_LINE = /^\s*(?:export\s+|-\s+)?[A-Z0-9_]+\s*[=:]/;

/** Shannon entropy in bits per character. */
function entropy(s) {
  const counts = new Map();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) h -= (n / s.length) * Math.log2(n / s.length);
  return h;
}

/**
 * A random-looking value: a long hex string, or a long string of several character classes with high
 * entropy. Readable test passphrases ('Fresh-password-2026') stay below; code and placeholders are skipped.
 */
function looksRandom(v) {
  if (/^(?:process\.env|env\.|this\.|<|\{\{)/.test(v) || /[()[\]]|\$\{/.test(v)) return false;
  if (/^[0-9a-f]{32,}$/i.test(v)) return true;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(v)).length;
  return v.length >= 20 && classes >= 2 && entropy(v) >= 4;
}

function loadAllowlist() {
  if (!existsSync(ALLOWLIST)) return [];
  const { allow } = JSON.parse(readFileSync(ALLOWLIST, 'utf8'));
  for (const [i, a] of allow.entries()) {
    if (!a.reason || !(a.value || a.path))
      throw new Error(`${ALLOWLIST}: entry ${i} needs a value or path, and a reason`);
  }
  return allow;
}

const mask = (v) => `${v.slice(0, 4)}… (${v.length} chars)`;

function checkFile(file, allow) {
  const findings = [];
  const name = basename(file);
  if (/^\.env(?:\..+)?$/.test(name) && !/\.(?:example|sample|template)$/.test(name)) {
    findings.push({ line: 0, rule: '.env file tracked', value: '' });
  }
  if (!existsSync(file) || statSync(file).size > MAX_BYTES) return findings;
  const buf = readFileSync(file);
  if (buf.includes(0)) return findings; // binary
  buf
    .toString('utf8')
    .split('\n')
    .forEach((text, i) => {
      for (const [rule, re] of PATTERNS) {
        const m = re.exec(text);
        if (m) findings.push({ line: i + 1, rule, value: m[0] });
      }
      for (const m of text.matchAll(ASSIGNMENT)) {
        const value = m[3] ?? (ENV_LINE.test(text) ? m[4] : undefined);
        if (value && looksRandom(value)) {
          findings.push({ line: i + 1, rule: `high-entropy value for "${m[1]}"`, value });
        }
      }
    });
  return findings.filter(
    (f) =>
      !allow.some(
        (a) =>
          (a.path && (file === a.path || file.startsWith(`${a.path}/`))) ||
          (a.value && f.value.includes(a.value)),
      ),
  );
}

const allow = loadAllowlist();
// --untracked also checks new files not yet added (not the ignored ones): run it before a commit.
const untracked = process.argv.includes('--untracked') ? ['--others', '--cached', '--exclude-standard'] : [];
const listed = spawnSync('git', ['ls-files', '-z', ...untracked], { encoding: 'utf8', maxBuffer: 64 << 20 });
if (listed.status !== 0) {
  process.stderr.write(`secrets-check: git ls-files failed: ${listed.stderr}\n`);
  process.exit(2);
}
const files = listed.stdout.split('\0').filter(Boolean);
let count = 0;
for (const file of files) {
  for (const f of checkFile(file, allow)) {
    count++;
    process.stderr.write(
      `secrets-check: ${file}:${f.line}: ${f.rule}${f.value ? ` ${mask(f.value)}` : ''}\n`,
    );
  }
}
process.stderr.write(
  count
    ? `secrets-check: FAILED, ${count} possible secrets in ${files.length} tracked files (allow documented fakes in ${ALLOWLIST})\n`
    : `secrets-check: no secrets in ${files.length} tracked files\n`,
);
process.exit(count ? 1 : 0);
