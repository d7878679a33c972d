import { appendFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { TEST_LOG_DIR_ENV } from './canary.js';

/** The run's log directory: every log line of the suite lands here and is scanned for canaries. */
export function testLogDir(): string {
  return process.env[TEST_LOG_DIR_ENV] ?? join(tmpdir(), 'kyc-test-logs');
}

/** `<log dir>/<name>.log`; the in-process test apps use the Jest worker's pid as name. */
export function testLogFile(name = String(process.pid)): string {
  return join(testLogDir(), `${name}.log`);
}

/** Copies a spawned process's stdout and stderr into the run's log directory, as `<pid>-<name>-<child pid>.log`. */
export function teeToTestLog(child: ChildProcess, name: string): void {
  const file = testLogFile(`${process.pid}-${name}-${child.pid ?? 'x'}`);
  mkdirSync(testLogDir(), { recursive: true });
  const write = (d: Buffer) => appendFileSync(file, d);
  child.stdout?.on('data', write);
  child.stderr?.on('data', write);
}
