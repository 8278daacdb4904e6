import { isIP } from 'node:net';
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/**
 * Express's `trust proxy`, narrowed to the safe forms: a hop count, or a comma-separated list of addresses, CIDR
 * ranges and Express's names for them (`loopback`, `linklocal`, `uniquelocal`). `true` (trust every hop) is refused:
 * any client could then choose the address its sign-in attempts are counted under.
 */
const trustProxy = z.string().transform((value, ctx) => {
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value.split(',').map((e) => e.trim());
  const bad = entries.filter((e) => !['loopback', 'linklocal', 'uniquelocal'].includes(e) && !isAddressOrRange(e));
  if (bad.length) {
    ctx.addIssue({ code: 'custom', message: `expected a hop count or a comma-separated list of addresses, CIDR ranges, loopback, linklocal or uniquelocal; not ${bad.map((b) => JSON.stringify(b)).join(', ')}` });
    return z.NEVER;
  }
  return entries;
});

function isAddressOrRange(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (!version || rest.length) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128));
}

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  PACE_DATA_DIR: z.string().min(1).default('.pace-data'),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54320),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ACCESS_TOKEN_TTL_S: z.coerce.number().int().min(30).default(900),
  REFRESH_TOKEN_TTL_S: z.coerce.number().int().min(60).default(7 * 24 * 3600),
  /** Seconds after a refresh during which the rotated token still answers (two tabs refreshing at once); later reuse revokes its session. */
  REFRESH_REUSE_GRACE_S: z.coerce.number().min(0).max(60).default(10),
  /** Failed sign-ins one client address may make per minute, whichever accounts they name. */
  LOGIN_RATE_LIMIT_PER_MIN: z.coerce.number().int().min(1).default(10),
  /** Failed sign-ins an account may have before each further attempt must wait, first LOGIN_DELAY_MS, doubling per failure up to LOGIN_MAX_DELAY_S. */
  LOGIN_FREE_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_DELAY_MS: z.coerce.number().int().min(1).default(1000),
  LOGIN_MAX_DELAY_S: z.coerce.number().int().min(1).default(300),
  /** Which proxies' X-Forwarded-For to believe for the client's address (see trustProxy above); unset: none. */
  TRUST_PROXY: trustProxy.optional(),
  PACE_ADMIN_EMAIL: z.string().email().default('admin@pace.local'),
  PACE_IN_PROCESS_WORKER: bool.default(true),
  /**
   * The 32-byte server key (64 hex digits or base64) LLM endpoints' API keys are encrypted with at rest (issue 15
   * item 3). Optional: without it, keys are given as environment variable names. Checked here so a malformed key stops
   * start-up instead of the first endpoint.
   */
  PACE_SECRET_KEY: z
    .string()
    .optional()
    .refine((v) => v === undefined || v.trim() === '' || /^[0-9a-f]{64}$/i.test(v.trim()) || (/^[A-Za-z0-9+/_-]+={0,2}$/.test(v.trim()) && Buffer.from(v.trim().replace(/-/g, '+').replace(/_/g, '/'), 'base64').length === 32), 'must be a 32-byte key: 64 hex digits or base64 (e.g. `openssl rand -base64 32`)'),
  DEDUP_NEAR_THRESHOLD: z.coerce.number().gt(0).max(1).default(0.8),
  DEDUP_NGRAM: z.coerce.number().int().min(1).max(32).default(5),
  DEDUP_NUM_PERM: z.coerce.number().int().min(8).max(512).default(64),
  IMPORT_MAX_LINE_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
  IMPORT_BATCH_SIZE: z.coerce.number().int().min(1).max(50_000).default(2000),
  /** Threads that read and standardize an import's records beside the one talking to PostgreSQL. */
  IMPORT_WORKERS: z.coerce.number().int().min(1).max(16).default(2),
  UPLOAD_MAX_BYTES: z.coerce.number().int().min(1024).default(4 * 1024 ** 3),
  REVIEW_LEASE_S: z.coerce.number().int().min(1).default(30 * 60),
  /** Character-level edit ratio bounds for distractors: fine ones must stay close to the gold, coarse ones far. */
  DISTRACTOR_FINE_MAX_EDIT_RATIO: z.coerce.number().gt(0).max(1).default(0.35),
  DISTRACTOR_COARSE_MIN_EDIT_RATIO: z.coerce.number().gt(0).max(1).default(0.5),
  /** Least time between two pushes of refreshed agreement statistics to leads. */
  LIVE_STATS_INTERVAL_MS: z.coerce.number().int().min(100).default(5000),
  /**
   * How often the app folds the decisions' agreement count deltas into the totals (see the ReviewsUnderLoad
   * migration); 0: never (reads stay exact either way, they add unfolded deltas).
   */
  AGREEMENT_FOLD_MS: z.coerce.number().int().min(0).default(1000),
  SLOW_QUERY_MS: z.coerce.number().int().min(1).default(1000),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
  /** Folders base models may be registered from and opened in (colon- or comma-separated absolute paths); default <PACE_DATA_DIR>/models. */
  PACE_MODEL_ROOTS: z
    .string()
    .refine((v) => splitRoots(v).length > 0 && splitRoots(v).every((r) => isAbsolute(r)), 'must be absolute paths separated by ":" or ","')
    .optional(),
});

export type Env = z.infer<typeof envSchema> & { dataDir: string; modelRoots: string[] };

export class ConfigError extends Error {}

/** Parses and validates the environment once; a bad value names the variable and why. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const raw = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const name = String(i.path[0]);
      return `  ${name}=${JSON.stringify(source[name])}: ${i.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const dataDir = resolve(parsed.data.PACE_DATA_DIR);
  const modelRoots = parsed.data.PACE_MODEL_ROOTS ? splitRoots(parsed.data.PACE_MODEL_ROOTS).map((r) => resolve(r)) : [join(dataDir, 'models')];
  return { ...parsed.data, dataDir, modelRoots };
}

function splitRoots(value: string): string[] {
  return value
    .split(/[:,]/)
    .map((r) => r.trim())
    .filter(Boolean);
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= loadEnv();
  return cached;
}

/** For tests that change the environment between app instances. */
export function resetEnvCache(): void {
  cached = undefined;
}
