import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import { ISO_COUNTRIES } from '../validation/iso-countries.js';
import { TrustProxyError, trustProxyOption } from './trust-proxy.js';

export const APP_ENVS = ['sandbox', 'production'] as const;
export type AppEnv = (typeof APP_ENVS)[number];
export const DOCUMENT_STORAGES = ['fs', 's3'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);

/**
 * Every setting the back-office reads, validated once at boot. The README's configuration table is
 * written from this class; keep the two in step.
 */
export class Env {
  @IsIn(APP_ENVS)
  APP_ENV: AppEnv = 'sandbox';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '127.0.0.1';

  /** On SIGTERM the api stops accepting connections and lets the requests in flight finish for this long. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(300_000)
  SHUTDOWN_GRACE_MS = 10_000;

  @IsString()
  @MinLength(1)
  DATA_DIR = './data';

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// or postgresql:// connection URL' })
  DATABASE_URL?: string;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DB_POOL_SIZE = 10;

  @IsOptional()
  @Matches(/^[A-Za-z0-9_.-]{3,64}$/, {
    message: 'must be 3-64 characters of letters, digits, dot, dash, underscore',
  })
  PARTNER_CLIENT_ID?: string;

  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'must be at least 12 characters long' })
  PARTNER_CLIENT_SECRET?: string;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(86400)
  ACCESS_TOKEN_TTL_SECONDS = 3600;

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(50 * 1024 * 1024)
  BODY_LIMIT_BYTES = 1024 * 1024;

  /** Rate limits on the partner API, /oauth/token and the IDnow callbacks (429 above them); `false` turns them off. */
  @IsIn(['true', 'false'])
  RATE_LIMITS_ENABLED: 'true' | 'false' = 'true';

  /** Length of one rate-limit window; each limit below counts requests per window. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  RATE_LIMIT_WINDOW_SECONDS = 60;

  /** POST, PATCH, PUT and DELETE under /v1, per partner client and window. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  RATE_LIMIT_WRITE_PER_WINDOW = 120_000;

  /** GET under /v1, per partner client and window. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  RATE_LIMIT_READ_PER_WINDOW = 300_000;

  /** POST /oauth/token, per client id and window ... */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  RATE_LIMIT_TOKEN_PER_WINDOW = 600;

  /** ... and per source IP and window. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  RATE_LIMIT_TOKEN_IP_PER_WINDOW = 3000;

  /** IDnow callbacks, per source IP and window. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  RATE_LIMIT_CALLBACK_PER_WINDOW = 60_000;

  /** Longest a database statement of an HTTP request may run (503 after it); 0: no limit. Jobs have none. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  DB_STATEMENT_TIMEOUT_MS = 15000;

  /** JSON: branch name (or "null" for persons without a branch) to allowed residency countries. */
  @IsString()
  @Matches(/^\s*\{[\s\S]*\}\s*$/, { message: 'must be a JSON object such as {"null":["DE"]}' })
  BRANCH_RESIDENCY_COUNTRIES = '{"null":["DE"]}';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(240)
  AML_FOLLOW_UP_MONTHS = 78;

  /** The AML follow-up job lists persons whose follow-up date is past or at most this many days away. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  AML_FOLLOW_UP_WINDOW_DAYS = 30;

  /** Base URL at which this back-office is reachable (links, sandbox callbacks); default http://HOST:PORT. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(:\d+)?$/, {
    message: 'must be an http(s) origin such as https://kyc.example.com',
  })
  PUBLIC_URL?: string;

  /** Strict-Transport-Security max-age, sent only when PUBLIC_URL is https; 0 turns the header off. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(63072000)
  HSTS_MAX_AGE_SECONDS = 31536000;

  /** Comma-separated origins (https://app.example.com) whose browser scripts may call the partner API; empty: none. */
  @IsOptional()
  @Matches(/^\s*https?:\/\/[^\s/,]+(\s*,\s*https?:\/\/[^\s/,]+)*\s*$/, {
    message: 'must be a comma-separated list of origins such as https://app.example.com (no path, no *)',
  })
  CORS_ALLOWED_ORIGINS?: string;

  /** IDnow API base; unset in sandbox mode means the built-in sandbox at PUBLIC_URL/sandbox/idnow. */
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'must be an http(s) URL' })
  IDNOW_BASE_URL?: string;

  /** Base of the customer-facing identification page; unset means the sandbox's web flow. */
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'must be an http(s) URL' })
  IDNOW_GO_URL?: string;

  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'must be 1-64 letters, digits, dash or underscore' })
  IDNOW_COMPANY_ID = 'kycdesk';

  @IsOptional()
  @IsString()
  @MinLength(8, { message: 'must be at least 8 characters long' })
  IDNOW_API_KEY?: string;

  /** When set, IDnow callbacks are accepted only at /providers/idnow/callback/<secret>. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{16,128}$/, { message: 'must be 16-128 letters, digits, dash or underscore' })
  IDNOW_CALLBACK_SECRET?: string;

  /**
   * The load balancers whose X-Forwarded-For is believed: comma-separated IPs or CIDR ranges, or a hop count;
   * unset: none, the api sees the balancer's address (trust-proxy.ts).
   */
  @IsOptional()
  @IsString()
  TRUST_PROXY?: string;

  /** Comma-separated source IPs allowed to post callbacks; empty allows any. */
  @IsOptional()
  @Matches(/^[0-9a-fA-F.:]+(,[0-9a-fA-F.:]+)*$/, {
    message: 'must be a comma-separated list of IP addresses',
  })
  IDNOW_CALLBACK_IPS?: string;

  /** Sandbox delays are divided by this: 60 makes a minute a second. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  SANDBOX_TIME_SCALE = 1;

  /** How often the sandbox plays due scenario steps, in ms; 0 stops the timer (tests tick by hand). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60000)
  SANDBOX_TICK_MS = 1000;

  /** Share of sandbox callbacks deliberately not sent (0..1), to exercise polling repair. */
  @Transform(({ value }: { value: unknown }) =>
    value === undefined || value === '' ? undefined : Number(value),
  )
  @Min(0)
  @Max(1)
  SANDBOX_CALLBACK_DROP_RATE = 0;

  /** Shared secret of the sandbox's force-outcome endpoint (sent as X-Sandbox-Admin-Token). */
  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'must be at least 12 characters long' })
  SANDBOX_ADMIN_TOKEN?: string;

  /** AES-256-GCM key (32 bytes, base64) encrypting webhook secrets at rest; required in production. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'must be 32 bytes in base64 (44 characters)' })
  WEBHOOK_SECRET_KEY?: string;

  /** Lets webhooks target loopback and private addresses (sandbox only); default true in sandbox. */
  @IsOptional()
  @IsIn(['true', 'false'])
  ALLOW_PRIVATE_WEBHOOK_TARGETS?: 'true' | 'false';

  /**
   * Run the background jobs (the webhook relay) inside the api process. Default true outside
   * production, where `npm run start:worker` runs them in their own processes.
   */
  @IsOptional()
  @IsIn(['true', 'false'])
  RUN_JOBS_IN_API?: 'true' | 'false';

  /**
   * Put the scheduled reconciliation jobs on their cron schedules where jobs run (worker, or the api with
   * RUN_JOBS_IN_API). `false` leaves them to "run now" only (the test suite's apps do so).
   */
  @IsIn(['true', 'false'])
  JOB_SCHEDULES_ENABLED: 'true' | 'false' = 'true';

  /** The missed-results job polls an identification `pending` for longer than this (the seed's TECH_TIMEOUT). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10080)
  JOB_MISSED_RESULTS_PENDING_MINUTES = 30;

  /** The missed-results job polls one in `pending_successful` or `pending_failed` for longer than this. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10080)
  JOB_MISSED_RESULTS_REVIEW_MINUTES = 30;

  /** At most this many provider calls per run of the missed-results job (the rest waits for the next slot). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  JOB_MISSED_RESULTS_MAX_CALLS = 600;

  /**
   * What scheduled runs of the retention job do: `dry_run` (default) lists what would be erased and
   * changes nothing; `erase` erases. A run started by an admin says itself whether it is a dry run.
   */
  @IsIn(['dry_run', 'erase'])
  JOB_RETENTION_MODE: 'dry_run' | 'erase' = 'dry_run';

  /** Years kept after the end of the calendar year the relationship ended (GwG §8(4): at least 5, at most 10). */
  @Transform(toInt)
  @IsInt()
  @Min(5)
  @Max(10)
  JOB_RETENTION_KEEP_YEARS = 5;

  /** The first console admin, created when no staff user exists yet (sandbox has documented defaults). */
  @IsOptional()
  @Matches(/^[^\s@]+@[^\s@]+$/, { message: 'must be an email address' })
  ADMIN_EMAIL?: string;

  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'must be at least 12 characters long' })
  ADMIN_PASSWORD?: string;

  /** Require a TOTP second factor of admins and compliance officers; default true in production. */
  @IsOptional()
  @IsIn(['true', 'false'])
  MFA_REQUIRED?: 'true' | 'false';

  /** A console session ends after this many idle minutes. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1440)
  STAFF_IDLE_TIMEOUT_MINUTES = 30;

  /** A console session ends this many hours after login, however active. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(72)
  STAFF_SESSION_MAX_HOURS = 12;

  /** How often the webhook relay looks for due deliveries, in ms; 0 stops the timer (tests drain by hand). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60000)
  WEBHOOK_TICK_MS = 1000;

  /** Time limit of one webhook delivery attempt (the verification ping uses at most 10 s). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(120000)
  WEBHOOK_TIMEOUT_MS = 30000;

  /**
   * Base of the webhook retry backoff: the retry after failed attempt n waits a random time below
   * base × 2^(n-1) (full jitter; at least 1 s, at most WEBHOOK_RETRY_CAP_MS), within the 5-day retry window.
   */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  WEBHOOK_RETRY_BASE_MS = 30000;

  /** Longest wait between two attempts of one webhook delivery (the backoff's cap). */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(21_600_000)
  WEBHOOK_RETRY_CAP_MS = 21_600_000;

  /** How long a partner POST's Idempotency-Key is remembered and its first reply replayed, in hours. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(720)
  IDEMPOTENCY_TTL_HOURS = 24;

  /**
   * How long a request may hold its Idempotency-Key before another request with the key may take it
   * over (the first one's process is presumed dead), in seconds. Keep it above the slowest partner POST.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  IDEMPOTENCY_LEASE_SECONDS = 60;

  /**
   * Where document files live: `fs` (under DATA_DIR/documents, one host) or `s3` (S3-compatible object
   * storage shared by every api and worker process). Production defaults to `s3`.
   */
  @IsOptional()
  @IsIn(DOCUMENT_STORAGES)
  DOCUMENT_STORAGE?: (typeof DOCUMENT_STORAGES)[number];

  /** How often the evidence capture looks for identifications whose provider evidence is due, in ms; 0 stops the timer. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(600000)
  EVIDENCE_TICK_MS = 2000;

  /**
   * Four eyes in the review: overriding the provider's provisional result, deciding a fraud suspicion and
   * re-identifying against the policy need a second compliance officer.
   */
  @IsIn(['true', 'false'])
  REVIEW_FOUR_EYES = 'true';

  /** How often new analytics counts are folded into the hourly and daily rollup, in ms; 0 stops the timer. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(600000)
  ANALYTICS_FOLD_TICK_MS = 5000;

  /** How often the failure-rate anomaly check runs, in ms; 0 stops the timer. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  ANALYTICS_ALERT_TICK_MS = 60000;

  /** An alert is raised when a reason's count in an hour exceeds this multiple of its hourly baseline. */
  @Transform(toInt)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(1)
  @Max(100)
  ANALYTICS_ALERT_FACTOR = 3;

  /** ... and reaches at least this many outcomes in that hour (so noise on small numbers stays quiet). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  ANALYTICS_ALERT_MIN_VOLUME = 10;

  /** The baseline: the reason's mean hourly count over this many days before the hour. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(90)
  ANALYTICS_ALERT_BASELINE_DAYS = 7;

  /** Largest document a partner may upload, in bytes (larger answers 413). */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(1024 * 1024 * 1024)
  DOCUMENT_MAX_BYTES = 25 * 1024 * 1024;

  /** S3 endpoint for non-AWS stores (MinIO, Ceph, …); unset means AWS itself. */
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'must be an http(s) URL' })
  S3_ENDPOINT?: string;

  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'must be a valid S3 bucket name' })
  S3_BUCKET?: string;

  @IsString()
  S3_REGION = 'us-east-1';

  /** Unset: the AWS SDK's default chain (instance role, AWS_* variables). */
  @IsOptional()
  @IsString()
  S3_ACCESS_KEY_ID?: string;

  @IsOptional()
  @IsString()
  S3_SECRET_ACCESS_KEY?: string;

  /** Path-style URLs (`endpoint/bucket/key`), which MinIO and most self-hosted stores need. */
  @IsIn(['true', 'false'])
  S3_FORCE_PATH_STYLE = 'true';

  /** Bearer token of GET /metrics (Prometheus); empty: the route answers 404. Never logged. */
  @IsString()
  @Matches(/^([A-Za-z0-9._~+/=-]{16,256})?$/, {
    message: 'must be empty or 16-256 characters of letters, digits and ._~+/=-',
  })
  METRICS_TOKEN = '';
}

export const SANDBOX_PARTNER_CLIENT_ID = 'sandbox-partner';
export const SANDBOX_PARTNER_CLIENT_SECRET = 'sandbox-secret-change-me';
export const SANDBOX_IDNOW_API_KEY = 'sandbox-idnow-api-key';
export const SANDBOX_ADMIN_TOKEN = 'sandbox-admin-token';
export const SANDBOX_ADMIN_EMAIL = 'admin@kyc.local';
export const SANDBOX_ADMIN_PASSWORD = 'Kyc-Sandbox-2026!';
/** Sandbox-only, published: webhook secrets of a sandbox are not secret from its operator. */
export const SANDBOX_WEBHOOK_SECRET_KEY = Buffer.from('kyc-sandbox-webhook-key-not-safe').toString('base64');

/** Settings without a default (so absent from `new Env()`'s keys). */
const OPTIONAL_SETTINGS = [
  'DATABASE_URL',
  'PARTNER_CLIENT_ID',
  'PARTNER_CLIENT_SECRET',
  'PUBLIC_URL',
  'CORS_ALLOWED_ORIGINS',
  'TRUST_PROXY',
  'IDNOW_BASE_URL',
  'IDNOW_GO_URL',
  'IDNOW_API_KEY',
  'IDNOW_CALLBACK_SECRET',
  'IDNOW_CALLBACK_IPS',
  'SANDBOX_ADMIN_TOKEN',
  'WEBHOOK_SECRET_KEY',
  'ALLOW_PRIVATE_WEBHOOK_TARGETS',
  'RUN_JOBS_IN_API',
  'ADMIN_EMAIL',
  'ADMIN_PASSWORD',
  'MFA_REQUIRED',
  'DOCUMENT_STORAGE',
  'S3_ENDPOINT',
  'S3_BUCKET',
  'S3_ACCESS_KEY_ID',
  'S3_SECRET_ACCESS_KEY',
];

export class ConfigError extends Error {}

/** Validate the environment; the error message is one line naming the first bad setting. */
export function loadEnv(raw: Record<string, string | undefined>): Env {
  const known = new Set([...Object.keys(new Env()), ...OPTIONAL_SETTINGS]);
  const picked = Object.fromEntries(Object.entries(raw).filter(([k, v]) => v !== undefined && known.has(k)));
  const env = plainToInstance(Env, picked);
  const errors = validateSync(env, { forbidUnknownValues: false });
  const first = errors[0];
  if (first) {
    const constraints = first.constraints ?? {};
    // Report the type error before range errors: "abc" is "not an integer", not "too large".
    const key =
      ['isInt', 'isIn', 'isString', 'matches'].find((k) => constraints[k]) ?? Object.keys(constraints)[0];
    const why = (key && constraints[key]) ?? 'is invalid';
    throw new ConfigError(
      `Invalid setting ${first.property}: ${why.replace(new RegExp(`^${first.property} `), '')}`,
    );
  }
  parseBranches(env.BRANCH_RESIDENCY_COUNTRIES);
  try {
    trustProxyOption(env.TRUST_PROXY);
  } catch (e) {
    if (e instanceof TrustProxyError) throw new ConfigError(`Invalid setting TRUST_PROXY: ${e.message}`);
    throw e;
  }
  if (env.APP_ENV === 'production') {
    if (env.PARTNER_CLIENT_ID || env.PARTNER_CLIENT_SECRET) {
      const setting = env.PARTNER_CLIENT_SECRET ? 'PARTNER_CLIENT_SECRET' : 'PARTNER_CLIENT_ID';
      throw new ConfigError(
        `Invalid setting ${setting}: not used in production; create clients with \`npm run partner:create\``,
      );
    }
    if (!env.IDNOW_BASE_URL || !env.IDNOW_API_KEY) {
      throw new ConfigError(
        'Invalid setting IDNOW_BASE_URL: IDNOW_BASE_URL and IDNOW_API_KEY are required in production',
      );
    }
    if (!env.WEBHOOK_SECRET_KEY) {
      throw new ConfigError('Invalid setting WEBHOOK_SECRET_KEY: is required in production');
    }
    if (env.ALLOW_PRIVATE_WEBHOOK_TARGETS === 'true') {
      throw new ConfigError('Invalid setting ALLOW_PRIVATE_WEBHOOK_TARGETS: is not allowed in production');
    }
    env.ALLOW_PRIVATE_WEBHOOK_TARGETS = 'false';
    env.RUN_JOBS_IN_API ??= 'false';
    env.MFA_REQUIRED ??= 'true';
    env.DOCUMENT_STORAGE ??= 's3';
  } else {
    env.PARTNER_CLIENT_ID ??= SANDBOX_PARTNER_CLIENT_ID;
    env.PARTNER_CLIENT_SECRET ??= SANDBOX_PARTNER_CLIENT_SECRET;
    env.IDNOW_API_KEY ??= SANDBOX_IDNOW_API_KEY;
    env.SANDBOX_ADMIN_TOKEN ??= SANDBOX_ADMIN_TOKEN;
    env.WEBHOOK_SECRET_KEY ??= SANDBOX_WEBHOOK_SECRET_KEY;
    env.ALLOW_PRIVATE_WEBHOOK_TARGETS ??= 'true';
    env.RUN_JOBS_IN_API ??= 'true';
    env.ADMIN_EMAIL ??= SANDBOX_ADMIN_EMAIL;
    env.ADMIN_PASSWORD ??= SANDBOX_ADMIN_PASSWORD;
    env.MFA_REQUIRED ??= 'false';
    env.DOCUMENT_STORAGE ??= 'fs';
  }
  if (env.DOCUMENT_STORAGE === 's3' && !env.S3_BUCKET) {
    throw new ConfigError('Invalid setting S3_BUCKET: is required when DOCUMENT_STORAGE is s3');
  }
  if (Boolean(env.S3_ACCESS_KEY_ID) !== Boolean(env.S3_SECRET_ACCESS_KEY)) {
    throw new ConfigError(
      'Invalid setting S3_ACCESS_KEY_ID: set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither',
    );
  }
  return env;
}

/** Branch residency rules; the key "null" applies to persons without a branch, as in the seed's example. */
export function parseBranches(json: string): Map<string, string[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new ConfigError('Invalid setting BRANCH_RESIDENCY_COUNTRIES: is not valid JSON');
  }
  const map = new Map<string, string[]>();
  for (const [branch, countries] of Object.entries(parsed as Record<string, unknown>)) {
    if (!Array.isArray(countries) || !countries.every((c) => typeof c === 'string' && ISO_COUNTRIES.has(c))) {
      throw new ConfigError(
        `Invalid setting BRANCH_RESIDENCY_COUNTRIES: branch "${branch}" must list ISO 3166-1 alpha-2 codes`,
      );
    }
    map.set(branch, countries as string[]);
  }
  return map;
}
