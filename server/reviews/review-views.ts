/**
 * What the reviews API answers (POST /reviews/next, GET /reviews/mine, /reviews/queue, /reviews/disagreements,
 * /items/:id/reviews) and the lists it uses: dependency-free, so the admin UI imports these (type-only, or the `as
 * const` lists by value) instead of restating them. Dates are Dates here; the UI reads them through `Wire<…>`.
 */
import type { AbilityRef } from '../abilities/ability-views';
import type { DistractorKind } from '../distractors/distractor-views';
import type { ItemContentView, ItemStatus, ReviewMode } from '../items/item-views';
import type { ReasonCode } from './review-reasons';

export const ROUND_KINDS = ['filter', 'validation', 'distractor'] as const;
export type RoundKind = (typeof ROUND_KINDS)[number];
/** The order POST /reviews/next serves the kinds of round in until a lead changes it: revised items close first. */
export const DEFAULT_STAGE_ORDER: readonly RoundKind[] = ['validation', 'distractor', 'filter'];
export type RoundOutcome = 'accepted' | 'rejected';
export type Decision = 'approve' | 'reject';

/** What a reviewer gets with a lease: the item to judge and nothing of any other reviewer's decision. */
export interface LeaseView {
  lease: { id: string; leasedAt: Date; expiresAt: Date };
  /** `reviewsNeeded` 1: this reviewer's decision alone decides the round (an item of a single-review synthetic source). */
  round: { id: string; kind: RoundKind; reviewsNeeded: 1 | 2 };
  item: ItemContentView & { split: string | null; reviewMode: ReviewMode };
  ability: AbilityRef;
  source: { id: string; name: string };
  /** For a distractor round: the distractor under review. */
  distractor?: { id: string; kind: DistractorKind; text: string };
  /** For a validation round: what the reviser changed. */
  revision?: { id: string; diff: string | null; comment: string | null };
}

/** GET /reviews/mine: the caller's decisions since midnight (server time). */
export interface ReviewTally {
  today: number;
  approvedToday: number;
}

/** The queues the dashboard counts, in the order it shows them. */
export const STAGES = ['filter', 'revision', 'validation', 'distractor_authoring', 'distractor_review'] as const;
export type Stage = (typeof STAGES)[number];

/** GET /reviews/queue. */
export interface QueueDepth {
  stages: Record<Stage, number>;
  byAbility: { abilityId: number; abilityKey: string; stage: Stage; count: number }[];
}

/** A decision as shown to those allowed to see it. */
export interface PublicDecision {
  reviewerId: string;
  reviewerName: string;
  decision: Decision;
  reasons: ReasonCode[];
  comment: string | null;
  timeSpentMs: number | null;
  submittedAt: Date;
}

/** GET /reviews/disagreements: a decided round whose two reviewers disagreed, on an item a lead can still act on. */
export interface DisagreementView {
  id: string;
  itemId: number;
  kind: RoundKind;
  abilityId: number;
  abilityKey: string;
  outcome: RoundOutcome;
  /** The item's status now. */
  itemStatus: ItemStatus;
  decidedAt: Date;
  /** The first message, cut at 200 characters. */
  instruction: string | null;
  decisions: PublicDecision[];
}

/** A review round as stored (`review_rounds`). */
export interface RoundRow {
  id: string;
  item_id: string;
  kind: RoundKind;
  revision_id: string | null;
  distractor_id: string | null;
  ability_id: number;
  source_id: string;
  status: 'open' | 'decided';
  outcome: RoundOutcome | null;
  /** 2, or 1 for a single-review item's round: its one decision decides it (see the SingleReviewRounds migration). */
  reviews_needed: 1 | 2;
}

/** GET /items/:id/reviews: the item's rounds, with the decisions the caller may see. */
export interface ItemRoundView extends RoundRow {
  created_at: Date;
  decided_at: Date | null;
  /** Decisions submitted, seen or not. */
  reviewsIn: number;
  decisions: PublicDecision[];
}

/** What "My work" lists: a decision on a review round, a submitted revision, or a written distractor. */
export const MY_WORK_KINDS = ['decision', 'revision', 'distractor'] as const;
export type MyWorkKind = (typeof MY_WORK_KINDS)[number];
/** A piece of work's outcome filter: its round decided one way or the other, or still open. */
export const MY_WORK_OUTCOMES = ['accepted', 'rejected', 'pending'] as const;
export type MyWorkOutcome = (typeof MY_WORK_OUTCOMES)[number];

/**
 * GET /reviews/mine/history: one piece of the caller's own work. The outcome is the round's (a decision's review
 * round, a revision's validation round, a distractor's review round) once it is decided, and only then the
 * co-reviewer's decision (blind review: nothing of it while the round is open).
 */
export interface MyWorkEntry {
  /** `<kind>-<refId>`: unique across the three kinds. */
  id: string;
  kind: MyWorkKind;
  /** The review_assignments id (a decision: the lease id), the revision's or the distractor's. */
  refId: string;
  itemId: number;
  abilityId: number;
  abilityKey: string;
  /** The first message, cut at 200 characters. */
  instruction: string | null;
  /** When it was submitted (a distractor: written). */
  at: Date;
  /** A decision changed while its round was open: when, last. */
  changedAt: Date | null;
  /** A decision: the round's kind; else null. */
  roundKind: RoundKind | null;
  decision: Decision | null;
  reasons: ReasonCode[];
  comment: string | null;
  /** A distractor: fine or coarse. */
  distractorKind: DistractorKind | null;
  /** Null while the round is open (or a revision has no validation round). */
  outcome: RoundOutcome | null;
  decidedAt: Date | null;
  /** A decided two-review round's other decision; null otherwise, always while the round is open. */
  coReviewer: PublicDecision | null;
  /** True for a decision whose round is still open: its reviewer may change it (PUT /reviews/:leaseId/decision). */
  changeable: boolean;
}

/** GET /reviews/mine/items/:id: an item the caller worked on, with the rounds they may see. */
export interface MyWorkItemView {
  item: ItemContentView & { status: ItemStatus };
  ability: AbilityRef;
  rounds: ItemRoundView[];
}

/** PUT /reviews/:leaseId/decision: the decision as it now stands. */
export interface DecisionChanged {
  leaseId: string;
  roundId: string;
  itemId: number;
  decision: Decision;
  reasons: ReasonCode[];
  comment: string | null;
  changedAt: Date;
}

/**
 * GET/PUT /reviews/stage-order: the queue's priority between stages. POST /reviews/next serves the first kind in
 * `stages` that has work for the caller (filtering: an open round's second slot, then a new round); inside a stage,
 * the pace-guided weights (when on) order the abilities.
 */
export interface StageOrderView {
  stages: RoundKind[];
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface StageOrderRequest {
  stages: RoundKind[];
}
