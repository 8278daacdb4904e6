import { studentTQuantile } from './distributions';

/** One measured point of a growth curve: score `y` at `x` (training items or parameters), with its variance if known. */
export interface CurvePoint {
  x: number;
  y: number;
  /** Variance of `y` (e.g. from its per-item interval); weights the fit when every point has one > 0. */
  variance?: number;
}

export interface FitOptions {
  /** Coverage of the intervals, default 0.95. */
  confidence?: number;
}

/** A point estimate with an interval. */
export interface Interval {
  estimate: number;
  lower: number;
  upper: number;
}

export interface Prediction extends Interval {
  /** Variance of the fitted mean at x0 (how well the line is known there). */
  meanVariance: number;
  /** Variance of one new observation at x0 about the line (the part the line cannot predict). */
  observationVariance: number;
}

export interface LogLinearFit {
  estimable: true;
  /** `inverse-variance` when every point has a variance > 0 (weights 1/variance), else `ordinary`. */
  weighting: 'ordinary' | 'inverse-variance';
  /** Slope per unit of ln(X): the sensitivity. */
  alpha: number;
  /** Intercept: the score at X = 1. */
  b: number;
  seAlpha: number;
  seB: number;
  /** Two-sided interval of α at `confidence`, Student t with `df` degrees of freedom. */
  ciAlpha: Interval;
  confidence: number;
  /** (Weighted) coefficient of determination; null when every y is the same (0/0). */
  rSquared: number | null;
  n: number;
  /** n − 2. */
  df: number;
  /**
   * Residual variance: Σ w·r² / (n − 2). For an ordinary fit the variance of one point about the line;
   * for a weighted fit the scale φ by which the given variances are multiplied (≈ 1 when they are right).
   */
  residualVariance: number;
  /** α·ln 4: the expected gain per ×4 step of X (the base-4 volume ladder). */
  gainPerX4: number;
  /**
   * Fitted score at x0 with a prediction interval for a new observation there. `variance` is the new
   * point's own variance, used by a weighted fit (scaled by φ); without it a weighted fit uses n/Σw,
   * the variance of a point of average weight. An ordinary fit ignores it: its residual variance
   * already is the scatter of one observation, measurement noise included.
   */
  predict(x0: number, variance?: number): Prediction;
}

export interface NotEstimable {
  estimable: false;
  n: number;
  /** Why: too few points, or too few distinct x. */
  reason: string;
}

function checkPoints(points: readonly CurvePoint[]): void {
  points.forEach((p, i) => {
    if (!(Number.isFinite(p.x) && p.x > 0)) throw new RangeError(`point ${i}: x must be a finite number > 0 (it is logged), got ${p.x}`);
    if (!Number.isFinite(p.y)) throw new RangeError(`point ${i}: y must be a finite number, got ${p.y}`);
    if (p.variance !== undefined && !(Number.isFinite(p.variance) && p.variance >= 0)) {
      throw new RangeError(`point ${i}: variance must be a finite number ≥ 0, got ${p.variance}`);
    }
  });
}

/**
 * Fits ACC = α·ln(X) + b by least squares on u = ln X (the DoIT study's α·log N + α·c with b = α·c,
 * which stays defined when α = 0).
 *
 * Weighted least squares with weights 1/variance when every point has a variance > 0, else ordinary
 * least squares (a point without a variance, or with variance 0, gives no weight to use). With Sw = Σw,
 * ū and ȳ the weighted means, Suu = Σw(u − ū)², Suy = Σw(u − ū)(y − ȳ): α = Suy/Suu, b = ȳ − α·ū.
 *
 * Standard errors are residual-scaled in both cases: s² = Σw·r²/(n − 2), SE(α) = √(s²/Suu),
 * SE(b) = √(s²·(1/Sw + ū²/Suu)), intervals with Student t on n − 2 degrees of freedom. For a weighted
 * fit that treats the variances as relative (Var εᵢ = φ·varianceᵢ, φ estimated by s², as R's `lm`
 * with weights and statsmodels' WLS do): per-item intervals miss the seed-to-seed and checkpoint
 * noise, so trusting them as absolute would make the intervals too narrow.
 *
 * Not estimable (no numbers, never NaN) with fewer than 3 points or fewer than 2 distinct x. Throws a
 * RangeError naming the point for x ≤ 0, a non-finite y or a negative variance.
 */
export function fitLogLinear(points: readonly CurvePoint[], options: FitOptions = {}): LogLinearFit | NotEstimable {
  const confidence = options.confidence ?? 0.95;
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  checkPoints(points);
  const n = points.length;
  if (n < 3) return { estimable: false, n, reason: `a fit with intervals needs at least 3 points, got ${n}` };
  const weighted = points.every((p) => p.variance !== undefined && p.variance > 0);
  const w = points.map((p) => (weighted ? 1 / (p.variance as number) : 1));
  const u = points.map((p) => Math.log(p.x));
  const y = points.map((p) => p.y);

  let sw = 0;
  let su = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sw += w[i];
    su += w[i] * u[i];
    sy += w[i] * y[i];
  }
  const uBar = su / sw;
  const yBar = sy / sw;
  let suu = 0;
  let suy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const du = u[i] - uBar;
    const dy = y[i] - yBar;
    suu += w[i] * du * du;
    suy += w[i] * du * dy;
    syy += w[i] * dy * dy;
  }
  // Distinct x in log space: relative to the spread of u, below rounding means one x.
  if (!(suu > 1e-24 * sw * Math.max(1, uBar * uBar))) {
    return { estimable: false, n, reason: `a fit needs at least 2 distinct x values, got ${n} points at x = ${points[0].x}` };
  }
  const alpha = suy / suu;
  const b = yBar - alpha * uBar;
  let rss = 0;
  for (let i = 0; i < n; i++) {
    const r = y[i] - (alpha * u[i] + b);
    rss += w[i] * r * r;
  }
  const df = n - 2;
  const s2 = rss / df;
  const seAlpha = Math.sqrt(s2 / suu);
  const seB = Math.sqrt(s2 * (1 / sw + (uBar * uBar) / suu));
  const tCrit = studentTQuantile(1 - (1 - confidence) / 2, df);
  const meanPointVariance = n / sw;

  return {
    estimable: true,
    weighting: weighted ? 'inverse-variance' : 'ordinary',
    alpha,
    b,
    seAlpha,
    seB,
    ciAlpha: { estimate: alpha, lower: alpha - tCrit * seAlpha, upper: alpha + tCrit * seAlpha },
    confidence,
    // y constant up to rounding (a flat noise-free curve): R² is 0/0.
    rSquared: syy > 1e-24 * sw * Math.max(1, yBar * yBar) ? Math.max(0, 1 - rss / syy) : null,
    n,
    df,
    residualVariance: s2,
    gainPerX4: alpha * Math.log(4),
    predict(x0: number, variance?: number): Prediction {
      if (!(Number.isFinite(x0) && x0 > 0)) throw new RangeError(`predict: x0 must be a finite number > 0, got ${x0}`);
      if (variance !== undefined && !(Number.isFinite(variance) && variance >= 0)) {
        throw new RangeError(`predict: variance must be a finite number ≥ 0, got ${variance}`);
      }
      const du = Math.log(x0) - uBar;
      const estimate = alpha * Math.log(x0) + b;
      const meanVariance = s2 * (1 / sw + (du * du) / suu);
      const observationVariance = weighted ? s2 * (variance ?? meanPointVariance) : s2;
      const half = tCrit * Math.sqrt(meanVariance + observationVariance);
      return { estimate, lower: estimate - half, upper: estimate + half, meanVariance, observationVariance };
    },
  };
}
