import { describe, expect, it } from 'vitest';
import type { Table2x2 } from './agreement.repository';
import { groupAgreement, meanCohenKappaInterval, pairMeanInterval, resamplesPairByPair } from './agreement-stats';
import { bootstrapCi, cohenKappa, percentileInterval } from './stats';
import { PREVALENCE_PARADOX } from './stats/golden-vectors';

const PARADOX = PREVALENCE_PARADOX as Table2x2;
const OTHER: Table2x2 = [
  [40, 10],
  [5, 45],
];
const times = (t: Table2x2, k: number): Table2x2 => [
  [t[0][0] * k, t[0][1] * k],
  [t[1][0] * k, t[1][1] * k],
];
const width = (e: { low: number | null; high: number | null }) => (e.high as number) - (e.low as number);

describe(meanCohenKappaInterval.name, () => {
  it('is the single pair\'s own bootstrap interval when the group has one pair', () => {
    const single = meanCohenKappaInterval([PARADOX], 1000, 7);
    const own = bootstrapCi(PARADOX, (t) => cohenKappa(t).value, { replicates: 1000, seed: 7 });
    expect(single).toEqual({ estimate: own.estimate, low: own.low, high: own.high });
    expect(single.estimate).toBeCloseTo(0.3144, 4);
  });

  it('estimates the mean of the pairs\' κ and brackets it', () => {
    const both = meanCohenKappaInterval([PARADOX, OTHER], 1000, 7);
    const mean = ((cohenKappa(PARADOX).value as number) + (cohenKappa(OTHER).value as number)) / 2;
    expect(both.estimate).toBeCloseTo(mean, 12);
    expect(both.low as number).toBeLessThan(mean);
    expect(both.high as number).toBeGreaterThan(mean);
  });

  it('narrows by about √10 when every pair reviewed ten times the items', () => {
    const ratio = width(meanCohenKappaInterval([PARADOX, OTHER], 1000, 3)) / width(meanCohenKappaInterval([times(PARADOX, 10), times(OTHER, 10)], 1000, 3));
    expect(ratio).toBeGreaterThan(Math.sqrt(10) * 0.75);
    expect(ratio).toBeLessThan(Math.sqrt(10) * 1.3);
  });

  it('has no estimate without pairs', () => {
    expect(meanCohenKappaInterval([], 1000, 1)).toEqual({ estimate: null, low: null, high: null });
  });

  it('gives many pairs the normal interval of their mean, which resampling the pairs converges to', () => {
    const kappas = Array.from({ length: 2000 }, (_, i) => Math.sin(i * 12.9898) * 0.4 + 0.3);
    const mean = kappas.reduce((a, k) => a + k, 0) / kappas.length;
    const sd = Math.sqrt(kappas.reduce((a, k) => a + (k - mean) ** 2, 0) / (kappas.length - 1));
    const normal = pairMeanInterval({ count: 2100, defined: kappas.length, mean, sd });
    const average = (ks: readonly number[]) => ks.reduce((a, k) => a + k, 0) / ks.length;
    const resampled = percentileInterval(kappas, average, (random) => kappas.map(() => kappas[Math.floor(random() * kappas.length)]), {
      replicates: 2000,
      seed: 9,
    });
    expect(normal.estimate).toBeCloseTo(mean, 12);
    expect(normal.low as number).toBeCloseTo(resampled.low as number, 2);
    expect(normal.high as number).toBeCloseTo(resampled.high as number, 2);
    expect(pairMeanInterval({ count: 3, defined: 0, mean: null, sd: null })).toEqual({ estimate: null, low: null, high: null });
    expect(pairMeanInterval({ count: 1, defined: 1, mean: 0.4, sd: null })).toEqual({ estimate: 0.4, low: null, high: null });
  });

  it('resamples pair by pair only while that stays cheap', () => {
    expect(resamplesPairByPair({ count: 50, defined: 50, mean: 0.5, sd: 0.1 }, 1000)).toBe(true);
    expect(resamplesPairByPair({ count: 51, defined: 51, mean: 0.5, sd: 0.1 }, 1000)).toBe(false);
    expect(resamplesPairByPair({ count: 0, defined: 0, mean: null, sd: null }, 1000)).toBe(false);
    expect(resamplesPairByPair(null, 1000)).toBe(false);
  });
});

describe(groupAgreement.name, () => {
  it('issue 15 item 4: counts single-review rounds in the pass rate only, never in agreement', () => {
    const dual = { key: 'all', label: 'all', bothApprove: 30, split: 10, bothReject: 20, pairs: null };
    const without = groupAgreement(dual, 200, 7);
    const withSingles = groupAgreement({ ...dual, singleApprove: 25, singleReject: 15 }, 200, 7);
    expect(withSingles).toMatchObject({ rounds: 60, singleReviewRounds: 40 });
    expect(withSingles.passRate).toBeCloseTo((30 + 25) / 100, 12);
    expect(without.passRate).toBeCloseTo(30 / 60, 12);
    for (const k of ['percentAgreement', 'krippendorffAlpha', 'fleissKappa', 'gwetAc1', 'meanCohenKappa'] as const) expect(withSingles[k]).toEqual(without[k]);
  });
});
