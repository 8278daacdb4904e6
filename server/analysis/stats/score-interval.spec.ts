import { describe, expect, it } from 'vitest';
import { bootstrapMeanInterval, scoreInterval, wilsonInterval } from './score-interval';

/** Partial-credit scores of 12 items (multi-answer choice, normalized benchmark points). */
const PARTIAL = [0, 0.25, 0.5, 1, 0.75, 0.5, 0, 1, 0.25, 0.5, 1, 0.75];
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

describe(wilsonInterval.name, () => {
  it('issue 13 item 2: matches the published Wilson intervals for 0/10, 10/10 and 5/10', () => {
    const zero = wilsonInterval(0, 10);
    expect(zero.estimate).toBe(0);
    expect(zero.lower).toBe(0);
    expect(zero.upper).toBeCloseTo(0.27753, 5);
    const all = wilsonInterval(10, 10);
    expect(all.lower).toBeCloseTo(0.72247, 5);
    expect(all.upper).toBe(1);
    const half = wilsonInterval(5, 10);
    expect(half.lower).toBeCloseTo(0.23659, 5);
    expect(half.upper).toBeCloseTo(0.76341, 5);
    // 81/263 (Newcombe 1998, table I): 0.2553 to 0.3662.
    const newcombe = wilsonInterval(81, 263);
    expect(newcombe.lower).toBeCloseTo(0.2553, 4);
    expect(newcombe.upper).toBeCloseTo(0.3662, 4);
  });

  it('names a bad count', () => {
    expect(() => wilsonInterval(11, 10)).toThrow('Wilson interval: k must be an integer in 0…10, got 11');
    expect(() => wilsonInterval(0, 0)).toThrow('Wilson interval: n must be a positive integer, got 0');
  });
});

describe(bootstrapMeanInterval.name, () => {
  it('issue 13 item 2: a fixed seed gives a fixed interval that contains the mean', () => {
    const ci = bootstrapMeanInterval(PARTIAL, { seed: 7 });
    expect(ci).toEqual(bootstrapMeanInterval(PARTIAL, { seed: 7 }));
    expect(ci.estimate).toBeCloseTo(mean(PARTIAL), 15);
    expect(ci.lower).toBeLessThan(ci.estimate);
    expect(ci.upper).toBeGreaterThan(ci.estimate);
    // Pinned: a change to the sampler or the percentile rule shows here.
    expect(ci.lower).toBeCloseTo(PINNED.lower, 12);
    expect(ci.upper).toBeCloseTo(PINNED.upper, 12);
    expect(bootstrapMeanInterval(PARTIAL, { seed: 8 })).not.toEqual(ci);
  });

  it('issue 13 item 2: narrows as the number of items grows (the same scores, 4 and 16 times over)', () => {
    const width = (xs: number[]) => {
      const ci = bootstrapMeanInterval(xs, { seed: 1 });
      return ci.upper - ci.lower;
    };
    const times = (k: number) => Array.from({ length: k }, () => PARTIAL).flat();
    expect(width(times(4))).toBeLessThan(0.6 * width(PARTIAL));
    expect(width(times(16))).toBeLessThan(0.6 * width(times(4)));
  });

  it('draws the same bootstrap whether it resamples counts of few distinct scores or items one by one', () => {
    // 600 items of 0, ½ and 1 (3 distinct values: one multinomial draw per replicate) against the same
    // scores made distinct by a jitter of at most 6e-7 (600 distinct values: 600 item draws per replicate).
    const few = Array.from({ length: 600 }, (_, i) => [0, 0.5, 1, 1][i % 4]);
    const distinct = few.map((s, i) => s + i * 1e-9);
    const a = bootstrapMeanInterval(few, { seed: 3 });
    const b = bootstrapMeanInterval(distinct, { seed: 3 });
    expect(Math.abs(a.lower - b.lower)).toBeLessThan(0.006);
    expect(Math.abs(a.upper - b.upper)).toBeLessThan(0.006);
    // Both near the normal approximation: mean 0.625, SD of the mean √(0.171875/600) = 0.01692.
    for (const ci of [a, b]) {
      expect(ci.lower).toBeCloseTo(0.625 - 1.96 * 0.01692, 2);
      expect(ci.upper).toBeCloseTo(0.625 + 1.96 * 0.01692, 2);
    }
  });

  it('names a bad score', () => {
    expect(() => bootstrapMeanInterval([])).toThrow('a score interval needs at least one per-item score, got none');
    expect(() => bootstrapMeanInterval([0.5, Number.NaN])).toThrow('per-item score 1 must be a finite number, got NaN');
  });
});

describe(scoreInterval.name, () => {
  it('issue 13 item 2: uses Wilson for 0/1 scores and says so', () => {
    const scores = [1, 0, 1, 1, 0, 1, 0, 0, 1, 0];
    const ci = scoreInterval(scores);
    expect(ci.method).toBe('wilson');
    expect(ci.n).toBe(10);
    expect({ estimate: ci.estimate, lower: ci.lower, upper: ci.upper }).toEqual(wilsonInterval(5, 10));
    expect(ci.variance).toBeCloseTo(((ci.upper - ci.lower) / (2 * 1.959963984540054)) ** 2, 15);
    // A perfect score still has a variance > 0 to weight a fit by.
    expect(scoreInterval([1, 1, 1]).variance).toBeGreaterThan(0);
  });

  it('issue 13 item 2: uses the seeded bootstrap for real-valued scores and says so', () => {
    const ci = scoreInterval(PARTIAL, { seed: 7 });
    expect(ci.method).toBe('bootstrap');
    expect({ estimate: ci.estimate, lower: ci.lower, upper: ci.upper }).toEqual(bootstrapMeanInterval(PARTIAL, { seed: 7 }));
    expect(scoreInterval(PARTIAL)).toEqual(scoreInterval(PARTIAL));
    expect(scoreInterval([0.5, 0.5]).variance).toBe(0);
  });
});

/**
 * Seed 7, 2000 replicates: resampled means of quarter-point scores are multiples of 1/48 (the mean is
 * 26/48); the 2.5% point falls at rank 1999·0.025 = 49.975, between 16/48 and 17/48 (type 7).
 */
const PINNED = { lower: 16.975 / 48, upper: 35 / 48 };
