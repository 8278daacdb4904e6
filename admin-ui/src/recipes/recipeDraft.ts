import type { FieldError } from './recipesApi';
import { shapeOf, type Pool, type QuotaRule, type RecipeSpec, type RuleShape } from './recipeTypes';

/** A quota rule as the form edits it: texts, so a half-typed number is kept until it is checked. */
export interface RuleDraft {
  shape: RuleShape;
  perAbility: string;
  total: string;
  /** Counts (shape counts) or caps (total, all), by ability key; empty = not named. */
  byAbility: Record<string, string>;
}

export interface RecipeDraft {
  name: string;
  pool: Pool;
  quotas: RuleDraft;
  withSynthetic: boolean;
  synthetic: RuleDraft;
  sources: string[];
  /** The synthetic sources a mix's synthetic part draws from (issue 15 item 4); empty = every synthetic source. */
  syntheticSources: string[];
  seed: string;
  notes: string;
}

export const NAME_PATTERN = /^[a-z][a-z0-9._-]{0,99}$/;

export const emptyRule = (): RuleDraft => ({ shape: 'perAbility', perAbility: '', total: '', byAbility: {} });

export function draftOf(spec: RecipeSpec | undefined, name = '', notes = ''): RecipeDraft {
  return {
    name,
    pool: spec?.pool ?? 'curated',
    quotas: spec ? ruleDraftOf(spec.quotas) : emptyRule(),
    withSynthetic: spec?.synthetic !== undefined,
    synthetic: spec?.synthetic ? ruleDraftOf(spec.synthetic) : { ...emptyRule(), shape: 'total' },
    sources: spec?.sources ?? [],
    syntheticSources: spec?.syntheticSources ?? [],
    seed: spec?.seed === undefined ? '' : String(spec.seed),
    notes,
  };
}

function ruleDraftOf(rule: QuotaRule): RuleDraft {
  const byAbility = 'counts' in rule ? rule.counts : 'caps' in rule ? (rule.caps ?? {}) : {};
  return {
    shape: shapeOf(rule),
    perAbility: 'perAbility' in rule ? String(rule.perAbility) : '',
    total: 'total' in rule ? String(rule.total) : '',
    byAbility: Object.fromEntries(Object.entries(byAbility).map(([k, n]) => [k, String(n)])),
  };
}

/** The spec to send, or the fields to fix first (named as the server names them). */
export function specOf(d: RecipeDraft): { spec: RecipeSpec; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const spec: RecipeSpec = { pool: d.pool, quotas: ruleOf(d.quotas, 'spec.quotas', errors) };
  if (d.withSynthetic) spec.synthetic = ruleOf(d.synthetic, 'spec.synthetic', errors);
  if (d.sources.length) spec.sources = d.sources;
  if (d.withSynthetic && d.syntheticSources.length) spec.syntheticSources = d.syntheticSources;
  if (d.seed.trim() !== '') spec.seed = count(d.seed, 'spec.seed', errors);
  return { spec, errors };
}

function ruleOf(r: RuleDraft, at: string, errors: FieldError[]): QuotaRule {
  const named = (field: string) =>
    Object.fromEntries(
      Object.entries(r.byAbility)
        .filter(([, v]) => v.trim() !== '')
        .map(([k, v]) => [k, count(v, `${at}.${field}.${k}`, errors)]),
    );
  switch (r.shape) {
    case 'perAbility':
      return { perAbility: count(r.perAbility, `${at}.perAbility`, errors) };
    case 'counts':
      return { counts: named('counts') };
    case 'total': {
      const caps = named('caps');
      return Object.keys(caps).length ? { total: count(r.total, `${at}.total`, errors), caps } : { total: count(r.total, `${at}.total`, errors) };
    }
    case 'all': {
      const caps = named('caps');
      return Object.keys(caps).length ? { all: true, caps } : { all: true };
    }
  }
}

function count(text: string, field: string, errors: FieldError[]): number {
  const n = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(n) || n < 0) errors.push({ field, message: 'pace.recipes.form.whole_number' });
  return n;
}

