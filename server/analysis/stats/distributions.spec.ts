import { describe, expect, it } from 'vitest';
import {
  incompleteBeta,
  logGamma,
  normalCdf,
  normalQuantile,
  studentTCdf,
  studentTPdf,
  studentTQuantile,
  studentTSurvival,
} from './distributions';

/** |actual − expected| ≤ relative·|expected|, with an absolute floor of 1e-16 (for values computed as 1 − x). */
const close = (actual: number, expected: number, relative = 1e-12) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(relative * Math.abs(expected) + (Math.abs(expected) > 1e-3 ? 1e-16 : 0));

describe(logGamma.name, () => {
  it('matches ln((n − 1)!) and Γ(½) = √π', () => {
    let factorial = 1;
    for (let n = 1; n <= 20; n++) {
      if (n > 2) close(logGamma(n), Math.log(factorial), 1e-13);
      factorial *= n;
    }
    expect(Math.abs(logGamma(1))).toBeLessThan(1e-14);
    expect(Math.abs(logGamma(2))).toBeLessThan(1e-14);
    close(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-14);
    close(logGamma(0.25), Math.log(3.625609908221908), 1e-13);
  });

  it('refuses x ≤ 0', () => {
    expect(() => logGamma(0)).toThrow(/x > 0, got 0/);
  });
});

describe(incompleteBeta.name, () => {
  it('matches the closed forms I_x(a, 1) = x^a and I_x(1, b) = 1 − (1 − x)^b', () => {
    for (const x of [0.001, 0.1, 0.37, 0.5, 0.9, 0.999]) {
      for (const k of [0.5, 1, 2.5, 7, 40]) {
        close(incompleteBeta(x, k, 1), x ** k, 1e-12);
        close(incompleteBeta(x, 1, k), 1 - (1 - x) ** k, 1e-12);
      }
    }
    expect(incompleteBeta(0, 2, 3)).toBe(0);
    expect(incompleteBeta(1, 2, 3)).toBe(1);
  });

  it('names a bad argument', () => {
    expect(() => incompleteBeta(1.5, 2, 3)).toThrow(/0 ≤ x ≤ 1, got 1.5/);
    expect(() => incompleteBeta(0.5, 0, 3)).toThrow(/a = 0/);
  });
});

describe(normalCdf.name, () => {
  it('matches tabulated values, including the far tails', () => {
    close(normalCdf(0), 0.5, 1e-15);
    close(normalCdf(-1), 0.15865525393145707, 1e-13);
    close(normalCdf(1.959963984540054), 0.975, 1e-14);
    close(normalCdf(-5), 2.866515718791939e-7, 1e-12);
    close(normalCdf(-10), 7.619853024160527e-24, 1e-11);
    expect(normalCdf(Infinity)).toBe(1);
    expect(normalCdf(-Infinity)).toBe(0);
  });
});

describe(normalQuantile.name, () => {
  it('matches tabulated values and inverts the CDF in both tails', () => {
    close(normalQuantile(0.975), 1.959963984540054, 1e-14);
    close(normalQuantile(0.95), 1.6448536269514722, 1e-14);
    close(normalQuantile(0.025), -1.959963984540054, 1e-14);
    expect(normalQuantile(0.5)).toBe(0);
    for (const p of [1e-20, 1e-8, 0.001, 0.02, 0.0243, 0.0245, 0.3, 0.7, 0.99, 1 - 1e-10]) {
      const z = normalQuantile(p);
      close(p < 0.5 ? normalCdf(z) : normalCdf(-z), p < 0.5 ? p : 1 - p, 1e-12);
    }
  });

  it('refuses a probability of 0 or 1', () => {
    expect(() => normalQuantile(1)).toThrow(/strictly between 0 and 1, got 1/);
    expect(() => normalQuantile(0)).toThrow(/got 0/);
  });
});

describe(studentTCdf.name, () => {
  // Closed forms of the t CDF for small df (independent of the incomplete beta).
  const closedForms: Record<number, (t: number) => number> = {
    1: (t) => 0.5 + Math.atan(t) / Math.PI,
    2: (t) => 0.5 + t / (2 * Math.sqrt(2 + t * t)),
    3: (t) => 0.5 + (t / (Math.sqrt(3) * (1 + (t * t) / 3)) + Math.atan(t / Math.sqrt(3))) / Math.PI,
    4: (t) => 0.5 + ((3 / 8) * t * (1 - (t * t) / (12 * (1 + (t * t) / 4)))) / Math.sqrt(1 + (t * t) / 4),
  };

  it('issue 13 item 3: matches the closed-form CDFs for df = 1…4', () => {
    for (const [df, cdf] of Object.entries(closedForms)) {
      // The closed forms are ½ + x, so they are exact to about 1e-16 absolute, not relative.
      for (const t of [-30, -4, -1.5, -0.2, 0, 0.3, 1, 2.5, 9, 100]) {
        expect(Math.abs(studentTCdf(t, Number(df)) - cdf(t))).toBeLessThan(2e-15);
      }
    }
  });

  it('is the normal CDF for df = ∞ and approaches it for large df', () => {
    expect(studentTCdf(1.3, Infinity)).toBe(normalCdf(1.3));
    expect(Math.abs(studentTCdf(1.3, 1e6) - normalCdf(1.3))).toBeLessThan(1e-6);
  });

  it('gives the upper tail without cancellation', () => {
    close(studentTSurvival(1000, 1), 0.5 - Math.atan(1000) / Math.PI, 1e-10);
    close(studentTSurvival(2, 3) + studentTCdf(2, 3), 1, 1e-15);
    expect(studentTSurvival(-2, 3)).toBeCloseTo(studentTCdf(2, 3), 15);
  });

  it('has a density that integrates to the CDF (Simpson over [0, 2], df = 7)', () => {
    const n = 200;
    const h = 2 / n;
    let s = studentTPdf(0, 7) + studentTPdf(2, 7);
    for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * studentTPdf(i * h, 7);
    close((s * h) / 3, studentTCdf(2, 7) - 0.5, 1e-9);
  });

  it('names bad degrees of freedom', () => {
    expect(() => studentTCdf(1, 0)).toThrow(/degrees of freedom > 0, got 0/);
  });
});

describe(studentTQuantile.name, () => {
  it('issue 13 item 3: t(0.975, df) for df = 1, 2, 5, 10, 30, ∞ matches the table: 12.706, 4.303, 2.571, 2.228, 2.042, 1.960', () => {
    const table: [number, number][] = [
      [1, 12.706],
      [2, 4.303],
      [5, 2.571],
      [10, 2.228],
      [30, 2.042],
      [Infinity, 1.96],
    ];
    for (const [df, t] of table) expect(studentTQuantile(0.975, df)).toBeCloseTo(t, 3);
    expect(studentTQuantile(0.95, 10)).toBeCloseTo(1.812, 3);
    expect(studentTQuantile(0.995, 4)).toBeCloseTo(4.604, 3);
  });

  it('inverts the CDF to 1e-12 (1e-10 at df = 10^5), in both tails, and is odd', () => {
    for (const df of [1, 2, 3, 4.5, 8, 29, 200, 1e5]) {
      for (const p of [1e-9, 0.001, 0.05, 0.4, 0.6, 0.975, 0.999999]) {
        const t = studentTQuantile(p, df);
        // Large df: ln B(df/2, ½) from ln Γ differences of numbers near 10^5 limits the CDF to about 1e-11.
        close(p < 0.5 ? studentTCdf(t, df) : studentTSurvival(t, df), p < 0.5 ? p : 1 - p, df > 1000 ? 1e-10 : 1e-12);
        // 1 − p carries a rounding error of 1e-16, i.e. 1e-7 relative at p = 1e-9.
        close(studentTQuantile(1 - p, df), -t, 1e-6);
      }
    }
  });
});
