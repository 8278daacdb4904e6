/**
 * What guidance needs from an ability's scaling fit (issue 13 item 3): the data-volume fit ACC = α·ln(n) + b over
 * per-ability train counts n, and the ability's class. The statistics that produce it live in server/analysis/stats;
 * this interface is all guidance depends on, so either side can change without the other.
 */
import type { AbilityClass } from '../stats/sensitivity';

export { ABILITY_CLASSES, type AbilityClass } from '../stats/sensitivity';

export interface AbilityFit {
  /** α_D: score gained per unit of ln(items), in the score's own unit (accuracy 0–1) */
  alpha: number;
  /** intercept b: the fitted score at one item */
  b: number;
  class: AbilityClass;
  /** plateaued only: the per-ability volume where the plateau starts */
  plateauStart?: number;
}

/** Fitted score at n items (the log curve is defined from one item up). */
export const fittedScore = (fit: AbilityFit, n: number): number => fit.alpha * Math.log(n) + fit.b;

/** Whether more data is expected to help: α_D is not significantly > 0 for resistant and size-sensitive-only abilities. */
export const growsWithData = (fit: AbilityFit): boolean => fit.class === 'plateaued' || fit.class === 'responsive';
