import { describe, expect, it } from 'vitest';
import type { Table2x2 } from './agreement.repository';
import { meanCohenKappaInterval } from './agreement-stats';
import { bootstrapCi, cohenKappa } from './stats';
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

  it('resamples the pairs themselves when there are too many to redraw each, still bracketing the mean', () => {
    const many = Array.from({ length: 2000 }, (_, i): Table2x2 => (i % 2 ? PARADOX : OTHER));
    const mean = ((cohenKappa(PARADOX).value as number) + (cohenKappa(OTHER).value as number)) / 2;
    const ci = meanCohenKappaInterval(many, 1000, 5);
    expect(ci.estimate).toBeCloseTo(mean, 12);
    expect(ci.low as number).toBeLessThan(mean);
    expect(ci.high as number).toBeGreaterThan(mean);
    expect(width(ci)).toBeLessThan(width(meanCohenKappaInterval([PARADOX, OTHER], 1000, 5)));
  });
});
