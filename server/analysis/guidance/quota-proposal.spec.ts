import { describe, expect, it } from 'vitest';
import type { AbilityFit } from './ability-fit';
import { GuidanceInputError } from './guidance-input';
import { DEFAULT_QUOTA_FLOOR, proposeQuotas, type QuotaAbilityInput, type QuotaProposal } from './quota-proposal';

// Issue 13 item 6: crafted fits in the shape of the DoIT findings (doit-results.md finding 4): ethics and role_play
// resistant, creative_writing plateaued from 1,000 items, code and history responsive (code twice as sensitive).
const FITS: Record<string, AbilityFit> = {
  ethics: { alpha: 0.002, b: 0.6, class: 'resistant' },
  role_play: { alpha: -0.001, b: 0.5, class: 'resistant' },
  creative_writing: { alpha: 0.02, b: 0.3, class: 'plateaued', plateauStart: 1000 },
  code: { alpha: 0.06, b: 0.1, class: 'responsive' },
  history: { alpha: 0.03, b: 0.2, class: 'responsive' },
};
const ABILITIES: QuotaAbilityInput[] = [
  { ability: 'ethics', fit: FITS.ethics, available: 1200, current: 1000 },
  { ability: 'role_play', fit: FITS.role_play, available: 50, current: 50 },
  { ability: 'creative_writing', fit: FITS.creative_writing, available: 1200, current: 1000 },
  { ability: 'code', fit: FITS.code, available: 5168, current: 1000 },
  { ability: 'history', fit: FITS.history, available: 2093, current: 1000 },
];

const quotaOf = (p: QuotaProposal, ability: string) => p.quotas.find((q) => q.ability === ability) as QuotaProposal['quotas'][number];
const keysOf = (p: QuotaProposal, ability: string) => quotaOf(p, ability).reasons.map((r) => r.key);

/** The rule stated plainly: one item at a time to the ability whose next item adds most (reference for the fast path). */
function naiveGreedy(budget: number, abilities: readonly QuotaAbilityInput[], floor: number): number[] {
  const limits = abilities.map((a) =>
    Math.min(a.available, a.fit.class === 'responsive' ? Infinity : a.fit.class === 'plateaued' ? (a.fit.plateauStart as number) : floor),
  );
  const n = limits.map((l) => Math.min(floor, l));
  let left = budget - n.reduce((s, x) => s + x, 0);
  const gain = (k: number) => (n[k] === 0 ? Infinity : abilities[k].fit.alpha * Math.log((n[k] + 1) / n[k]));
  while (left > 0) {
    let best = -1;
    for (let k = 0; k < n.length; k++) {
      const open = (abilities[k].fit.class === 'responsive' || abilities[k].fit.class === 'plateaued') && n[k] < limits[k];
      if (open && (best < 0 || gain(k) > gain(best))) best = k;
    }
    if (best < 0) break;
    n[best] += 1;
    left -= 1;
  }
  return n;
}

describe(proposeQuotas.name, () => {
  it('issue 13 item 6: resistant abilities at the floor, the budget met exactly, the rest in proportion to α', () => {
    const p = proposeQuotas(5000, ABILITIES);
    expect(p.floor).toBe(DEFAULT_QUOTA_FLOOR);
    expect(p.allocated).toBe(5000);
    expect(p.unallocated).toBe(0);
    expect(p.quotas.reduce((s, q) => s + q.quota, 0)).toBe(5000);
    expect(p.reasons.map((r) => r.key)).toEqual(['pace.guidance.budget.met']);
    expect(quotaOf(p, 'ethics').quota).toBe(64);
    expect(keysOf(p, 'ethics')[0]).toBe('pace.guidance.quota.resistant');
    // role_play has only 50 items: its floor is what is available, and the reason says so
    expect(quotaOf(p, 'role_play').quota).toBe(50);
    expect(keysOf(p, 'role_play')).toContain('pace.guidance.quota.availableLimit');
    // 5000 − 64 − 50 = 4886 items for the three that grow; equal marginal gain α·ln((n+1)/n) ≈ α/(n+½) gives
    // n + ½ ∝ α: code 0.06, history 0.03, creative_writing 0.02 → about 2665, 1332, 888 (cap 1000 not reached)
    const code = quotaOf(p, 'code').quota;
    const history = quotaOf(p, 'history').quota;
    const cw = quotaOf(p, 'creative_writing').quota;
    expect(code + history + cw).toBe(4886);
    const lambda = 4886 / 0.11;
    expect(Math.abs(code - 0.06 * lambda)).toBeLessThanOrEqual(2);
    expect(Math.abs(history - 0.03 * lambda)).toBeLessThanOrEqual(2);
    expect(Math.abs(cw - 0.02 * lambda)).toBeLessThanOrEqual(2);
    // optimality: no item can move to another ability and add more than it loses
    const last = (fit: AbilityFit, n: number) => fit.alpha * Math.log(n / (n - 1));
    const next = (fit: AbilityFit, n: number) => fit.alpha * Math.log((n + 1) / n);
    for (const [a, na] of [['code', code], ['history', history], ['creative_writing', cw]] as const) {
      for (const [b, nb] of [['code', code], ['history', history], ['creative_writing', cw]] as const) {
        if (a !== b) expect(last(FITS[a], na), `${a} → ${b}`).toBeGreaterThanOrEqual(next(FITS[b], nb) - 1e-15);
      }
    }
  });

  it('issue 13 item 6: caps a plateaued ability at the volume its plateau starts and never exceeds available items', () => {
    // 8000 − 114 = 7886 for the three: in proportion to α, creative_writing would get ~1434 and history ~2151, but the
    // cap is 1000 and history has only 2093 items, so code takes the rest: 7886 − 1000 − 2093 = 4793
    const p = proposeQuotas(8000, ABILITIES);
    expect(p.quotas.map((q) => [q.ability, q.quota])).toEqual([
      ['ethics', 64],
      ['role_play', 50],
      ['creative_writing', 1000],
      ['code', 4793],
      ['history', 2093],
    ]);
    expect(p.unallocated).toBe(0);
    expect(keysOf(p, 'creative_writing')[0]).toBe('pace.guidance.quota.plateaued');
    expect(quotaOf(p, 'creative_writing').reasons[0].text).toEqual({
      en: 'creative_writing has plateaued from about 1000 items, so it is capped at 1000.',
      'zh-CN': 'creative_writing 约从 1000 条起进入平台期,因此上限为 1000 条。',
    });
    expect(keysOf(p, 'history')).toContain('pace.guidance.quota.availableLimit');
    // a cap from the options overrides the plateau start
    const capped = proposeQuotas(8000, ABILITIES, { plateauCap: 500 });
    expect(quotaOf(capped, 'creative_writing').quota).toBe(500);
    // the 500 items freed would go to code, but it has only 5168: 125 are left over (64 + 50 + 500 + 5168 + 2093 = 7875)
    expect(capped.quotas.map((q) => q.quota)).toEqual([64, 50, 500, 5168, 2093]);
    expect(capped.unallocated).toBe(125);
  });

  it('issue 13 item 6: reports the expected score change from the fit, in both languages', () => {
    const p = proposeQuotas(8000, ABILITIES);
    const code = quotaOf(p, 'code');
    expect(code.expectedChange).toBeCloseTo(0.06 * Math.log(4793 / 1000), 12);
    expect(code.expectedScore).toBeCloseTo(0.06 * Math.log(4793) + 0.1, 12);
    expect(code.lastItemGain).toBeCloseTo(0.06 * Math.log(4793 / 4792), 15);
    const change = code.reasons.find((r) => r.key === 'pace.guidance.quota.expectedChange');
    expect(change?.text).toEqual({
      en: 'Expected score change +0.094 (fitted curve, 1000 → 4793 items).',
      'zh-CN': '预期分数变化 +0.094(按拟合曲线,1000 → 4793 条)。',
    });
    // ethics is cut from 1000 to 64: a (small) loss on its flat curve
    expect(quotaOf(p, 'ethics').expectedChange).toBeCloseTo(0.002 * Math.log(64 / 1000), 12);
    // with no current items there is no change, only the fitted score
    const fresh = proposeQuotas(200, [{ ability: 'code', fit: FITS.code, available: 300, current: 0 }]);
    expect(fresh.quotas[0]).toMatchObject({ quota: 200, expectedChange: null });
    expect(fresh.quotas[0].reasons.map((r) => r.key)).toContain('pace.guidance.quota.noCurrentItems');
  });

  it('issue 13 item 6: says how many items are left over when every ability is at its floor, cap or available items', () => {
    // at most 64 + 50 + 1000 + 5168 + 2093 = 8375 can be placed
    const p = proposeQuotas(10_000, ABILITIES);
    expect(p.allocated).toBe(8375);
    expect(p.unallocated).toBe(1625);
    expect(p.quotas.map((q) => q.quota)).toEqual([64, 50, 1000, 5168, 2093]);
    expect(p.quotas.map((q) => q.limit)).toEqual([64, 50, 1000, 5168, 2093]);
    expect(p.reasons[0].key).toBe('pace.guidance.budget.notEnoughItems');
    expect(p.reasons[0].text.en).toBe(
      'Only 8375 of the 10000 items can be allocated (1625 left over): every ability is at its floor, its cap or its available items.',
    );
  });

  it('issue 13 item 6: cuts every floor in proportion when the budget is below the floors (largest remainders)', () => {
    // floors 64, 50, 64, 64, 64 = 306 > 200: shares 41.83 ×4 and 32.68 → 41 ×4 + 32 = 196, the four .83s get the 4 left
    const p = proposeQuotas(200, ABILITIES);
    expect(p.quotas.map((q) => q.quota)).toEqual([42, 32, 42, 42, 42]);
    expect(p.allocated).toBe(200);
    expect(p.reasons[0]).toMatchObject({ key: 'pace.guidance.budget.belowFloors', params: { budget: 200, needed: 306 } });
    expect(keysOf(p, 'code')).toContain('pace.guidance.quota.cutToBudget');
  });

  it('gives size-sensitive-only abilities the floor too: their α_D is no evidence that data helps', () => {
    const p = proposeQuotas(1000, [
      { ability: 'biology', fit: { alpha: 0.5, b: 0, class: 'size-sensitive-only' }, available: 1242, current: 100 },
      { ability: 'history', fit: FITS.history, available: 2093, current: 100 },
    ]);
    expect(p.quotas.map((q) => q.quota)).toEqual([64, 936]);
    expect(keysOf(p, 'biology')[0]).toBe('pace.guidance.quota.sizeSensitiveOnly');
  });

  it('matches the one-item-at-a-time greedy on seeded random fits and budgets', () => {
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const classes = ['resistant', 'size-sensitive-only', 'plateaued', 'responsive', 'responsive'] as const;
    let compared = 0;
    for (let trial = 0; trial < 40; trial++) {
      const abilities: QuotaAbilityInput[] = Array.from({ length: 2 + Math.floor(random() * 8) }, (_, k) => {
        const cls = classes[Math.floor(random() * classes.length)];
        return {
          ability: `a${k}`,
          // some abilities share an α, so that equal gains (ties, to the earlier ability) occur
          fit: { alpha: random() < 0.4 ? [0.02, 0.05][Math.floor(random() * 2)] : random() * 0.1, b: 0, class: cls, plateauStart: cls === 'plateaued' ? 16 + Math.floor(random() * 2000) : undefined },
          available: Math.floor(random() * 3000),
          current: Math.floor(random() * 1000),
        };
      });
      const budget = Math.floor(random() * 12_000);
      const floor = Math.floor(random() * 100);
      const p = proposeQuotas(budget, abilities, { floor });
      const needed = naiveGreedy(0, abilities, floor).reduce((sum, n) => sum + n, 0); // the floors alone
      if (needed <= budget) {
        expect(p.quotas.map((q) => q.quota), `trial ${trial}`).toEqual(naiveGreedy(budget, abilities, floor));
        compared += 1;
      } else {
        expect(p.allocated, `trial ${trial}: floors cut to the budget`).toBe(budget);
      }
      expect(p.allocated, `trial ${trial}`).toBeLessThanOrEqual(budget);
      for (const q of p.quotas) expect(q.quota, `trial ${trial} ${q.ability}`).toBeLessThanOrEqual(q.available);
    }
    expect(compared).toBeGreaterThan(25);
  });

  it('splits a budget of a million items exactly among equally sensitive abilities, ties to the earlier ones', () => {
    const equal = Array.from({ length: 10 }, (_, k) => ({ ability: `a${k}`, fit: FITS.code, available: 200_000, current: 10 }));
    const p = proposeQuotas(1_000_003, equal);
    expect(p.quotas.map((q) => q.quota)).toEqual([100_001, 100_001, 100_001, ...Array(7).fill(100_000)]);
    expect(p.unallocated).toBe(0);
  });

  it('refuses bad input, naming each ability and field', () => {
    let error: unknown;
    try {
      proposeQuotas(100.5, [
        { ability: 'code', fit: { alpha: Number.NaN, b: 0, class: 'responsive' }, available: -1, current: 0 },
        { ability: 'creative_writing', fit: { alpha: 0.1, b: 0, class: 'plateaued' }, available: 10, current: 0 },
        { ability: 'code', fit: { alpha: 0.1, b: 0, class: 'growing' as never }, available: 10, current: 1.5 },
      ]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GuidanceInputError);
    expect((error as GuidanceInputError).problems).toEqual([
      'budget must be a non-negative integer, got 100.5',
      'ability "code" is listed twice',
      'code: fit.alpha must be a finite number, got NaN',
      'code: available must be a non-negative integer, got -1',
      'creative_writing: plateaued, but fit.plateauStart (the volume the cap defaults to) is missing',
      'code: fit.class must be one of resistant, size-sensitive-only, plateaued, responsive, got growing',
      'code: current must be a non-negative integer, got 1.5',
    ]);
  });
});
