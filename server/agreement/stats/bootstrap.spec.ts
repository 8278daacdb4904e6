import { describe, expect, it } from 'vitest';
import { bootstrapCi } from './bootstrap';
import { cohenKappa, percentAgreementTable } from './contingency';
import { fleissKappa } from './fleiss-kappa';
import { PLATFORM_SCALE, PREVALENCE_PARADOX } from './golden-vectors';
import { gwetAc1 } from './gwet-ac1';
import { krippendorffAlpha } from './krippendorff-alpha';
import { percentAgreement } from './percent-agreement';
import type { WeightedUnit } from './types';
import { unitsFromTable } from './units';

/** Two raters, 1000 units: 850 agree (800 accept, 50 reject), 150 split. */
const THOUSAND: WeightedUnit[] = [
  { counts: [2, 0], weight: 800 },
  { counts: [0, 2], weight: 50 },
  { counts: [1, 1], weight: 150 },
];
const times = (units: WeightedUnit[], k: number) => units.map((u) => ({ ...u, weight: u.weight * k }));
const alpha = (units: WeightedUnit[]) => krippendorffAlpha(units).value;

describe(bootstrapCi.name, () => {
  it('contains the estimate', () => {
    for (const statistic of [alpha, percentAgreement, (u: WeightedUnit[]) => gwetAc1(u).value, (u: WeightedUnit[]) => fleissKappa(u).value]) {
      const ci = bootstrapCi(THOUSAND, statistic, { seed: 1 });
      expect(ci.estimate).toBe(statistic(THOUSAND));
      expect(ci.low as number).toBeLessThan(ci.estimate as number);
      expect(ci.high as number).toBeGreaterThan(ci.estimate as number);
      expect(ci.replicates).toBe(1000);
      expect(ci.undefinedReplicates).toBe(0);
    }
  });

  it('is narrower for more data, by about √10 for 10 times the units', () => {
    const small = bootstrapCi(THOUSAND, alpha, { seed: 2 });
    const large = bootstrapCi(times(THOUSAND, 10), alpha, { seed: 2 });
    const ratio = ((small.high as number) - (small.low as number)) / ((large.high as number) - (large.low as number));
    expect(ratio).toBeGreaterThan(Math.sqrt(10) * 0.8);
    expect(ratio).toBeLessThan(Math.sqrt(10) * 1.25);
  });

  it('gives the same interval for the same seed, and another for another seed', () => {
    const a = bootstrapCi(THOUSAND, alpha, { seed: 99 });
    expect(bootstrapCi(THOUSAND, alpha, { seed: 99 })).toEqual(a);
    expect(bootstrapCi(THOUSAND, alpha, { seed: 100 })).not.toEqual(a);
  });

  it('for percent agreement, is close to the normal-approximation interval p ± 1.96 √(p(1 − p)/N)', () => {
    const p = 0.85;
    const halfWidth = 1.959964 * Math.sqrt((p * (1 - p)) / 1000);
    const ci = bootstrapCi(THOUSAND, percentAgreement, { seed: 3, replicates: 4000 });
    expect(Math.abs((ci.low as number) - (p - halfWidth))).toBeLessThan(0.002);
    expect(Math.abs((ci.high as number) - (p + halfWidth))).toBeLessThan(0.002);
  });

  it('honours the level: a 50% interval lies inside the 95% one', () => {
    const wide = bootstrapCi(THOUSAND, alpha, { seed: 4 });
    const narrow = bootstrapCi(THOUSAND, alpha, { seed: 4, level: 0.5 });
    expect(narrow.low as number).toBeGreaterThan(wide.low as number);
    expect(narrow.high as number).toBeLessThan(wide.high as number);
  });

  it('resamples a contingency table’s cells the same way as the matching units', () => {
    const table = [[30, 10], [20, 40]];
    const fromTable = bootstrapCi(table, percentAgreementTable, { seed: 5 });
    const fromUnits = bootstrapCi(unitsFromTable(table), percentAgreement, { seed: 5 });
    expect(fromTable.low).toBeCloseTo(fromUnits.low as number, 12);
    expect(fromTable.high).toBeCloseTo(fromUnits.high as number, 12);
  });

  it('vector 9 (prevalence paradox) table: a κ interval around 0.3144', () => {
    const ci = bootstrapCi(PREVALENCE_PARADOX, (t) => cohenKappa(t).value, { seed: 6 });
    expect(ci.estimate).toBeCloseTo(0.3144, 4);
    expect(ci.low as number).toBeLessThan(0.3144);
    expect(ci.high as number).toBeGreaterThan(0.3144);
  });

  it('skips replicates where the statistic is undefined and counts them', () => {
    // Two units, one single-rated: a resample of only that unit (chance 1/4) has no percent agreement.
    const units = [{ counts: [2, 0], weight: 1 }, { counts: [1, 0], weight: 1 }];
    const ci = bootstrapCi(units, percentAgreement, { seed: 7 });
    expect(ci.undefinedReplicates).toBeGreaterThan(180);
    expect(ci.undefinedReplicates).toBeLessThan(320);
    expect(ci.replicates + ci.undefinedReplicates).toBe(1000);
    expect(ci).toMatchObject({ estimate: 1, low: 1, high: 1 });
  });

  it('returns nulls when the estimate is undefined', () => {
    expect(bootstrapCi([{ counts: [1, 0], weight: 4 }], percentAgreement, { seed: 8 })).toEqual({
      estimate: null,
      low: null,
      high: null,
      replicates: 0,
      undefinedReplicates: 0,
    });
    expect(bootstrapCi([], alpha, { seed: 8 }).estimate).toBeNull();
  });

  it('needs whole units and sane options', () => {
    expect(() => bootstrapCi([{ counts: [2, 0], weight: 1.5 }], alpha, { seed: 1 })).toThrow(RangeError);
    expect(() => bootstrapCi(THOUSAND, alpha, { seed: 1, replicates: 0 })).toThrow(RangeError);
    expect(() => bootstrapCi(THOUSAND, alpha, { seed: 1, level: 1 })).toThrow(RangeError);
  });

  it('handles 700,000 units in 3 patterns: a tight α interval', () => {
    const ci = bootstrapCi(PLATFORM_SCALE, alpha, { seed: 9 });
    expect(ci.low as number).toBeLessThan(ci.estimate as number);
    expect(ci.high as number).toBeGreaterThan(ci.estimate as number);
    expect((ci.high as number) - (ci.low as number)).toBeLessThan(0.01);
  });
});
