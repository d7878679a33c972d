#!/usr/bin/env node
// `npm test`: unit and e2e suites on the embedded engine, or on PostgreSQL when DATABASE_URL is set.
// Extra arguments go to Jest (e.g. `npm test -- test/e2e/persons`).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
// Every log line of the run lands here; the PII canary scan reads it after Jest (scripts/pii-canary-scan.mjs).
const logDir = process.env.KYC_TEST_LOG_DIR ?? mkdtempSync(join(tmpdir(), 'kyc-test-logs-'));
const env = {
  ...process.env,
  KYC_TEST_LOG_DIR: logDir,
  TZ: 'UTC',
  NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --no-warnings`.trim(),
};
const engine = process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'embedded engine';
process.stderr.write(`Running tests on the ${engine}\n`);
// The process-level tests run the built app, so build first (KYC_SKIP_BUILD=1 skips it when dist is fresh).
if (!process.env.KYC_SKIP_BUILD) {
  const build = spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit', env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
// Browser tests need Debian's Chromium; without it they are left out here (CI installs it and runs them).
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium) && !args.some((a) => a.startsWith('--selectProjects'))) {
  process.stderr.write(
    `Chromium not found at ${chromium}: browser tests skipped (apt-get install -y chromium)\n`,
  );
  args.push('--selectProjects', 'unit', 'e2e');
}
// One Jest worker per core (Jest's own default leaves one core idle, which on two cores means running in
// band): most suites spend their time waiting on the database, timers and spawned processes.
if (!args.some((a) => /^(--maxWorkers|-w|--runInBand|-i$)/.test(a))) {
  args.push(`--maxWorkers=${Math.max(2, availableParallelism())}`);
}
const jest = spawnSync(process.execPath, ['node_modules/jest/bin/jest.js', ...args], {
  stdio: 'inherit',
  env,
});
const scan = spawnSync(process.execPath, ['scripts/pii-canary-scan.mjs', logDir], { stdio: 'inherit', env });
if (scan.status === 0 && !process.env.KYC_TEST_LOG_DIR) rmSync(logDir, { recursive: true, force: true });
// Jest's own failure first; a clean Jest run still fails on a leak.
process.exit((jest.status ?? 1) || (scan.status ?? 1));
