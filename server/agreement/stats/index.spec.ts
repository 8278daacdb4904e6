import { describe, expect, it } from 'vitest';
import * as stats from './index';
import { PLATFORM_SCALE } from './golden-vectors';
import type { WeightedUnit } from './types';

describe('agreement stats (index)', () => {
  it('computes every statistic with 1000-replicate intervals on 700,000 accept/reject units in 3 patterns', () => {
    const statistics: Record<string, (units: WeightedUnit[]) => stats.Coefficient> = {
      percentAgreement: stats.percentAgreement,
      krippendorffAlpha: (u) => stats.krippendorffAlpha(u).value,
      fleissKappa: (u) => stats.fleissKappa(u).value,
      gwetAc1: (u) => stats.gwetAc1(u).value,
    };
    const intervals = Object.fromEntries(
      Object.entries(statistics).map(([name, statistic]) => [name, stats.bootstrapCi(PLATFORM_SCALE, statistic, { seed: 2024 })]),
    );
    // p_o = 620/700; pooled accept share 1,280/1,400. The prevalence paradox: κ and α low, AC1 high.
    const po = 620 / 700;
    const accept = 1280 / 1400;
    const piExpected = accept ** 2 + (1 - accept) ** 2;
    const ac1Expected = 2 * accept * (1 - accept);
    expect(intervals.percentAgreement.estimate).toBeCloseTo(po, 12);
    expect(intervals.fleissKappa.estimate).toBeCloseTo((po - piExpected) / (1 - piExpected), 12);
    expect(intervals.gwetAc1.estimate).toBeCloseTo((po - ac1Expected) / (1 - ac1Expected), 12);
    expect(intervals.krippendorffAlpha.estimate).toBeCloseTo(intervals.fleissKappa.estimate as number, 5);
    for (const ci of Object.values(intervals)) {
      expect(ci.undefinedReplicates).toBe(0);
      expect(ci.low as number).toBeLessThan(ci.estimate as number);
      expect(ci.high as number).toBeGreaterThan(ci.estimate as number);
    }
  });

  it('vector 10: returns null, never NaN, on degenerate input', () => {
    const tables = [[], [[0]], [[0, 0], [0, 0]], [[4]], [[4, 0], [0, 0]], [[0, 0], [0, 4]]];
    const unitSets: WeightedUnit[][] = [
      [],
      [{ counts: [], weight: 3 }],
      [{ counts: [0, 0], weight: 3 }],
      [{ counts: [1, 0], weight: 3 }],
      [{ counts: [2, 0], weight: 0 }],
      [{ counts: [2, 0], weight: 3 }],
      [{ counts: [0, 5], weight: 1 }],
    ];
    const values: stats.Coefficient[] = [
      ...tables.flatMap((t) => [
        stats.percentAgreementTable(t),
        stats.bennettS(t).value,
        stats.scottPi(t).value,
        stats.cohenKappa(t).value,
        stats.gwetAc1Table(t).value,
      ]),
      ...unitSets.flatMap((u) => [
        stats.percentAgreement(u),
        stats.fleissKappa(u).value,
        ...stats.fleissKappa(u).perCategory,
        stats.gwetAc1(u).value,
        ...(['nominal', 'ordinal', 'interval', 'ratio'] as const).map((level) => stats.krippendorffAlpha(u, { level }).value),
      ]),
    ];
    for (const v of values) expect(v === null || Number.isFinite(v)).toBe(true);
    expect(stats.cohenKappa([[4]]).value).toBe(1);
    expect(stats.fleissKappa([{ counts: [0, 5], weight: 1 }]).value).toBe(1);
    expect(stats.krippendorffAlpha([{ counts: [0, 5], weight: 1 }], { level: 'interval' }).value).toBe(1);
  });
});
