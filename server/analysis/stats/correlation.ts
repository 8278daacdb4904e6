import { studentTSurvival } from './distributions';

export interface PearsonCorrelation {
  estimable: true;
  r: number;
  /** Two-sided p-value of H0: ρ = 0, from t = r·√((n − 2)/(1 − r²)) on n − 2 degrees of freedom; 0 when |r| = 1. */
  p: number;
  n: number;
  df: number;
  /** The least-squares line of y on x through the same centred sums (slope = Sxy/Sxx, through the means): the scatter's fitted line. */
  slope: number;
  intercept: number;
}

export interface CorrelationNotEstimable {
  estimable: false;
  n: number;
  reason: string;
}

/**
 * Pearson's r of paired values (centred sums, so large offsets lose no precision) with its two-sided
 * t-test. Not estimable with fewer than 3 pairs (no degrees of freedom for the test) or when either
 * variable is constant (r is 0/0). Also gives the least-squares line of y on x (the line drawn over a scatter). Throws naming the pair for unequal lengths or a non-finite value.
 */
export function pearsonCorrelation(xs: readonly number[], ys: readonly number[]): PearsonCorrelation | CorrelationNotEstimable {
  if (xs.length !== ys.length) throw new RangeError(`pearsonCorrelation needs paired values, got ${xs.length} x and ${ys.length} y`);
  xs.forEach((x, i) => {
    if (!Number.isFinite(x) || !Number.isFinite(ys[i])) throw new RangeError(`pair ${i} must be two finite numbers, got (${x}, ${ys[i]})`);
  });
  const n = xs.length;
  if (n < 3) return { estimable: false, n, reason: `a correlation test needs at least 3 pairs, got ${n}` };
  const xBar = xs.reduce((s, x) => s + x, 0) / n;
  const yBar = ys.reduce((s, y) => s + y, 0) / n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i] - xBar;
    const dy = ys[i] - yBar;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  if (!(sxx > 0 && syy > 0)) {
    return { estimable: false, n, reason: `r is undefined when ${sxx > 0 ? 'y' : 'x'} is constant` };
  }
  const r = Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
  const df = n - 2;
  const p = Math.abs(r) === 1 ? 0 : Math.min(1, 2 * studentTSurvival(Math.abs(r) * Math.sqrt(df / (1 - r * r)), df));
  const slope = sxy / sxx;
  return { estimable: true, r, p, n, df, slope, intercept: yBar - slope * xBar };
}
