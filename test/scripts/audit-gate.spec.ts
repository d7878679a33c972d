import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';

/** An `npm audit --json` report with one advisory of the given severity in `fastify`. */
function report(severity: string) {
  return {
    auditReportVersion: 2,
    vulnerabilities: {
      fastify: {
        name: 'fastify',
        severity,
        via: [
          {
            source: 1101234,
            name: 'fastify',
            title: 'Planted advisory',
            url: 'https://github.com/advisories/GHSA-aaaa-bbbb-cccc',
            severity,
          },
        ],
      },
    },
    metadata: { vulnerabilities: { low: 0, moderate: 0, high: severity === 'high' ? 1 : 0, critical: 0 } },
  };
}

const waiver = (expires: string, id = 'GHSA-aaaa-bbbb-cccc') => ({
  waivers: [{ id, package: 'fastify', reason: 'not reachable: planted for the test', expires }],
});

describe('audit-gate', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kyc-audit-spec-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function gate(rep: unknown, waivers: unknown = { waivers: [] }, ...extra: string[]) {
    writeFileSync(join(dir, 'report.json'), JSON.stringify(rep));
    writeFileSync(join(dir, 'waivers.json'), JSON.stringify(waivers));
    const r = spawnSync(
      process.execPath,
      [
        'scripts/audit-gate.mjs',
        '--report',
        join(dir, 'report.json'),
        '--waivers',
        join(dir, 'waivers.json'),
        ...extra,
      ],
      { encoding: 'utf8' },
    );
    return { code: r.status, out: r.stderr };
  }

  it('fails on a high advisory without a waiver, naming it', () => {
    const r = gate(report('high'));
    expect(r.code).toBe(1);
    expect(r.out).toContain('FAIL: high GHSA-aaaa-bbbb-cccc in fastify: Planted advisory');
  });

  it('passes a moderate advisory', () => {
    expect(gate(report('moderate')).code).toBe(0);
  });

  it('passes a waived advisory until its waiver expires, then fails again', () => {
    const waived = gate(report('critical'), waiver('2999-01-01'));
    expect(waived.code).toBe(0);
    expect(waived.out).toContain('waived until 2999-01-01');
    const expired = gate(report('critical'), waiver('2020-01-01'));
    expect(expired.code).toBe(1);
    expect(expired.out).toContain('FAIL (waiver expired 2020-01-01)');
  });

  it('warns on a waiver nothing needs', () => {
    const r = gate(report('low'), waiver('2999-01-01', 'GHSA-zzzz-zzzz-zzzz'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('WARNING: waiver GHSA-zzzz-zzzz-zzzz (fastify) matches no current advisory');
  });

  it('rejects a waiver without a reason or an expiry date', () => {
    const r = gate(report('high'), {
      waivers: [{ id: 'GHSA-aaaa-bbbb-cccc', package: 'fastify', expires: '2999-01-01' }],
    });
    expect(r.code).toBe(1);
    expect(r.out).toContain('waiver 0 lacks "reason"');
  });

  it('fails when the registry gives no audit, unless told to only warn', () => {
    const down = { message: '405 Method Not Allowed', error: { summary: '405 Method Not Allowed' } };
    expect(gate(down).code).toBe(1);
    const warned = gate(down, { waivers: [] }, '--allow-unavailable');
    expect(warned.code).toBe(0);
    expect(warned.out).toContain('WARNING: npm audit unavailable (405 Method Not Allowed)');
  });
});
