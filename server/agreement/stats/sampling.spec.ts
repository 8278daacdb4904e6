import { describe, expect, it } from 'vitest';
import { xoshiro128ss } from './random';
import { binomial, multinomial } from './sampling';

/** Exact Binomial(n, p) probabilities, in log space so that large n does not underflow. */
function binomialPmf(n: number, p: number): number[] {
  const logPmf = [n * Math.log1p(-p)];
  for (let k = 0; k < n; k++) logPmf.push(logPmf[k] + Math.log((n - k) / (k + 1)) + Math.log(p / (1 - p)));
  return logPmf.map(Math.exp);
}

/** Upper 0.1% point of χ²(df) by the Wilson–Hilferty approximation. */
function chiSquareCritical(df: number): number {
  const z = 3.09;
  return df * (1 - 2 / (9 * df) + z * Math.sqrt(2 / (9 * df))) ** 3;
}

/** Pearson χ² of draws against the exact pmf, pooling bins with expected count below 5. */
function goodnessOfFit(n: number, p: number, draws: number, seed: number): { chiSquare: number; df: number } {
  const random = xoshiro128ss(seed);
  const observed = new Array<number>(n + 1).fill(0);
  for (let i = 0; i < draws; i++) observed[binomial(n, p, random)]++;
  const pmf = binomialPmf(n, p);
  let chiSquare = 0;
  let bins = 0;
  let pooledExpected = 0;
  let pooledObserved = 0;
  for (let k = 0; k <= n; k++) {
    pooledExpected += pmf[k] * draws;
    pooledObserved += observed[k];
    if (pooledExpected >= 5) {
      chiSquare += (pooledObserved - pooledExpected) ** 2 / pooledExpected;
      bins++;
      pooledExpected = pooledObserved = 0;
    }
  }
  chiSquare += pooledExpected > 0 ? (pooledObserved - pooledExpected) ** 2 / pooledExpected : 0;
  return { chiSquare, df: bins - 1 };
}

describe(binomial.name, () => {
  it.each<[number, number, string]>([
    [20, 0.2, 'inversion'],
    [100, 0.3, 'BTRS'],
    [1000, 0.5, 'BTRS'],
    [60, 0.9, 'inversion of n − Binomial(n, 0.1)'],
    [400, 0.85, 'BTRS of n − Binomial(n, 0.15)'],
  ])('Binomial(%d, %d) (%s) fits the exact distribution', (n, p) => {
    const { chiSquare, df } = goodnessOfFit(n, p, 50_000, n);
    expect(chiSquare).toBeLessThan(chiSquareCritical(df));
  });

  it('has the right mean and variance for large n (600,000 × 0.857)', () => {
    const random = xoshiro128ss(3);
    const n = 600_000;
    const p = 0.857;
    const draws = 20_000;
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < draws; i++) {
      const x = binomial(n, p, random);
      sum += x;
      sumSq += x * x;
    }
    const mean = sum / draws;
    const variance = sumSq / draws - mean * mean;
    const trueVariance = n * p * (1 - p);
    expect(Math.abs(mean - n * p)).toBeLessThan(5 * Math.sqrt(trueVariance / draws));
    expect(variance / trueVariance).toBeGreaterThan(0.95);
    expect(variance / trueVariance).toBeLessThan(1.05);
  });

  it('handles the edges and rejects bad arguments', () => {
    const random = xoshiro128ss(1);
    expect(binomial(0, 0.5, random)).toBe(0);
    expect(binomial(10, 0, random)).toBe(0);
    expect(binomial(10, 1, random)).toBe(10);
    expect(() => binomial(2.5, 0.5, random)).toThrow(RangeError);
    expect(() => binomial(10, 1.5, random)).toThrow(RangeError);
    expect(() => binomial(10, Number.NaN, random)).toThrow(RangeError);
  });
});

describe(multinomial.name, () => {
  it('sums to n, leaves zero-weight categories empty, and has mean n·w/Σw', () => {
    const random = xoshiro128ss(11);
    const weights = [600_000, 0, 80_000, 20_000];
    const totals = [0, 0, 0, 0];
    const draws = 2000;
    for (let i = 0; i < draws; i++) {
      const x = multinomial(700_000, weights, random);
      expect(x.reduce((a, b) => a + b, 0)).toBe(700_000);
      expect(x[1]).toBe(0);
      x.forEach((c, j) => (totals[j] += c));
    }
    weights.forEach((w, j) => {
      const sd = Math.sqrt(700_000 * (w / 700_000) * (1 - w / 700_000));
      expect(Math.abs(totals[j] / draws - w)).toBeLessThan(5 * (sd / Math.sqrt(draws)) + 1e-9);
    });
  });

  it('is deterministic for a seed', () => {
    expect(multinomial(1000, [1, 2, 3], xoshiro128ss(5))).toEqual(multinomial(1000, [1, 2, 3], xoshiro128ss(5)));
  });

  it('rejects weights that are negative or all zero', () => {
    expect(() => multinomial(5, [1, -1], xoshiro128ss(1))).toThrow(RangeError);
    expect(() => multinomial(5, [0, 0], xoshiro128ss(1))).toThrow(RangeError);
    expect(multinomial(0, [0, 0], xoshiro128ss(1))).toEqual([0, 0]);
  });
});
