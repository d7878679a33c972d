import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

export const APP_ENVS = ['sandbox', 'production'] as const;
export type AppEnv = (typeof APP_ENVS)[number];
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

  /** JSON: branch name (or "null" for persons without a branch) to allowed residency countries. */
  @IsString()
  @Matches(/^\s*\{[\s\S]*\}\s*$/, { message: 'must be a JSON object such as {"null":["DE"]}' })
  BRANCH_RESIDENCY_COUNTRIES = '{"null":["DE"]}';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(240)
  AML_FOLLOW_UP_MONTHS = 78;
}

export const SANDBOX_PARTNER_CLIENT_ID = 'sandbox-partner';
export const SANDBOX_PARTNER_CLIENT_SECRET = 'sandbox-secret-change-me';

/** Settings without a default (so absent from `new Env()`'s keys). */
const OPTIONAL_SETTINGS = ['DATABASE_URL', 'PARTNER_CLIENT_ID', 'PARTNER_CLIENT_SECRET'];

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
    const key = ['isInt', 'isIn', 'isString', 'matches'].find((k) => constraints[k]) ?? Object.keys(constraints)[0];
    const why = (key && constraints[key]) ?? 'is invalid';
    throw new ConfigError(
      `Invalid setting ${first.property}: ${why.replace(new RegExp(`^${first.property} `), '')}`,
    );
  }
  parseBranches(env.BRANCH_RESIDENCY_COUNTRIES);
  if (env.APP_ENV === 'production') {
    if (env.PARTNER_CLIENT_ID || env.PARTNER_CLIENT_SECRET) {
      throw new ConfigError(
        'Invalid setting PARTNER_CLIENT_SECRET: not used in production; create clients with `npm run partner:create`',
      );
    }
  } else {
    env.PARTNER_CLIENT_ID ??= SANDBOX_PARTNER_CLIENT_ID;
    env.PARTNER_CLIENT_SECRET ??= SANDBOX_PARTNER_CLIENT_SECRET;
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
    if (!Array.isArray(countries) || !countries.every((c) => typeof c === 'string' && /^[A-Z]{2}$/.test(c))) {
      throw new ConfigError(
        `Invalid setting BRANCH_RESIDENCY_COUNTRIES: branch "${branch}" must list ISO 3166-1 alpha-2 codes`,
      );
    }
    map.set(branch, countries as string[]);
  }
  return map;
}
