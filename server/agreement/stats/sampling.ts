import type { Random } from './random';

/** fc(k) = ln k! − [(k + ½) ln(k + 1) − (k + 1) + ½ ln 2π], the Stirling remainder, for k = 0…9. */
const STIRLING_REMAINDER = [
  0.08106146679532733, 0.04134069595540946, 0.027677925684997717, 0.02079067210376584, 0.01664469118982126,
  0.013876128823072875, 0.011896709945893313, 0.010411265261973668, 0.00925546218270945, 0.008330563433359472,
];
const HALF_LN_2PI = 0.5 * Math.log(2 * Math.PI);

function logFactorial(k: number): number {
  let remainder: number;
  if (k < 10) remainder = STIRLING_REMAINDER[k];
  else {
    const k1sq = (k + 1) * (k + 1);
    remainder = (1 / 12 - (1 / 360 - 1 / 1260 / k1sq) / k1sq) / (k + 1);
  }
  return (k + 0.5) * Math.log(k + 1) - (k + 1) + HALF_LN_2PI + remainder;
}

/** Counts successes by summing geometric waiting times until they pass n: O(np) expected steps. */
function binomialInversion(n: number, p: number, random: Random): number {
  const logQ = Math.log1p(-p);
  let trials = 0;
  let successes = 0;
  for (;;) {
    trials += Math.ceil(Math.log(random()) / logQ);
    if (trials > n) return successes;
    successes++;
  }
}

/** Hörmann's BTRS (transformed rejection with squeeze, 1993) for p ≤ ½ and np ≥ 10: exact, O(1) expected. */
function binomialBtrs(n: number, p: number, random: Random): number {
  const spq = Math.sqrt(n * p * (1 - p));
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const alpha = (2.83 + 5.1 / b) * spq;
  const vr = 0.92 - 4.2 / b;
  const logOdds = Math.log(p / (1 - p));
  const mode = Math.floor((n + 1) * p);
  const logModeTerms = logFactorial(mode) + logFactorial(n - mode);
  for (;;) {
    const u = random() - 0.5;
    let v = random();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || k > n) continue;
    v = (v * alpha) / (a / (us * us) + b);
    // Accept when v ≤ f(k)/f(mode), f the binomial probability mass.
    if (Math.log(v) <= logModeTerms - logFactorial(k) - logFactorial(n - k) + (k - mode) * logOdds) return k;
  }
}

/**
 * A Binomial(n, p) draw, exact: inversion by geometric waiting times when np < 10, else BTRS
 * (the algorithm TensorFlow and JAX use); p > ½ is drawn as n − Binomial(n, 1 − p).
 */
export function binomial(n: number, p: number, random: Random): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`binomial n must be a non-negative integer, got ${n}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`binomial p must be in [0, 1], got ${p}`);
  if (n === 0 || p === 0) return 0;
  if (p === 1) return n;
  if (p > 0.5) return n - binomial(n, 1 - p, random);
  return n * p < 10 ? binomialInversion(n, p, random) : binomialBtrs(n, p, random);
}

/**
 * A Multinomial(n, weights/Σweights) draw by sequential conditional binomials: category i gets
 * Binomial(what is left, w_i / (w_i + … + w_last)). O(categories) binomial draws.
 */
export function multinomial(n: number, weights: readonly number[], random: Random): number[] {
  const k = weights.length;
  const rest = new Array<number>(k + 1).fill(0);
  for (let i = k - 1; i >= 0; i--) {
    if (!(weights[i] >= 0) || !Number.isFinite(weights[i])) {
      throw new RangeError(`multinomial weights must be finite and non-negative, got ${weights[i]}`);
    }
    rest[i] = rest[i + 1] + weights[i];
  }
  if (n > 0 && !(rest[0] > 0)) throw new RangeError('multinomial weights must not all be zero');
  const draw = new Array<number>(k).fill(0);
  let left = n;
  for (let i = 0; i < k && left > 0; i++) {
    if (weights[i] === 0) continue;
    const isLast = rest[i + 1] === 0;
    draw[i] = isLast ? left : binomial(left, Math.min(1, weights[i] / rest[i]), random);
    left -= draw[i];
  }
  return draw;
}
