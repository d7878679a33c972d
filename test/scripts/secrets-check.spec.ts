import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';

const SCRIPT = resolve('scripts/secrets-check.mjs');
// Built at run time so this spec itself holds no key the check would find.
const AWS_KEY = ['AKIA', 'Q3EGRTFZ7NPLX2WB'].join('');
const PEM = ['-----BEGIN', 'RSA PRIVATE KEY-----'].join(' ');
const TOKEN = ['k8Vq2', 'Zr7Lw', 'P0xYt', 'N4sHb', 'Jm6Ue', 'D1cGf'].join('');

describe('secrets-check', () => {
  let repo: string;
  beforeEach(() => {
    repo = mkdtempSync(join(tmpdir(), 'kyc-secrets-spec-'));
    spawnSync('git', ['init', '-q'], { cwd: repo });
    writeFileSync(join(repo, 'clean.ts'), "export const password = process.env.PASSWORD ?? '';\n");
  });
  afterEach(() => rmSync(repo, { recursive: true, force: true }));

  function check(files: Record<string, string>) {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(repo, path, '..'), { recursive: true });
      writeFileSync(join(repo, path), text);
    }
    spawnSync('git', ['add', '-A'], { cwd: repo });
    const r = spawnSync(process.execPath, [SCRIPT], { cwd: repo, encoding: 'utf8' });
    return { code: r.status, out: r.stderr };
  }

  it('passes a repository without secrets', () => {
    const r = check({ 'src/config.ts': "const readme = 'see README';\n" });
    expect(r.code).toBe(0);
    expect(r.out).toContain('no secrets in 2 tracked files');
  });

  it('catches a planted private key, cloud key, token and .env file, without printing them', () => {
    const r = check({
      'keys/id_rsa': `${PEM}\nMIIEow\n`,
      'src/s3.ts': `const id = '${AWS_KEY}';\n`,
      'src/client.ts': `\nconst apiToken = "${TOKEN}";\n`,
      'deploy/.env': 'DATABASE_URL=postgres://x\n',
    });
    expect(r.code).toBe(1);
    expect(r.out).toContain('keys/id_rsa:1: private key');
    expect(r.out).toContain('src/s3.ts:1: AWS access key id');
    expect(r.out).toContain('src/client.ts:2: high-entropy value for "apiToken"');
    expect(r.out).toContain('deploy/.env:0: .env file tracked');
    expect(r.out).toContain('FAILED, 4 possible secrets');
    expect(r.out).not.toContain(TOKEN);
    expect(r.out).not.toContain(AWS_KEY);
  });

  it('accepts an allowlisted fake with its reason, and still fails on the rest', () => {
    const r = check({
      '.ci/secrets-allowlist.json': JSON.stringify({ allow: [{ value: TOKEN, reason: 'fake for a test' }] }),
      'src/client.ts': `const apiToken = "${TOKEN}";\nSECRET_KEY=${TOKEN.split('').reverse().join('')}\n`,
    });
    expect(r.code).toBe(1);
    expect(r.out).not.toContain('src/client.ts:1:');
    expect(r.out).toContain('src/client.ts:2: high-entropy value for "SECRET_KEY"');
  });
});
