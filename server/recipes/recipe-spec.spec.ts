import { describe, expect, it } from 'vitest';
import { BUILTIN_RECIPES } from '../../migrations/1763981000000-CreateRecipes';
import { checkRecipeSpec, recipeParts, type RecipeSpec } from './recipe-spec';

const KEYS = new Set(['biology', 'history', 'code', 'creative_writing', 'chinese', 'dialogue_understanding', 'role_play', 'logical_reasoning', 'cot_math', 'ethics']);
const errorsOf = (raw: unknown) => {
  const r = checkRecipeSpec(raw, KEYS);
  return r.ok ? [] : r.errors;
};

describe(checkRecipeSpec.name, () => {
  it.each(BUILTIN_RECIPES.map((r) => [r.name, r.spec]))('accepts the built-in %s', (_, spec) => {
    expect(errorsOf(spec)).toEqual([]);
  });

  it('accepts every quota shape, sources and a seed', () => {
    expect(errorsOf({ pool: 'both', quotas: { counts: { code: 3 } }, sources: ['logiqa2'], seed: 7 })).toEqual([]);
    expect(errorsOf({ pool: 'curated', quotas: { total: 100 } })).toEqual([]);
    expect(errorsOf({ pool: 'curated', quotas: { all: true } })).toEqual([]);
  });

  it('names the field of each problem', () => {
    expect(
      errorsOf({ pool: 'mixed', quotas: { total: 100, caps: { ethics: -1, ethcs: 2 } }, seed: 1.5, sources: [''], extra: 1 }),
    ).toEqual([
      { field: 'spec.extra', message: 'unknown field; expected pool, quotas, synthetic, sources, syntheticSources, seed' },
      { field: 'spec.pool', message: 'expected one of curated, synthetic, both' },
      { field: 'spec.quotas.caps.ethics', message: 'expected a whole number from 0 to 10000000' },
      { field: 'spec.quotas.caps.ethcs', message: 'no ability with key "ethcs"' },
      { field: 'spec.sources[0]', message: 'expected a source id or name' },
      { field: 'spec.seed', message: 'expected a whole number ≥ 0' },
    ]);
  });

  it('wants exactly one quota shape, with only its own fields', () => {
    expect(errorsOf({ pool: 'curated', quotas: {} })).toEqual([{ field: 'spec.quotas', message: 'expected one of perAbility, counts, total, all' }]);
    expect(errorsOf({ pool: 'curated', quotas: { perAbility: 1, total: 10 } })).toEqual([
      { field: 'spec.quotas', message: 'give only one of perAbility, total' },
    ]);
    expect(errorsOf({ pool: 'curated', quotas: { perAbility: 1, caps: { code: 1 } } })).toEqual([
      { field: 'spec.quotas.caps', message: 'not allowed with perAbility' },
    ]);
    expect(errorsOf({ pool: 'curated', quotas: { counts: {} } })).toEqual([{ field: 'spec.quotas.counts', message: 'name at least one ability' }]);
    expect(errorsOf({ pool: 'curated', quotas: { all: 'yes' } })).toEqual([{ field: 'spec.quotas.all', message: 'expected true' }]);
  });

  it('refuses caps that exceed the total', () => {
    expect(errorsOf({ pool: 'curated', quotas: { total: 100, caps: { ethics: 64, role_play: 64 } } })).toEqual([
      { field: 'spec.quotas.caps', message: 'caps add up to 128, more than the total 100' },
    ]);
  });

  it('allows synthetic items on top only of a curated pool', () => {
    expect(errorsOf({ pool: 'synthetic', quotas: { perAbility: 1 }, synthetic: { total: 10 } })).toEqual([
      { field: 'spec.synthetic', message: "synthetic items on top need pool 'curated'" },
    ]);
    expect(errorsOf({ pool: 'curated', quotas: { perAbility: 1 }, synthetic: { total: -10 } })).toEqual([
      { field: 'spec.synthetic.total', message: 'expected a whole number from 0 to 10000000' },
    ]);
  });

  it('issue 15 item 4: a mix names the synthetic sources of its synthetic part; syntheticSources needs a synthetic part', () => {
    const mix = { pool: 'curated', quotas: { all: true }, synthetic: { perAbility: 10 }, syntheticSources: ['GLAN run 1'] };
    expect(checkRecipeSpec(mix)).toEqual({ ok: true, spec: mix });
    expect(recipeParts(mix as RecipeSpec).map((p) => [p.pool, p.sources, p.sourcesField])).toEqual([
      ['curated', undefined, 'sources'],
      ['synthetic', ['GLAN run 1'], 'syntheticSources'],
    ]);
    expect(errorsOf({ pool: 'synthetic', quotas: { perAbility: 1 }, syntheticSources: ['GLAN run 1'] })).toEqual([
      { field: 'spec.syntheticSources', message: expect.stringMatching(/^names the sources of the synthetic items on top of a curated pool \(mix\): give synthetic too/) },
    ]);
    expect(errorsOf({ pool: 'curated', quotas: { all: true }, synthetic: { perAbility: 1 }, syntheticSources: [] })).toEqual([
      { field: 'spec.syntheticSources', message: 'expected a non-empty list of source ids or names' },
    ]);
    expect(errorsOf({ pool: 'curated', quotas: { all: true }, synthetic: { perAbility: 1 }, syntheticSources: ['ok', ' '] })).toEqual([
      { field: 'spec.syntheticSources[1]', message: 'expected a source id or name' },
    ]);
  });

  it('without ability keys, does not check them', () => {
    expect(checkRecipeSpec({ pool: 'curated', quotas: { counts: { anything: 1 } } }).ok).toBe(true);
    expect(checkRecipeSpec('curated-10')).toEqual({ ok: false, errors: [{ field: 'spec', message: 'expected an object' }] });
  });
});
