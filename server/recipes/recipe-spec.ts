import type { SourceKind } from '../sources/source-views';

/**
 * A recipe is data: which pool of train items it draws from and how many items each ability gets. Quotas name
 * abilities by key, so a recipe keeps working when abilities are added or renamed.
 */
export const POOLS = ['curated', 'synthetic', 'both'] as const;
export type Pool = (typeof POOLS)[number];

/** Benchmark sources never go into training. */
export const POOL_KINDS: Record<Pool, SourceKind[]> = {
  curated: ['curation', 'generic'],
  synthetic: ['synthetic'],
  both: ['curation', 'generic', 'synthetic'],
};

export type Caps = Record<string, number>;

/** Exactly one of four shapes, told apart by the key it carries. */
export type QuotaRule =
  /** The same number for every ability (the paper's curated-N and synthetic-N). */
  | { perAbility: number }
  /** These abilities only, each its own number. */
  | { counts: Record<string, number> }
  /** Capped abilities at their cap, the rest of the total split evenly over the others (reconstruct). */
  | { total: number; caps?: Caps }
  /** Every eligible item, capped abilities at most their cap (maximum). */
  | { all: true; caps?: Caps };

export interface RecipeSpec {
  pool: Pool;
  quotas: QuotaRule;
  /** Synthetic items on top of a curated pool (the paper's mix-K). */
  synthetic?: QuotaRule;
  /** Source ids or names the recipe draws from; default every source of the pool's kinds. */
  sources?: string[];
  /**
   * The synthetic sources (ids or names) the synthetic part of a mix draws from, e.g. one GLAN run's source (issue 15
   * item 4); default `sources`, else every synthetic source. A synthetic pool names its sources in `sources`.
   */
  syntheticSources?: string[];
  /** The seed used when the caller names none. */
  seed?: number;
}

export interface FieldError {
  field: string;
  message: string;
}

export const MAX_QUOTA = 10_000_000;
const RULE_KEYS = ['perAbility', 'counts', 'total', 'all'] as const;
const SPEC_KEYS = ['pool', 'quotas', 'synthetic', 'sources', 'syntheticSources', 'seed'];

export type SpecCheck = { ok: true; spec: RecipeSpec } | { ok: false; errors: FieldError[] };

/**
 * Validates a spec from outside (JSON); every problem is reported with the field it is in (`spec.quotas.caps.ethics`).
 * With `abilityKeys`, ability keys the spec names must exist.
 */
export function checkRecipeSpec(raw: unknown, abilityKeys?: ReadonlySet<string>, at = 'spec'): SpecCheck {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field, message });
  if (!isObject(raw)) return { ok: false, errors: [{ field: at, message: 'expected an object' }] };

  for (const k of Object.keys(raw)) if (!SPEC_KEYS.includes(k)) fail(`${at}.${k}`, `unknown field; expected ${SPEC_KEYS.join(', ')}`);
  if (!POOLS.includes(raw.pool as Pool)) fail(`${at}.pool`, `expected one of ${POOLS.join(', ')}`);
  checkRule(raw.quotas, `${at}.quotas`, abilityKeys, fail);
  if (raw.synthetic !== undefined) {
    if (raw.pool !== 'curated') fail(`${at}.synthetic`, "synthetic items on top need pool 'curated'");
    checkRule(raw.synthetic, `${at}.synthetic`, abilityKeys, fail);
  }
  for (const key of ['sources', 'syntheticSources'] as const) {
    const list = raw[key];
    if (list === undefined) continue;
    if (!Array.isArray(list) || list.length === 0) fail(`${at}.${key}`, 'expected a non-empty list of source ids or names');
    else list.forEach((s, i) => {
      if (typeof s !== 'string' || s.trim() === '') fail(`${at}.${key}[${i}]`, 'expected a source id or name');
    });
  }
  if (raw.syntheticSources !== undefined && raw.synthetic === undefined) {
    fail(`${at}.syntheticSources`, 'names the sources of the synthetic items on top of a curated pool (mix): give synthetic too; a synthetic pool names its sources in sources');
  }
  if (raw.seed !== undefined && !(Number.isSafeInteger(raw.seed) && (raw.seed as number) >= 0)) {
    fail(`${at}.seed`, 'expected a whole number ≥ 0');
  }
  return errors.length ? { ok: false, errors } : { ok: true, spec: raw as unknown as RecipeSpec };
}

function checkRule(raw: unknown, at: string, abilityKeys: ReadonlySet<string> | undefined, fail: (f: string, m: string) => void): void {
  if (!isObject(raw)) return fail(at, `expected an object with one of ${RULE_KEYS.join(', ')}`);
  const shapes = RULE_KEYS.filter((k) => k in raw);
  if (shapes.length !== 1) {
    return fail(at, shapes.length ? `give only one of ${shapes.join(', ')}` : `expected one of ${RULE_KEYS.join(', ')}`);
  }
  const shape = shapes[0];
  const allowed: string[] = shape === 'total' || shape === 'all' ? [shape, 'caps'] : [shape];
  for (const k of Object.keys(raw)) if (!allowed.includes(k)) fail(`${at}.${k}`, `not allowed with ${shape}`);

  if (shape === 'perAbility') checkCount(raw.perAbility, `${at}.perAbility`, fail);
  if (shape === 'counts') checkAbilityCounts(raw.counts, `${at}.counts`, abilityKeys, fail, true);
  if (shape === 'all' && raw.all !== true) fail(`${at}.all`, 'expected true');
  if ((shape === 'total' || shape === 'all') && raw.caps !== undefined) checkAbilityCounts(raw.caps, `${at}.caps`, abilityKeys, fail, false);
  if (shape === 'total' && checkCount(raw.total, `${at}.total`, fail) && isObject(raw.caps)) {
    const capped = Object.values(raw.caps).reduce<number>((sum, n) => sum + (typeof n === 'number' ? n : 0), 0);
    if (capped > (raw.total as number)) fail(`${at}.caps`, `caps add up to ${capped}, more than the total ${String(raw.total)}`);
  }
}

function checkAbilityCounts(
  raw: unknown,
  at: string,
  abilityKeys: ReadonlySet<string> | undefined,
  fail: (f: string, m: string) => void,
  needsOne: boolean,
): void {
  if (!isObject(raw)) return fail(at, 'expected an object of ability key → number');
  if (needsOne && Object.keys(raw).length === 0) fail(at, 'name at least one ability');
  for (const [key, n] of Object.entries(raw)) {
    if (abilityKeys && !abilityKeys.has(key)) fail(`${at}.${key}`, `no ability with key "${key}"`);
    checkCount(n, `${at}.${key}`, fail);
  }
}

function checkCount(n: unknown, at: string, fail: (f: string, m: string) => void): boolean {
  if (Number.isInteger(n) && (n as number) >= 0 && (n as number) <= MAX_QUOTA) return true;
  fail(at, `expected a whole number from 0 to ${MAX_QUOTA}`);
  return false;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * What a recipe draws, part by part: its pool, then the synthetic items on top (mix); each with the sources it is
 * restricted to (`sources` names them for every part, `syntheticSources` for the mix's synthetic part), if any.
 */
export function recipeParts(spec: RecipeSpec): { pool: Pool; rule: QuotaRule; sources?: string[]; sourcesField: 'sources' | 'syntheticSources' }[] {
  const parts: ReturnType<typeof recipeParts> = [{ pool: spec.pool, rule: spec.quotas, sources: spec.sources, sourcesField: 'sources' }];
  if (spec.synthetic) {
    parts.push(
      spec.syntheticSources
        ? { pool: 'synthetic', rule: spec.synthetic, sources: spec.syntheticSources, sourcesField: 'syntheticSources' }
        : { pool: 'synthetic', rule: spec.synthetic, sources: spec.sources, sourcesField: 'sources' },
    );
  }
  return parts;
}

/** Ability keys a rule names (counts or caps). */
export function abilityKeysOf(rule: QuotaRule): string[] {
  if ('perAbility' in rule) return [];
  if ('counts' in rule) return Object.keys(rule.counts);
  return Object.keys(rule.caps ?? {});
}
