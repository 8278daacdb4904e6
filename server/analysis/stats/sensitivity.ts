import { studentTQuantile, studentTSurvival } from './distributions';
import type { CurvePoint, LogLinearFit, NotEstimable } from './log-linear-fit';

/** The four sensitivity classes of issue 13 item 3: every ability gets exactly one. */
export const ABILITY_CLASSES = ['resistant', 'size-sensitive-only', 'plateaued', 'responsive'] as const;
export type AbilityClass = (typeof ABILITY_CLASSES)[number];

/** Default significance level of the one-sided tests of α > 0. */
export const DEFAULT_SIGNIFICANCE_LEVEL = 0.05;

/** What a test of a slope needs from a fit. */
export type SlopeFit = Pick<LogLinearFit, 'alpha' | 'seAlpha' | 'df'>;
type MaybeFit = SlopeFit | NotEstimable | undefined;

export interface SlopeTest {
  /** α / SE(α); ±Infinity for a noise-free fit with α ≠ 0, 0 when α = 0. */
  t: number;
  /** One-sided p-value of H0: α ≤ 0 against α > 0 (Student t, the fit's n − 2 degrees of freedom). */
  p: number;
  significant: boolean;
}

/** One-sided t-test of α > 0 at `level`: p = P(T_df > α/SE(α)), significant when p < level. */
export function testSlopePositive(fit: SlopeFit, level = DEFAULT_SIGNIFICANCE_LEVEL): SlopeTest {
  checkLevel(level);
  const t = fit.seAlpha > 0 ? fit.alpha / fit.seAlpha : fit.alpha === 0 ? 0 : fit.alpha * Infinity;
  const p = studentTSurvival(t, fit.df);
  return { t, p, significant: p < level };
}

/** Whether the two-sided (1 − level) interval of α, Student t on the fit's df, contains 0. */
export function intervalIncludesZero(fit: SlopeFit, level = DEFAULT_SIGNIFICANCE_LEVEL): boolean {
  checkLevel(level);
  const half = studentTQuantile(1 - level / 2, fit.df) * fit.seAlpha;
  return fit.alpha - half <= 0 && 0 <= fit.alpha + half;
}

function checkLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`significance level must be in (0, 1), got ${level}`);
}

function usable(fit: MaybeFit): SlopeFit | undefined {
  if (fit === undefined || ('estimable' in fit && fit.estimable === false)) return undefined;
  return fit as SlopeFit;
}

export interface AbilityFits {
  /** ACC against data volume (α_D); absent when the study did not vary volume. */
  dataFit?: MaybeFit;
  /** ACC against model size (α_N; scores averaged over volumes); absent when the study did not vary size. */
  sizeFit?: MaybeFit;
  /** ACC against data volume over the last three volumes only (see `pointsAtLastVolumes`). */
  lastThreeDataFit?: MaybeFit;
}

export interface Classification {
  class: AbilityClass;
  /** The test of α_D > 0; null when data volume was left out (no estimable fit). */
  data: SlopeTest | null;
  /** The test of α_N > 0; null when model size was left out. */
  size: SlopeTest | null;
  /** Whether the last-three-volumes interval includes 0; null when not assessed (α_D not significant or no fit). */
  plateau: boolean | null;
  level: number;
  /** The rule that decided, in words. */
  reason: string;
}

/**
 * Classifies an ability by issue 13 item 3's rules, in this order:
 * - α_D significantly > 0 and the last three volumes' (1 − level) interval of α includes 0 → `plateaued`;
 * - α_D significantly > 0 otherwise (or no last-three fit to tell) → `responsive`;
 * - α_N significantly > 0 (α_D not, or not varied) → `size-sensitive-only`;
 * - neither → `resistant`.
 * Significance: a one-sided t-test of α > 0 at `level` (default 0.05) on the fit's n − 2 degrees of
 * freedom, with the fit's residual-scaled SE: the scatter of its points (seeds and volumes) about the
 * line, scaled by their per-item interval variances when the fit is weighted. A factor whose fit is
 * absent or not estimable was not varied and is left out of the rule; with neither, it throws.
 */
export function classifyAbility(fits: AbilityFits, options: { level?: number } = {}): Classification {
  const level = options.level ?? DEFAULT_SIGNIFICANCE_LEVEL;
  checkLevel(level);
  const dataFit = usable(fits.dataFit);
  const sizeFit = usable(fits.sizeFit);
  if (!dataFit && !sizeFit) {
    throw new RangeError('classifyAbility needs an estimable fit against data volume or model size; neither was given');
  }
  const data = dataFit ? testSlopePositive(dataFit, level) : null;
  const size = sizeFit ? testSlopePositive(sizeFit, level) : null;
  const lastThree = usable(fits.lastThreeDataFit);
  const plateau = data?.significant && lastThree ? intervalIncludesZero(lastThree, level) : null;
  const result = (cls: AbilityClass, reason: string): Classification => ({ class: cls, data, size, plateau, level, reason });
  const pct = `${(1 - level) * 100}%`;
  if (data?.significant) {
    if (plateau) return result('plateaued', `α_D > 0 (p = ${fmt(data.p)}), but the ${pct} interval over the last three volumes includes 0`);
    return result('responsive', `α_D > 0 (p = ${fmt(data.p)})${plateau === false ? ' and still rising over the last three volumes' : ''}`);
  }
  if (size?.significant) {
    return result('size-sensitive-only', `α_N > 0 (p = ${fmt(size.p)})${data ? `, α_D not (p = ${fmt(data.p)})` : ''}`);
  }
  const parts = [data && `α_D (p = ${fmt(data.p)})`, size && `α_N (p = ${fmt(size.p)})`].filter(Boolean);
  return result('resistant', `${parts.join(' and ')} not significantly > 0 at ${level}`);
}

function fmt(p: number): string {
  return p < 1e-4 ? p.toExponential(1) : p.toFixed(4);
}

/** The points at the `k` largest distinct x values (every seed there): the input of the plateau fit. */
export function pointsAtLastVolumes<P extends CurvePoint>(points: readonly P[], k = 3): P[] {
  const xs = [...new Set(points.map((p) => p.x))].sort((a, b) => a - b).slice(-k);
  const keep = new Set(xs);
  return points.filter((p) => keep.has(p.x));
}

/**
 * Min–max normalisation of sensitivities across abilities: (α − min)/(max − min), so the least
 * sensitive ability gets 0 and the most sensitive 1. With one ability, or all equal, there is no
 * spread to rank by: every ability gets ½. A non-finite α throws, naming its ability.
 */
export function normaliseSensitivities(alphas: Readonly<Record<string, number>>): Record<string, number> {
  const entries = Object.entries(alphas);
  for (const [key, a] of entries) {
    if (!Number.isFinite(a)) throw new RangeError(`sensitivity of ability "${key}" must be a finite number, got ${a}`);
  }
  const values = entries.map(([, a]) => a);
  const min = Math.min(...values);
  const max = Math.max(...values);
  return Object.fromEntries(entries.map(([key, a]) => [key, max > min ? (a - min) / (max - min) : 0.5]));
}
