import { describe, expect, it } from '@jest/globals';
import {
  ConfigError,
  Env,
  loadEnv,
  parseBranches,
  SANDBOX_PARTNER_CLIENT_ID,
  SANDBOX_PARTNER_CLIENT_SECRET,
} from './env.js';

/** The ConfigError thrown by loadEnv for these settings (fails the test if none is thrown). */
function configError(raw: Record<string, string | undefined>): ConfigError {
  try {
    loadEnv(raw);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error(`loadEnv accepted ${JSON.stringify(raw)}`);
}

describe(loadEnv.name, () => {
  describe('defaults', () => {
    it('boots from an empty environment as a sandbox on port 3000 with ./data', () => {
      const env = loadEnv({});
      expect(env).toBeInstanceOf(Env);
      expect(env.PORT).toBe(3000);
      expect(env.HOST).toBe('127.0.0.1');
      expect(env.APP_ENV).toBe('sandbox');
      expect(env.DATA_DIR).toBe('./data');
      expect(env.DATABASE_URL).toBeUndefined();
      expect(env.LOG_LEVEL).toBe('info');
      expect(env.DB_POOL_SIZE).toBe(10);
      expect(env.DOCUMENT_STORAGE).toBe('fs');
      expect(env.DOCUMENT_MAX_BYTES).toBe(25 * 1024 * 1024);
      expect(env.ACCESS_TOKEN_TTL_SECONDS).toBe(3600);
      expect(env.BODY_LIMIT_BYTES).toBe(1024 * 1024);
      expect(env.BRANCH_RESIDENCY_COUNTRIES).toBe('{"null":["DE"]}');
      expect(env.AML_FOLLOW_UP_MONTHS).toBe(78);
    });

    it('gives a sandbox the documented partner client', () => {
      const env = loadEnv({});
      expect(env.PARTNER_CLIENT_ID).toBe('sandbox-partner');
      expect(env.PARTNER_CLIENT_SECRET).toBe('sandbox-secret-change-me');
      expect(SANDBOX_PARTNER_CLIENT_ID).toBe('sandbox-partner');
      expect(SANDBOX_PARTNER_CLIENT_SECRET).toBe('sandbox-secret-change-me');
    });

    it('keeps a configured sandbox partner client', () => {
      const env = loadEnv({ PARTNER_CLIENT_ID: 'acme-bank', PARTNER_CLIENT_SECRET: 'a-long-enough-secret' });
      expect(env.PARTNER_CLIENT_ID).toBe('acme-bank');
      expect(env.PARTNER_CLIENT_SECRET).toBe('a-long-enough-secret');
    });

    it('reads numbers and the other settings from their strings', () => {
      const env = loadEnv({
        PORT: '8080',
        HOST: '0.0.0.0',
        DATA_DIR: '/var/lib/kyc',
        DATABASE_URL: 'postgresql://kyc:pw@db:5432/kyc',
        LOG_LEVEL: 'debug',
        DB_POOL_SIZE: '25',
        ACCESS_TOKEN_TTL_SECONDS: '600',
        BODY_LIMIT_BYTES: '2048',
        BRANCH_RESIDENCY_COUNTRIES: '{"null":["DE","FR"]}',
        AML_FOLLOW_UP_MONTHS: '24',
      });
      expect(env).toMatchObject({
        PORT: 8080,
        HOST: '0.0.0.0',
        DATA_DIR: '/var/lib/kyc',
        DATABASE_URL: 'postgresql://kyc:pw@db:5432/kyc',
        LOG_LEVEL: 'debug',
        DB_POOL_SIZE: 25,
        ACCESS_TOKEN_TTL_SECONDS: 600,
        BODY_LIMIT_BYTES: 2048,
        BRANCH_RESIDENCY_COUNTRIES: '{"null":["DE","FR"]}',
        AML_FOLLOW_UP_MONTHS: 24,
      });
    });

    it('accepts postgres:// as well as postgresql:// URLs', () => {
      expect(loadEnv({ DATABASE_URL: 'postgres://localhost/kyc' }).DATABASE_URL).toBe(
        'postgres://localhost/kyc',
      );
    });

    it('backs webhook retries off from 30 s unless WEBHOOK_RETRY_BASE_MS says otherwise', () => {
      expect(loadEnv({}).WEBHOOK_RETRY_BASE_MS).toBe(30000);
      expect(loadEnv({ WEBHOOK_RETRY_BASE_MS: '250' }).WEBHOOK_RETRY_BASE_MS).toBe(250);
      expect(loadEnv({}).WEBHOOK_RETRY_CAP_MS).toBe(6 * 3600_000);
      expect(loadEnv({ WEBHOOK_RETRY_CAP_MS: '4000' }).WEBHOOK_RETRY_CAP_MS).toBe(4000);
    });

    it('refuses a TRUST_PROXY entry that is not an address, a range or a hop count, naming it', () => {
      expect(() => loadEnv({ TRUST_PROXY: 'true' })).toThrow(
        'Invalid setting TRUST_PROXY: "true" is not an IP address or CIDR range',
      );
      expect(loadEnv({ TRUST_PROXY: '10.0.0.0/8' }).TRUST_PROXY).toBe('10.0.0.0/8');
    });

    it('drains for 10 s on SIGTERM unless SHUTDOWN_GRACE_MS says otherwise', () => {
      expect(loadEnv({}).SHUTDOWN_GRACE_MS).toBe(10_000);
      expect(loadEnv({ SHUTDOWN_GRACE_MS: '0' }).SHUTDOWN_GRACE_MS).toBe(0);
    });

    it('ignores unrelated variables of the process environment', () => {
      const env = loadEnv({ PATH: '/usr/bin', HOME: '/root', NODE_ENV: 'test', UNSET: undefined });
      expect(Object.keys(env)).not.toEqual(expect.arrayContaining(['PATH']));
      expect(env.PORT).toBe(3000);
    });
  });

  describe('bad values', () => {
    const cases: [string, Record<string, string>][] = [
      ['PORT', { PORT: 'abc' }],
      ['PORT', { PORT: '70000' }],
      ['PORT', { PORT: '-1' }],
      ['PORT', { PORT: '80.5' }],
      ['APP_ENV', { APP_ENV: 'staging' }],
      ['APP_ENV', { APP_ENV: 'Production' }],
      ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
      ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }],
      ['DATABASE_URL', { DATABASE_URL: 'localhost:5432' }],
      ['DATA_DIR', { DATA_DIR: '' }],
      ['DB_POOL_SIZE', { DB_POOL_SIZE: '0' }],
      ['DB_POOL_SIZE', { DB_POOL_SIZE: 'many' }],
      ['ACCESS_TOKEN_TTL_SECONDS', { ACCESS_TOKEN_TTL_SECONDS: '10' }],
      ['ACCESS_TOKEN_TTL_SECONDS', { ACCESS_TOKEN_TTL_SECONDS: '100000' }],
      ['BODY_LIMIT_BYTES', { BODY_LIMIT_BYTES: '100' }],
      ['AML_FOLLOW_UP_MONTHS', { AML_FOLLOW_UP_MONTHS: '0' }],
      ['WEBHOOK_RETRY_BASE_MS', { WEBHOOK_RETRY_BASE_MS: '50' }],
      ['WEBHOOK_RETRY_BASE_MS', { WEBHOOK_RETRY_BASE_MS: '30s' }],
      ['WEBHOOK_RETRY_BASE_MS', { WEBHOOK_RETRY_BASE_MS: '3600001' }],
      ['WEBHOOK_RETRY_CAP_MS', { WEBHOOK_RETRY_CAP_MS: '999' }],
      ['WEBHOOK_RETRY_CAP_MS', { WEBHOOK_RETRY_CAP_MS: '21600001' }],
      ['SHUTDOWN_GRACE_MS', { SHUTDOWN_GRACE_MS: '-1' }],
      ['SHUTDOWN_GRACE_MS', { SHUTDOWN_GRACE_MS: '10s' }],
      ['PARTNER_CLIENT_ID', { PARTNER_CLIENT_ID: 'a b' }],
      ['PARTNER_CLIENT_ID', { PARTNER_CLIENT_ID: 'ab' }],
      ['PARTNER_CLIENT_SECRET', { PARTNER_CLIENT_SECRET: 'short' }],
      ['BRANCH_RESIDENCY_COUNTRIES', { BRANCH_RESIDENCY_COUNTRIES: 'DE,FR' }],
      ['BRANCH_RESIDENCY_COUNTRIES', { BRANCH_RESIDENCY_COUNTRIES: '{"null":["DE",]}' }],
      ['BRANCH_RESIDENCY_COUNTRIES', { BRANCH_RESIDENCY_COUNTRIES: '{null: ["DE"]}' }],
      ['BRANCH_RESIDENCY_COUNTRIES', { BRANCH_RESIDENCY_COUNTRIES: '["DE"]' }],
      ['BRANCH_RESIDENCY_COUNTRIES', { BRANCH_RESIDENCY_COUNTRIES: '{"null":"DE"}' }],
      ['BRANCH_RESIDENCY_COUNTRIES', { BRANCH_RESIDENCY_COUNTRIES: '{"null":["de"]}' }],
      ['BRANCH_RESIDENCY_COUNTRIES', { BRANCH_RESIDENCY_COUNTRIES: '{"null":["DEU"]}' }],
      ['BRANCH_RESIDENCY_COUNTRIES', { BRANCH_RESIDENCY_COUNTRIES: '{"null":["XX"]}' }],
      ['BRANCH_RESIDENCY_COUNTRIES', { BRANCH_RESIDENCY_COUNTRIES: '{"null":["DE",1]}' }],
    ];

    it.each(cases)('names %s in a one-line ConfigError for %j', (setting, raw) => {
      const e = configError(raw);
      expect(e.message).toMatch(new RegExp(`^Invalid setting ${setting}: \\S`));
      expect(e.message).not.toContain('\n');
      expect(e.message.length).toBeLessThan(200);
    });

    it('never echoes a rejected secret', () => {
      const e = configError({ PARTNER_CLIENT_SECRET: 'sh0rt-pw' });
      expect(e.message).toContain('PARTNER_CLIENT_SECRET');
      expect(e.message).not.toContain('sh0rt-pw');
    });

    it('says what is wrong with an unsupported database URL', () => {
      expect(configError({ DATABASE_URL: 'mysql://x' }).message).toBe(
        'Invalid setting DATABASE_URL: must be a postgres:// or postgresql:// connection URL',
      );
    });

    it('says what is wrong with branch rules that are not JSON', () => {
      expect(configError({ BRANCH_RESIDENCY_COUNTRIES: '{"null":["DE",]}' }).message).toBe(
        'Invalid setting BRANCH_RESIDENCY_COUNTRIES: is not valid JSON',
      );
    });

    it('names the branch whose country list is wrong', () => {
      expect(configError({ BRANCH_RESIDENCY_COUNTRIES: '{"null":["DE"],"paris":["fr"]}' }).message).toContain(
        '"paris"',
      );
    });
  });

  describe('production mode', () => {
    // Production needs a real IDnow account; these two settings are not the subject here.
    const PRODUCTION = {
      APP_ENV: 'production',
      IDNOW_BASE_URL: 'https://gateway.idnow.example',
      IDNOW_API_KEY: 'idnow-api-key',
      WEBHOOK_SECRET_KEY: 'MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=',
      S3_BUCKET: 'kyc-documents',
    };

    it('stores documents in S3 by default and needs its bucket', () => {
      expect(loadEnv(PRODUCTION).DOCUMENT_STORAGE).toBe('s3');
      expect(configError({ ...PRODUCTION, S3_BUCKET: undefined }).message).toBe(
        'Invalid setting S3_BUCKET: is required when DOCUMENT_STORAGE is s3',
      );
      expect(loadEnv({ ...PRODUCTION, S3_BUCKET: undefined, DOCUMENT_STORAGE: 'fs' }).DOCUMENT_STORAGE).toBe(
        'fs',
      );
    });

    it('takes S3 credentials as a pair', () => {
      expect(configError({ ...PRODUCTION, S3_ACCESS_KEY_ID: 'AKIA' }).message).toMatch(
        /^Invalid setting S3_ACCESS_KEY_ID: /,
      );
    });

    it('has no partner client defaults', () => {
      const env = loadEnv(PRODUCTION);
      expect(env.APP_ENV).toBe('production');
      expect(env.PARTNER_CLIENT_ID).toBeUndefined();
      expect(env.PARTNER_CLIENT_SECRET).toBeUndefined();
    });

    it('refuses PARTNER_CLIENT_SECRET, pointing to partner:create', () => {
      const e = configError({ ...PRODUCTION, PARTNER_CLIENT_SECRET: 'a-long-enough-secret' });
      expect(e.message).toMatch(/^Invalid setting PARTNER_CLIENT_SECRET: /);
      expect(e.message).toContain('partner:create');
      expect(e.message).not.toContain('a-long-enough-secret');
      expect(e.message).not.toContain('\n');
    });

    it('refuses PARTNER_CLIENT_ID, naming that setting', () => {
      const e = configError({ ...PRODUCTION, PARTNER_CLIENT_ID: 'acme-bank' });
      expect(e.message).toMatch(/^Invalid setting PARTNER_CLIENT_ID: /);
      expect(e.message).not.toContain('\n');
    });

    it('refuses the sandbox client pair as well', () => {
      const e = configError({
        ...PRODUCTION,
        PARTNER_CLIENT_ID: SANDBOX_PARTNER_CLIENT_ID,
        PARTNER_CLIENT_SECRET: SANDBOX_PARTNER_CLIENT_SECRET,
      });
      expect(e.message).toMatch(/^Invalid setting PARTNER_CLIENT_(ID|SECRET): /);
    });
  });
});

describe(parseBranches.name, () => {
  it('maps each branch, with "null" for persons without a branch', () => {
    const branches = parseBranches('{"null":["DE","FR"],"berlin":["DE"]}');
    expect([...branches.entries()]).toEqual([
      ['null', ['DE', 'FR']],
      ['berlin', ['DE']],
    ]);
  });

  it('throws a ConfigError for bad JSON and bad codes', () => {
    expect(() => parseBranches('nope')).toThrow(ConfigError);
    expect(() => parseBranches('{"null":["XX"]}')).toThrow(ConfigError);
    expect(() => parseBranches('{"null":["D"]}')).toThrow(ConfigError);
  });
});
