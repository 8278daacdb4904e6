/**
 * Guidance in annotation hours (issue 13 item 6): "the next N hours are worth most in abilities …", and the weights
 * of the pace-guided review queue. Pure function, no I/O.
 *
 * An hour of review on ability i yields acceptedPerHour_i = 3600 / (median review seconds × reviews per item) × pass
 * rate accepted items (each item is reviewed by two people by default, and only the pass rate of them is accepted).
 * Spent wholly on i, N hours take it from n to n + N·acceptedPerHour on its fitted curve ACC = α·ln(n) + b, a gain of
 * α·ln((n + N·acceptedPerHour) / n) — over the N hours, not at the current count only, so an ability whose items
 * come fast is not overrated by the slope at n alone. Counts below one item are taken as one (the curve starts
 * there). Resistant and size-sensitive-only abilities gain nothing (α_D is not significantly > 0); a plateaued one
 * gains only up to its cap, and when the number of items waiting for review is given, no ability accepts more than
 * its pass rate of them.
 *
 * The queue weights are the gains per hour normalised to sum to 1 over the abilities that gain; a lead sees them as
 * they are. The stage priority (validation before filtering) is applied before them, by the queue.
 */
import { growsWithData, type AbilityClass, type AbilityFit } from './ability-fit';
import { checkCount, duplicateProblems, fitProblems, GuidanceInputError, plateauCapOf, plateauCapProblems } from './guidance-input';
import { reason, type GuidanceReason } from './guidance-messages';

/** Dual blind review: every item is reviewed by two annotators (DESIGN.md invariant 1). */
export const DEFAULT_REVIEWS_PER_ITEM = 2;
/** How many abilities the summary sentence names. */
export const DEFAULT_HOURS_NAMED = 3;

export interface HoursAbilityInput {
  ability: string;
  fit: AbilityFit;
  /** this ability's accepted train items now */
  current: number;
  /** median seconds one review of an item of this ability takes (from the agreement statistics) */
  medianReviewSeconds: number;
  /** share of reviewed items accepted, 0–1 */
  passRate: number;
  /** items of this ability waiting for review, if known: hours cannot accept more than pass rate × these */
  awaitingReview?: number;
}

export interface HoursOptions {
  hours: number;
  reviewsPerItem?: number;
  /** cap for every plateaued ability instead of the volume where its own plateau starts */
  plateauCap?: number;
  /** abilities the summary names at most; default 3 */
  named?: number;
}

export interface AbilityHours {
  ability: string;
  class: AbilityClass;
  acceptedPerHour: number;
  /** accepted items N hours would add, at most up to a plateaued ability's cap */
  itemsInHours: number;
  /** expected score gain if all N hours went to this ability */
  gainInHours: number;
  gainPerHour: number;
  /** share of the pace-guided queue, 0–1; the weights of all abilities sum to 1 (or are all 0) */
  weight: number;
  /** 1 = worth most; abilities without gain share the last rank */
  rank: number;
  reasons: GuidanceReason[];
}

export interface HoursGuidance {
  hours: number;
  reviewsPerItem: number;
  /** ranked, worth most first (ties in input order) */
  abilities: AbilityHours[];
  /** the abilities the summary names, worth most first */
  worthMost: string[];
  summary: GuidanceReason;
}

export function rankAnnotationHours(inputs: readonly HoursAbilityInput[], options: HoursOptions): HoursGuidance {
  const reviewsPerItem = options.reviewsPerItem ?? DEFAULT_REVIEWS_PER_ITEM;
  const named = options.named ?? DEFAULT_HOURS_NAMED;
  checkInput(inputs, options, reviewsPerItem, named);
  const { hours } = options;

  const rows = inputs.map((input, order) => {
    const { ability, fit } = input;
    const acceptedPerHour = (3600 / (input.medianReviewSeconds * reviewsPerItem)) * input.passRate;
    const n = Math.max(1, input.current);
    const reasons: GuidanceReason[] = [];
    let itemsInHours = 0;
    let gainInHours = 0;
    if (!growsWithData(fit)) {
      reasons.push(reason('pace.guidance.hours.notFromData', { ability, class: fit.class }));
    } else {
      const cap = fit.class === 'plateaued' ? plateauCapOf(fit, options.plateauCap) : Number.POSITIVE_INFINITY;
      const acceptable = input.awaitingReview === undefined ? Number.POSITIVE_INFINITY : input.awaitingReview * input.passRate;
      itemsInHours = Math.max(0, Math.min(hours * acceptedPerHour, cap - n, acceptable));
      gainInHours = Math.max(0, fit.alpha * Math.log((n + itemsInHours) / n));
      if (fit.class === 'plateaued' && n >= cap) reasons.push(reason('pace.guidance.hours.atCap', { ability, cap }));
    }
    const gainPerHour = gainInHours / hours;
    if (gainPerHour > 0) reasons.push(reason('pace.guidance.hours.gain', { ability, acceptedPerHour, gainPerHour }));
    return { order, row: { ability, class: fit.class, acceptedPerHour, itemsInHours, gainInHours, gainPerHour, weight: 0, rank: 0, reasons } };
  });

  const total = rows.reduce((s, r) => s + r.row.gainPerHour, 0);
  for (const { row } of rows) row.weight = total > 0 ? row.gainPerHour / total : 0;
  rows.sort((a, b) => b.row.gainPerHour - a.row.gainPerHour || a.order - b.order);
  const gaining = rows.filter((r) => r.row.gainPerHour > 0).length;
  rows.forEach((r, k) => (r.row.rank = r.row.gainPerHour > 0 ? k + 1 : gaining + 1));

  const abilities = rows.map((r) => r.row);
  const worthMost = abilities.filter((a) => a.gainPerHour > 0).slice(0, named).map((a) => a.ability);
  const summary =
    worthMost.length > 0 ? reason('pace.guidance.hours.worthMost', { hours, abilities: worthMost }) : reason('pace.guidance.hours.nothingToGain', { hours });
  return { hours, reviewsPerItem, abilities, worthMost, summary };
}

function checkInput(inputs: readonly HoursAbilityInput[], options: HoursOptions, reviewsPerItem: number, named: number): void {
  const problems: string[] = [];
  if (!(Number.isFinite(options.hours) && options.hours > 0)) problems.push(`hours must be a positive number, got ${String(options.hours)}`);
  if (!(Number.isInteger(reviewsPerItem) && reviewsPerItem >= 1)) problems.push(`reviewsPerItem must be an integer of at least 1, got ${String(reviewsPerItem)}`);
  if (!(Number.isInteger(named) && named >= 1)) problems.push(`named must be an integer of at least 1, got ${String(named)}`);
  problems.push(...plateauCapProblems(options.plateauCap));
  if (inputs.length === 0) problems.push('no abilities to rank');
  problems.push(...duplicateProblems(inputs.map((a) => a.ability)));
  for (const a of inputs) {
    problems.push(...fitProblems(a.ability, a.fit, options.plateauCap !== undefined));
    checkCount(problems, `${a.ability}: current`, a.current);
    if (a.awaitingReview !== undefined) checkCount(problems, `${a.ability}: awaitingReview`, a.awaitingReview);
    if (!(Number.isFinite(a.medianReviewSeconds) && a.medianReviewSeconds > 0)) {
      problems.push(`${a.ability}: medianReviewSeconds must be a positive number, got ${String(a.medianReviewSeconds)}`);
    }
    if (!(Number.isFinite(a.passRate) && a.passRate >= 0 && a.passRate <= 1)) problems.push(`${a.ability}: passRate must be in [0, 1], got ${String(a.passRate)}`);
  }
  if (problems.length > 0) throw new GuidanceInputError(problems);
}
