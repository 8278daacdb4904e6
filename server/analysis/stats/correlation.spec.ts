import { describe, expect, it } from 'vitest';
import { pearsonCorrelation } from './correlation';

describe(pearsonCorrelation.name, () => {
  it('issue 13 item 4: matches r and its p-value computed by hand', () => {
    // x = 1…5, y = 2, 4, 5, 4, 5: x̄ = 3, ȳ = 4; Sxx = 10, Syy = 4+0+1+0+1 = 6, Sxy = 2+0+0+0+2 = 6.
    // r = 6/√60 = 0.774597; t = r·√(3/(1 − 0.6)) = √0.6·√7.5 = 2.121320 on 3 df.
    const c = pearsonCorrelation([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]);
    if (!c.estimable) throw new Error(c.reason);
    expect(c.r).toBeCloseTo(6 / Math.sqrt(60), 14);
    expect(c.n).toBe(5);
    expect(c.df).toBe(3);
    // Two-sided p of t = 2.12132 on 3 df, by the closed-form t₃ CDF: 0.1240.
    const t = Math.sqrt(4.5);
    const cdf3 = 0.5 + (t / (Math.sqrt(3) * (1 + (t * t) / 3)) + Math.atan(t / Math.sqrt(3))) / Math.PI;
    expect(c.p).toBeCloseTo(2 * (1 - cdf3), 12);
    expect(c.p).toBeCloseTo(0.124, 3);
    // the scatter's least-squares line of y on x: slope = Sxy/Sxx = 0.6, intercept = ȳ − 0.6·x̄ = 2.2
    expect(c.slope).toBeCloseTo(0.6, 14);
    expect(c.intercept).toBeCloseTo(2.2, 14);
  });

  it('is symmetric in sign and invariant to offsets and scale', () => {
    const xs = [0.12, 0.3, 0.25, 0.6, 0.41, 0.55];
    const ys = [0.02, 0.05, 0.01, 0.09, 0.04, 0.07];
    const a = pearsonCorrelation(xs, ys);
    const b = pearsonCorrelation(xs.map((x) => 1e6 + 3 * x), ys.map((y) => -y));
    if (!a.estimable || !b.estimable) throw new Error('not estimable');
    expect(b.r).toBeCloseTo(-a.r, 9);
    expect(b.p).toBeCloseTo(a.p, 9);
  });

  it('issue 13 item 4: |r| = 1 gives p = 0, not NaN', () => {
    expect(pearsonCorrelation([1, 2, 3, 4], [3, 5, 7, 9])).toEqual({ estimable: true, r: 1, p: 0, n: 4, df: 2, slope: 2, intercept: 1 });
    expect(pearsonCorrelation([1, 2, 3], [3, 2, 1])).toMatchObject({ r: -1, p: 0 });
  });

  it('uncorrelated data gives r = 0 and p = 1', () => {
    expect(pearsonCorrelation([1, 2, 3, 4, 5], [1, 2, 0, 2, 1])).toMatchObject({ estimable: true, r: 0, p: 1 });
  });

  it('is not estimable with fewer than 3 pairs or a constant variable, and names bad input', () => {
    expect(pearsonCorrelation([1, 2], [1, 2])).toEqual({ estimable: false, n: 2, reason: 'a correlation test needs at least 3 pairs, got 2' });
    expect(pearsonCorrelation([1, 2, 3], [4, 4, 4])).toEqual({ estimable: false, n: 3, reason: 'r is undefined when y is constant' });
    expect(() => pearsonCorrelation([1, 2], [1])).toThrow('pearsonCorrelation needs paired values, got 2 x and 1 y');
    expect(() => pearsonCorrelation([1, Number.NaN, 3], [1, 2, 3])).toThrow('pair 1 must be two finite numbers, got (NaN, 2)');
  });
});
