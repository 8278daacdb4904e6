import { describe, expect, it } from 'vitest';
import { type Random, xoshiro128ss } from '../../agreement/stats';
import { type CurvePoint, fitLogLinear, type LogLinearFit } from './log-linear-fit';

/** Fails the test unless the fit is estimable, and narrows the type. */
function estimable(fit: ReturnType<typeof fitLogLinear>): LogLinearFit {
  if (!fit.estimable) throw new Error(`expected an estimable fit: ${fit.reason}`);
  return fit;
}

/** A standard normal draw (Box–Muller) from the seeded uniform generator. */
function gaussian(random: Random): number {
  return Math.sqrt(-2 * Math.log(random())) * Math.cos(2 * Math.PI * random());
}

const VOLUMES = [10, 40, 160, 640, 2560, 10000];

describe(fitLogLinear.name, () => {
  it('issue 13 proof: ordinary least squares matches the closed form on a hand-made table', () => {
    // u = ln x = 1…5, y below. Σu = 15, Σu² = 55, Σy = 2.16, Σy² = 0.9754, Σuy = 7.12, n = 5.
    // Suu = 55 − 15²/5 = 10; Suy = 7.12 − 15·2.16/5 = 0.64; Syy = 0.9754 − 2.16²/5 = 0.04228.
    // α = 0.64/10 = 0.064; b = 0.432 − 0.064·3 = 0.24. Residuals −0.004, 0.012, −0.022, 0.024, −0.010:
    // RSS = 0.00132, s² = RSS/3 = 0.00044, SE(α) = √(0.00044/10), SE(b) = √(0.00044·(1/5 + 9/10)) = 0.022.
    const y = [0.3, 0.38, 0.41, 0.52, 0.55];
    const fit = estimable(fitLogLinear(y.map((yi, i) => ({ x: Math.exp(i + 1), y: yi }))));
    expect(fit.weighting).toBe('ordinary');
    expect(fit.n).toBe(5);
    expect(fit.df).toBe(3);
    expect(fit.alpha).toBeCloseTo(0.064, 12);
    expect(fit.b).toBeCloseTo(0.24, 12);
    expect(fit.residualVariance).toBeCloseTo(0.00044, 12);
    expect(fit.seAlpha).toBeCloseTo(Math.sqrt(0.000044), 12);
    expect(fit.seB).toBeCloseTo(0.022, 12);
    expect(fit.rSquared as number).toBeCloseTo(1 - 0.00132 / 0.04228, 12);
    expect(fit.gainPerX4).toBeCloseTo(0.064 * Math.log(4), 12);
    // t(0.975, 3) = 3.182446 from the table.
    expect(fit.ciAlpha.lower).toBeCloseTo(0.064 - 3.182446 * Math.sqrt(0.000044), 6);
    expect(fit.ciAlpha.upper).toBeCloseTo(0.064 + 3.182446 * Math.sqrt(0.000044), 6);
    // Prediction at u0 = 6: 0.24 + 0.064·6 = 0.624; mean variance s²(1/5 + (6 − 3)²/10) = 0.000484, plus s² for a new point.
    const at6 = fit.predict(Math.exp(6));
    expect(at6.estimate).toBeCloseTo(0.624, 12);
    expect(at6.meanVariance).toBeCloseTo(0.000484, 12);
    expect(at6.observationVariance).toBeCloseTo(0.00044, 12);
    expect(at6.upper - at6.estimate).toBeCloseTo(3.182446 * Math.sqrt(0.000924), 6);
    expect(at6.estimate - at6.lower).toBeCloseTo(at6.upper - at6.estimate, 12);
  });

  it('issue 13 proof: weighted least squares matches the weighted normal equations solved by hand', () => {
    // u = 0…3, y = 0.1, 0.3, 0.4, 0.7, variances 0.01, 0.02, 0.04, 0.01 → w = 100, 50, 25, 100.
    // Σw = 275, Σwu = 400, Σwu² = 1050, Σwy = 105, Σwuy = 245.
    // [275 400; 400 1050]·[b; α] = [105; 245], det = 275·1050 − 400² = 128750 (Cramer's rule):
    const det = 128750;
    const alpha = (275 * 245 - 400 * 105) / det; // 25375/128750
    const b = (1050 * 105 - 400 * 245) / det; // 12250/128750
    const u = [0, 1, 2, 3];
    const y = [0.1, 0.3, 0.4, 0.7];
    const w = [100, 50, 25, 100];
    const rss = u.reduce((s, ui, i) => s + w[i] * (y[i] - b - alpha * ui) ** 2, 0);
    const s2 = rss / 2;
    const points: CurvePoint[] = u.map((ui, i) => ({ x: Math.exp(ui), y: y[i], variance: 1 / w[i] }));
    const fit = estimable(fitLogLinear(points));
    expect(fit.weighting).toBe('inverse-variance');
    expect(fit.alpha).toBeCloseTo(alpha, 12);
    expect(fit.b).toBeCloseTo(b, 12);
    expect(fit.residualVariance).toBeCloseTo(s2, 12);
    // Residual-scaled covariance s²·(XᵀWX)⁻¹: Var α = s²·Σw/det, Var b = s²·Σwu²/det.
    expect(fit.seAlpha).toBeCloseTo(Math.sqrt((s2 * 275) / det), 12);
    expect(fit.seB).toBeCloseTo(Math.sqrt((s2 * 1050) / det), 12);
    // Weighted R²: 1 − RSS_w / Σw(y − ȳ_w)², ȳ_w = 105/275.
    const yBar = 105 / 275;
    const syy = y.reduce((s, yi, i) => s + w[i] * (yi - yBar) ** 2, 0);
    expect(fit.rSquared as number).toBeCloseTo(1 - rss / syy, 12);
    // A new point with its own variance 0.02 at u0 = 4: observation part φ·0.02.
    const p = fit.predict(Math.exp(4), 0.02);
    expect(p.estimate).toBeCloseTo(b + 4 * alpha, 12);
    expect(p.observationVariance).toBeCloseTo(s2 * 0.02, 12);
    expect(p.meanVariance).toBeCloseTo((s2 * (1050 - 2 * 4 * 400 + 16 * 275)) / det, 12);
    // Without one, the variance of a point of average weight: n/Σw = 4/275.
    expect(fit.predict(Math.exp(4)).observationVariance).toBeCloseTo((s2 * 4) / 275, 12);
  });

  it('falls back to ordinary least squares when a point lacks a variance or has variance 0', () => {
    const base = VOLUMES.map((x, i) => ({ x, y: 0.1 + 0.01 * i + (i % 2) * 0.02, variance: 0.001 * (i + 1) }));
    expect(estimable(fitLogLinear(base)).weighting).toBe('inverse-variance');
    expect(estimable(fitLogLinear(base.map((p, i) => (i === 2 ? { x: p.x, y: p.y } : p)))).weighting).toBe('ordinary');
    expect(estimable(fitLogLinear(base.map((p, i) => (i === 2 ? { ...p, variance: 0 } : p)))).weighting).toBe('ordinary');
  });

  it('issue 13 item 8: recovers α and b of noise-free curves exactly (to 1e-9), ordinary and weighted', () => {
    for (const [alpha, b] of [
      [0.05, 0.2],
      [0.0123, -0.4],
      [-0.03, 0.9],
      [0, 0.5],
    ]) {
      const points = VOLUMES.map((x) => ({ x, y: alpha * Math.log(x) + b }));
      for (const input of [points, points.map((p, i) => ({ ...p, variance: 0.001 * (i + 1) }))]) {
        const fit = estimable(fitLogLinear(input));
        expect(Math.abs(fit.alpha - alpha)).toBeLessThan(1e-9);
        expect(Math.abs(fit.b - b)).toBeLessThan(1e-9);
        expect(fit.seAlpha).toBeLessThan(1e-9);
        // A flat curve (α = 0) has nothing to explain: R² is 0/0, reported as null.
        if (alpha !== 0) expect(fit.rSquared as number).toBeCloseTo(1, 9);
        else expect(fit.rSquared).toBeNull();
      }
    }
  });

  it('issue 13 item 8: over 200 seeded noisy simulations the 95% CI of α covers the true α in 92%–98% of them', () => {
    const random = xoshiro128ss(13);
    const trueAlpha = 0.04;
    const trueB = 0.15;
    let coveredOrdinary = 0;
    let coveredWeighted = 0;
    let predictedInside = 0;
    for (let sim = 0; sim < 200; sim++) {
      // Ordinary: two seeds per volume, homoscedastic noise.
      const ordinary = VOLUMES.flatMap((x) => [0, 1].map(() => ({ x, y: trueAlpha * Math.log(x) + trueB + 0.03 * gaussian(random) })));
      const o = estimable(fitLogLinear(ordinary));
      if (o.ciAlpha.lower <= trueAlpha && trueAlpha <= o.ciAlpha.upper) coveredOrdinary++;
      // A new observation at the next ×4 volume falls inside the 95% prediction interval as often.
      const next = o.predict(40000);
      const observed = trueAlpha * Math.log(40000) + trueB + 0.03 * gaussian(random);
      if (next.lower <= observed && observed <= next.upper) predictedInside++;
      // Weighted: each point's own known variance (smaller n of test items, larger variance).
      const weighted = VOLUMES.map((x, i) => {
        const sd = 0.01 + 0.008 * i;
        return { x, y: trueAlpha * Math.log(x) + trueB + sd * gaussian(random), variance: sd * sd };
      });
      const wf = estimable(fitLogLinear(weighted));
      if (wf.ciAlpha.lower <= trueAlpha && trueAlpha <= wf.ciAlpha.upper) coveredWeighted++;
    }
    for (const covered of [coveredOrdinary, coveredWeighted, predictedInside]) {
      expect(covered / 200).toBeGreaterThanOrEqual(0.92);
      expect(covered / 200).toBeLessThanOrEqual(0.98);
    }
  });

  it('issue 13 item 3: fewer than 3 points or one distinct x is not estimable, with a reason and no NaN', () => {
    const two = fitLogLinear([
      { x: 10, y: 0.2 },
      { x: 40, y: 0.3 },
    ]);
    expect(two).toEqual({ estimable: false, n: 2, reason: 'a fit with intervals needs at least 3 points, got 2' });
    const oneX = fitLogLinear([10, 10, 10].map((x, i) => ({ x, y: 0.1 * i })));
    expect(oneX).toEqual({ estimable: false, n: 3, reason: 'a fit needs at least 2 distinct x values, got 3 points at x = 10' });
    // Three points at two distinct x: estimable on 1 degree of freedom.
    const three = estimable(fitLogLinear([{ x: 10, y: 0.1 }, { x: 10, y: 0.2 }, { x: 40, y: 0.3 }]));
    expect(three.df).toBe(1);
    expect(Number.isFinite(three.ciAlpha.upper)).toBe(true);
  });

  it('a flat noise-free curve has R² null (0/0), not NaN', () => {
    const fit = estimable(fitLogLinear(VOLUMES.map((x) => ({ x, y: 0.25 }))));
    expect(fit.alpha).toBe(0);
    expect(fit.rSquared).toBeNull();
  });

  it('names the bad point and field', () => {
    expect(() => fitLogLinear([{ x: 10, y: 0.1 }, { x: 0, y: 0.2 }, { x: 40, y: 0.3 }])).toThrow('point 1: x must be a finite number > 0 (it is logged), got 0');
    expect(() => fitLogLinear([{ x: 10, y: Number.NaN }])).toThrow('point 0: y must be a finite number, got NaN');
    expect(() => fitLogLinear([{ x: 10, y: 0.1, variance: -1 }])).toThrow('point 0: variance must be a finite number ≥ 0, got -1');
    const fit = estimable(fitLogLinear(VOLUMES.map((x, i) => ({ x, y: 0.1 * i }))));
    expect(() => fit.predict(-4)).toThrow('predict: x0 must be a finite number > 0, got -4');
    expect(() => fitLogLinear(VOLUMES.map((x) => ({ x, y: 0 })), { confidence: 1 })).toThrow('confidence must be in (0, 1), got 1');
  });
});
