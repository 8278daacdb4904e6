import { describe, expect, it } from 'vitest';
import { BUILTIN_RECIPES, CURATED_GRID, SYNTHETIC_GRID } from '../../migrations/1763981000000-CreateRecipes';
import { planQuotas, waterFill, type AbilityQuota } from './quota-plan';
import type { QuotaRule, RecipeSpec } from './recipe-spec';

const ABILITIES = [
  'biology',
  'history',
  'code',
  'creative_writing',
  'chinese',
  'dialogue_understanding',
  'role_play',
  'logical_reasoning',
  'cot_math',
  'ethics',
];
const SORTED = [...ABILITIES].sort();
/** Enough of everything for the largest per-ability quota (synthetic-40960: 4096 each). */
const AMPLE = new Map(ABILITIES.map((k) => [k, 5000]));

const builtin = (name: string) => BUILTIN_RECIPES.find((r) => r.name === name)!.spec as unknown as RecipeSpec;
const takes = (plan: AbilityQuota[]) => Object.fromEntries(plan.map((q) => [q.abilityKey, q.take]));
const sum = (plan: AbilityQuota[], f: 'take' | 'requested' = 'take') => plan.reduce((s, q) => s + q[f], 0);
const plan = (rule: QuotaRule, available: Map<string, number> = AMPLE, keys = ABILITIES) => planQuotas(rule, available, keys);

describe(planQuotas.name, () => {
  it.each(CURATED_GRID)('curated-%i: N/10 of every ability, N in all', (n) => {
    const p = plan(builtin(`curated-${n}`).quotas);
    expect(p.map((q) => q.abilityKey)).toEqual(SORTED);
    for (const q of p) expect(q).toMatchObject({ requested: n / 10, take: n / 10 });
    expect(sum(p)).toBe(n);
  });

  it.each(SYNTHETIC_GRID)('synthetic-%i: N/10 of every ability from the synthetic pool', (n) => {
    const spec = builtin(`synthetic-${n}`);
    expect(spec.pool).toBe('synthetic');
    const p = plan(spec.quotas);
    for (const q of p) expect(q.take).toBe(n / 10);
    expect(sum(p)).toBe(n);
  });

  it('baseline is curated-10000: 1000 of every ability', () => {
    expect(builtin('baseline')).toEqual(builtin('curated-10000'));
    expect(Object.values(takes(plan(builtin('baseline').quotas)))).toEqual(Array(10).fill(1000));
  });

  it('reconstruct: ethics and role_play 64, creative_writing 1000, the other seven 8872 evenly (remainder by key order)', () => {
    const p = plan(builtin('reconstruct').quotas);
    expect(takes(p)).toEqual({
      biology: 1268,
      chinese: 1268,
      code: 1268,
      cot_math: 1267,
      creative_writing: 1000,
      dialogue_understanding: 1267,
      ethics: 64,
      history: 1267,
      logical_reasoning: 1267,
      role_play: 64,
    });
    expect(sum(p)).toBe(10000);
    expect(sum(p, 'requested')).toBe(10000);
  });

  it('reconstruct keeps 10000 when a capped and an uncapped ability fall short (water-filling), and reports both', () => {
    const available = new Map(AMPLE).set('ethics', 40).set('cot_math', 900);
    const p = plan(builtin('reconstruct').quotas, available);
    // 10000 − (40 + 64 + 1000) = 8896 over seven: cot_math has 900 < 1271, so 7996 over six = 1332 r 4
    expect(takes(p)).toEqual({
      biology: 1333,
      chinese: 1333,
      code: 1333,
      cot_math: 900,
      creative_writing: 1000,
      dialogue_understanding: 1333,
      ethics: 40,
      history: 1332,
      logical_reasoning: 1332,
      role_play: 64,
    });
    expect(sum(p)).toBe(10000);
    const short = p.filter((q) => q.take < q.requested).map((q) => [q.abilityKey, q.requested - q.take]);
    expect(short).toEqual([
      ['cot_math', 367],
      ['ethics', 24],
    ]);
  });

  it('a total the data cannot reach takes everything there is, within the caps', () => {
    const available = new Map(ABILITIES.map((k) => [k, 500]));
    const p = plan(builtin('reconstruct').quotas, available);
    expect(takes(p)).toMatchObject({ ethics: 64, role_play: 64, creative_writing: 500, biology: 500 });
    expect(sum(p)).toBe(64 + 64 + 8 * 500);
  });

  it('maximum: the caps, and every item of the other abilities', () => {
    const available = new Map(AMPLE).set('ethics', 30).set('history', 7321);
    const p = plan(builtin('maximum').quotas, available);
    expect(takes(p)).toMatchObject({ ethics: 30, role_play: 64, creative_writing: 1000, history: 7321, code: 5000 });
    expect(p.find((q) => q.abilityKey === 'ethics')).toMatchObject({ requested: 64, take: 30 });
    expect(p.find((q) => q.abilityKey === 'history')).toMatchObject({ requested: 7321, take: 7321 });
  });

  it.each(SYNTHETIC_GRID)('mix-%i: maximum of curated plus K synthetic spread evenly', (k) => {
    const spec = builtin(`mix-${k}`);
    expect(spec.quotas).toEqual(builtin('maximum').quotas);
    const p = plan(spec.synthetic!);
    expect(sum(p)).toBe(k);
    expect(Math.max(...p.map((q) => q.take)) - Math.min(...p.map((q) => q.take))).toBeLessThanOrEqual(1);
  });

  it('a perAbility quota reports the shortfall of an ability with too few items and does not pass it on', () => {
    const p = plan({ perAbility: 256 }, new Map(AMPLE).set('role_play', 100));
    expect(p.find((q) => q.abilityKey === 'role_play')).toMatchObject({ requested: 256, available: 100, take: 100 });
    expect(sum(p)).toBe(9 * 256 + 100);
  });

  it('works with whatever abilities exist: a new ability gets its share, a counted key that is gone gets nothing', () => {
    const keys = [...ABILITIES, 'law'];
    expect(plan({ perAbility: 4 }, new Map(AMPLE).set('law', 10), keys)).toHaveLength(11);
    const p = plan({ counts: { code: 5, astronomy: 3 } }, AMPLE, keys);
    expect(p.find((q) => q.abilityKey === 'astronomy')).toEqual({ abilityKey: 'astronomy', available: 0, requested: 3, take: 0 });
    expect(p.find((q) => q.abilityKey === 'law')).toMatchObject({ requested: 0, take: 0 });
    expect(sum(p)).toBe(5);
  });
});

describe(waterFill.name, () => {
  const keys = ['a', 'b', 'c', 'd'];

  it('splits evenly with the remainder to the first keys', () => {
    expect(Object.fromEntries(waterFill(10, keys, () => 100))).toEqual({ a: 3, b: 3, c: 2, d: 2 });
  });

  it('passes a scarce key’s shortfall to the others, repeatedly', () => {
    const avail: Record<string, number> = { a: 1, b: 2, c: 100, d: 100 };
    expect(Object.fromEntries(waterFill(20, keys, (k) => avail[k]))).toEqual({ a: 1, b: 2, c: 9, d: 8 });
  });

  it('never takes less from a key as the total grows, so larger samples contain smaller ones', () => {
    const avail: Record<string, number> = { a: 3, b: 17, c: 40, d: 9 };
    let before = waterFill(0, keys, (k) => avail[k]);
    for (let total = 1; total <= 75; total++) {
      const now = waterFill(total, keys, (k) => avail[k]);
      for (const k of keys) expect(now.get(k)!).toBeGreaterThanOrEqual(before.get(k)!);
      expect([...now.values()].reduce((a, b) => a + b, 0)).toBe(Math.min(total, 69));
      before = now;
    }
  });
});
