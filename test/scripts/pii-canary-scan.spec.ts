import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { CANARY, CANARY_MARKER, PersonFactory } from '#kyc/testing';

/** The scanner as `npm test` runs it, on a log directory written here. */
function scan(dir: string) {
  const r = spawnSync(process.execPath, ['scripts/pii-canary-scan.mjs', dir], { encoding: 'utf8' });
  return { code: r.status, out: r.stderr + r.stdout };
}

const line = (msg: Record<string, unknown>) =>
  JSON.stringify({ level: 30, time: '2026-11-27T21:00:00.000Z', ...msg });

describe('pii-canary-scan', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kyc-canary-spec-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('passes clean logs', () => {
    writeFileSync(join(dir, '101.log'), `${line({ msg: 'person created', person_id: 'abc123cper' })}\n`);
    writeFileSync(join(dir, 'sent-101.jsonl'), `${JSON.stringify({ kind: 'name', value: 'Quirinalda' })}\n`);
    const r = scan(dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain('no personal data in the logs (1 log files');
  });

  it('fails on a planted canary, naming file, line and kind but never the value', () => {
    const lastName = String(PersonFactory.body().last_name);
    expect(lastName).toContain(CANARY_MARKER);
    mkdirSync(join(dir, 'worker'));
    writeFileSync(
      join(dir, 'worker', '202.log'),
      [line({ msg: 'tick' }), line({ msg: 'oops', person: { last: lastName } })].join('\n'),
    );
    const r = scan(dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain('worker/202.log:2: personal data in a log line (name)');
    expect(r.out).not.toContain(lastName);
    expect(r.out).toContain('FAILED, 1 findings of personal data');
  });

  it('knows every canary value of the fixtures, without any record of what was sent', () => {
    const values: [string, string][] = [
      ['name', CANARY.first_name],
      ['name', `${CANARY.last_name_prefix} Abc`],
      ['name', CANARY.birth_name],
      ['address', CANARY.address.line_1],
      ['address', CANARY.address.city],
      ['birth_date', CANARY.birth_date],
      ['mobile_number', CANARY.mobile_number],
      ['email', CANARY.email],
      ['document_number', CANARY.document_number],
      ['iban', CANARY.iban],
      ['tax_id', CANARY.tax_id],
    ];
    writeFileSync(join(dir, '303.log'), values.map(([, v]) => line({ msg: `x ${v} y` })).join('\n'));
    const r = scan(dir);
    expect(r.code).toBe(1);
    values.forEach(([kind], i) =>
      expect(r.out).toContain(`303.log:${i + 1}: personal data in a log line (${kind})`),
    );
  });

  it('finds a literal value a test sent, as a whole word only', () => {
    writeFileSync(
      join(dir, 'sent-404.jsonl'),
      `${JSON.stringify({ kind: 'email', value: 'hans@example.com' })}\n`,
    );
    writeFileSync(join(dir, 'sent-405.jsonl'), `${JSON.stringify({ kind: 'name', value: 'Müller' })}\n`);
    writeFileSync(
      join(dir, '404.log'),
      [
        line({ msg: 'search', q: 'MÜLLER' }),
        line({ msg: 'Müllerstrasse is a street, not the sent name' }),
        line({ msg: 'mail to HANS@example.com' }),
      ].join('\n'),
    );
    const r = scan(dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain('404.log:1: personal data in a log line (name)');
    expect(r.out).not.toContain('404.log:2:');
    expect(r.out).toContain('404.log:3: personal data in a log line (email)');
  });

  it('does not take a group of a generated UUID for a short value a test sent (CI flake: iban DE00)', () => {
    writeFileSync(join(dir, 'sent-606.jsonl'), `${JSON.stringify({ kind: 'iban', value: 'DE00' })}\n`);
    writeFileSync(
      join(dir, '606.log'),
      [
        line({ msg: 'request completed', reqId: '5f0c2a91-de00-4b7e-9a3c-0d1e2f3a4b5c' }),
        line({ msg: 'rejected iban DE00' }),
      ].join('\n'),
    );
    const r = scan(dir);
    expect(r.code).toBe(1);
    expect(r.out).not.toContain('606.log:1:');
    expect(r.out).toContain('606.log:2: personal data in a log line (iban)');
  });

  it('records the personal values the http() helper sends', async () => {
    const before = process.env.KYC_TEST_LOG_DIR;
    process.env.KYC_TEST_LOG_DIR = dir;
    try {
      const { recordSentPersonalData } = await import('#kyc/testing');
      recordSentPersonalData({ first_name: 'Wendelgard', address: { line_1: 'Quokkaweg' }, note: 'Quokka' });
    } finally {
      process.env.KYC_TEST_LOG_DIR = before;
    }
    writeFileSync(
      join(dir, '505.log'),
      [line({ msg: 'Wendelgard' }), line({ msg: 'Quokkaweg 7' })].join('\n'),
    );
    const r = scan(dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain('505.log:1: personal data in a log line (name)');
    expect(r.out).toContain('505.log:2: personal data in a log line (address)');
  });
});
