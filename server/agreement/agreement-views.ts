/**
 * What the agreement API answers (GET /agreement, /agreement/pass-rates, /agreement/pairs, /agreement/reviewers): dependency-free, so the
 * admin UI imports these types (type-only) instead of restating them.
 */
import type { Coefficient } from './stats/types';

export const GROUP_BYS = ['none', 'ability', 'source', 'week'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

export interface Estimate {
  estimate: Coefficient;
  low: Coefficient;
  high: Coefficient;
}

export interface GroupAgreement {
  key: string;
  label: string;
  /** Decided rounds with two decisions: every agreement figure below is computed over these only. */
  rounds: number;
  /** Decided single-review rounds (items of a synthetic source set to one review): in the pass rate, not in agreement. */
  singleReviewRounds: number;
  /** Share of decided rounds that accepted their item: both reviewers approved, or the one reviewer of a single round. */
  passRate: number;
  percentAgreement: Estimate;
  krippendorffAlpha: Estimate;
  fleissKappa: Estimate;
  gwetAc1: Estimate;
  /**
   * Mean of Cohen's κ over the reviewer pairs in the group (pairs change from item to item); the interval resamples
   * each pair's items. Null estimate where the group has no pair tables (by source or week, or within a time range).
   */
  meanCohenKappa: Estimate;
  reviewerPairs: number | null;
}

export interface PairAgreement {
  reviewerA: string;
  reviewerB: string;
  rounds: number;
  percentAgreement: Coefficient;
  cohenKappa: Estimate;
  gwetAc1: Coefficient;
}

/** GET /agreement: one row per group (ability, source, week or all). */
export interface AgreementSummary {
  groupBy: GroupBy;
  groups: GroupAgreement[];
  computedAt: Date;
}

/** One group's pass rate: GroupAgreement's counts without its agreement figures (no bootstrap, so quick to answer). */
export type GroupPassRate = Pick<GroupAgreement, 'key' | 'label' | 'rounds' | 'singleReviewRounds' | 'passRate'>;

/** GET /agreement/pass-rates: the dashboard's first paint draws these before the full summary's intervals are in. */
export interface PassRates {
  groupBy: GroupBy;
  groups: GroupPassRate[];
}

/** One reviewer's Cohen's κ averaged over every pair they are in (point estimates; pairs with no κ left out). */
export interface ReviewerMeanKappa {
  reviewerId: string;
  meanCohenKappa: number | null;
  /** Pairs the reviewer is in, with or without a κ. */
  pairs: number;
}

/**
 * GET /agreement/pairs: Cohen's κ for the reviewer pairs (the heatmap) and the matrix's mean. With `top`, `reviewers`
 * and `pairs` hold only the `top` reviewers with the most paired rounds and the pairs among them, while
 * `reviewerCount`, `pairCount`, `meanCohenKappa` and `reviewerMeans` still cover every pair.
 */
export interface AgreementPairs {
  reviewers: { id: string; name: string }[];
  pairs: PairAgreement[];
  meanCohenKappa: number | null;
  /** Reviewers in at least one pair, shown or not. */
  reviewerCount: number;
  /** Pairs with at least one shared round, shown or not. */
  pairCount: number;
  reviewerMeans: ReviewerMeanKappa[];
}

/** GET /agreement/reviewers: one row per reviewer. */
export interface ReviewerFigures {
  reviewerId: string;
  name: string;
  reviewed: number;
  /** Within 5% (the histogram's resolution). */
  medianMs: number | null;
  approvalRate: number;
  coReviewerAgreement: number | null;
}
