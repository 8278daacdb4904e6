/**
 * What the revisions API answers (POST /revisions/assign, /revisions/next, /revisions/:id/submit, GET /revisions/:id,
 * /items/:id/revisions): dependency-free, shared with the admin UI (type-only).
 */
import type { AbilityRef } from '../abilities/ability-views';
import type { LeaseState } from '../common/lease-state';
import type { ChatMessage } from '../imports/import-types';
import type { ItemContentView, ItemStatus } from '../items/item-views';
import type { Decision, RoundKind, RoundOutcome } from '../reviews/review-views';
import type { ReasonCode } from '../reviews/review-reasons';

/** The part of an item a reviser may change; revisions keep it before and after. */
export interface ItemContent {
  messages: ChatMessage[];
  gold: string | null;
  choices: string[] | null;
  abilityId: number;
}

/** POST /revisions/assign. */
export interface AssignResult {
  sent: number;
  itemIds: number[];
  /** Accepted items among them, re-opened (confirmReopen). */
  reopened?: number[];
  /** Items asked for by id that no action applies to, with their status. */
  skipped?: { itemId: number; status: ItemStatus | null; reason: string }[];
}

/** POST /revisions/:id/submit. */
export interface RevisionSubmitted {
  revisionId: string;
  itemId: number;
  validationRoundId: string;
  /** Reviewers kept off the validation round: the reviser, and the first-round reviewers when enough others exist. */
  excludedReviewers: string[];
}

/** A revision as stored, with its reviser's name. */
interface RevisionBase {
  id: string;
  /** A bigint column: the driver gives it as a string. */
  itemId: string;
  reviserId: string;
  reviserName: string;
  state: LeaseState;
  before: ItemContent | null;
  after: ItemContent | null;
  /** A unified diff of the rendered item. */
  diff: string | null;
  comment: string | null;
}

/** GET /items/:id/revisions: the item's submitted revisions. */
export interface ItemRevisionView extends RevisionBase {
  submittedAt: Date;
}

/** GET /revisions/:id: a revision lease, submitted or not. */
export interface RevisionRecord extends RevisionBase {
  leasedAt: Date;
  expiresAt: Date;
  submittedAt: Date | null;
}

/** A decision of an earlier round, as the reviser sees it (no names). */
export interface PastDecision {
  decision: Decision;
  reasons: ReasonCode[];
  comment: string | null;
}

/** POST /revisions/next: the item under revision with why it was sent (its earlier rounds' decisions). */
export interface RevisionTaskView {
  revision: { id: string; leasedAt: Date; expiresAt: Date; state: LeaseState };
  item: ItemContentView & {
    status: ItemStatus;
    ability: AbilityRef;
    source: { id: string; name: string };
  };
  history: { roundId: string; kind: RoundKind; outcome: RoundOutcome | null; decisions: PastDecision[] }[];
}
