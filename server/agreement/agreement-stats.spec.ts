import { describe, expect, it } from 'vitest';
import type { Table2x2 } from './agreement.repository';
import { groupAgreement, meanCohenKappaInterval, pairMeanInterval, pairOverview, resamplesPairByPair } from './agreement-stats';
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

describe(pairOverview.name, () => {
  // four reviewers: a and b share the most rounds, d the fewest; an empty table has no κ
  const empty: Table2x2 = [
    [0, 0],
    [0, 0],
  ];
  const tables = [
    { reviewerA: 'a', reviewerB: 'b', table: times(OTHER, 2) },
    { reviewerA: 'a', reviewerB: 'c', table: PARADOX },
    { reviewerA: 'b', reviewerB: 'c', table: OTHER },
    { reviewerA: 'c', reviewerB: 'd', table: empty },
  ];
  const k = (t: Table2x2) => cohenKappa(t).value as number;

  it('shows the pairs among the top reviewers by paired rounds, and still sums up every pair', () => {
    const o = pairOverview(tables, 3);
    expect(o.shown.map((p) => `${p.reviewerA}${p.reviewerB}`)).toEqual(['ab', 'ac', 'bc']);
    expect(o.reviewerCount).toBe(4);
    expect(o.pairCount).toBe(4);
    expect(o.meanCohenKappa).toBeCloseTo((k(times(OTHER, 2)) + k(PARADOX) + k(OTHER)) / 3, 12);
    const means = Object.fromEntries(o.reviewerMeans.map((m) => [m.reviewerId, m]));
    expect(means.c).toEqual({ reviewerId: 'c', meanCohenKappa: expect.closeTo((k(PARADOX) + k(OTHER)) / 2, 12), pairs: 3 });
    // d is in one pair, whose κ is undefined: counted as a pair, with no mean
    expect(means.d).toEqual({ reviewerId: 'd', meanCohenKappa: null, pairs: 1 });
  });

  it('keeps every pair without top, or when top covers everyone, and breaks ties in rounds by id', () => {
    expect(pairOverview(tables).shown).toHaveLength(4);
    expect(pairOverview(tables, 4).shown).toHaveLength(4);
    const tied = [
      { reviewerA: 'x', reviewerB: 'y', table: OTHER },
      { reviewerA: 'w', reviewerB: 'z', table: OTHER },
    ];
    // w, x, y and z each have 100 rounds: the first two by id are w and x, who share no pair
    expect(pairOverview(tied, 2).shown).toEqual([]);
    expect(pairOverview(tied, 3).shown.map((p) => p.reviewerA)).toEqual(['x']);
    expect(pairOverview([...tied, { reviewerA: 'w', reviewerB: 'x', table: PARADOX }], 2).shown.map((p) => `${p.reviewerA}${p.reviewerB}`)).toEqual(['wx']);
  });
});
