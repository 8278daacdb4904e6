/** The shapes of the server answers the dashboard reads (see server/reviews, server/agreement, server/reviewers). */

export const STAGES = ['filter', 'revision', 'validation', 'distractor_authoring', 'distractor_review'] as const;
export type Stage = (typeof STAGES)[number];

export interface QueueDepth {
  stages: Record<Stage, number>;
  byAbility: { abilityId: number; abilityKey: string; stage: Stage; count: number }[];
}

export interface Estimate {
  estimate: number | null;
  low: number | null;
  high: number | null;
}

export interface GroupAgreement {
  /** The ability id (groupBy=ability) or the week's Monday (groupBy=week). */
  key: string;
  label: string;
  rounds: number;
  passRate: number;
  percentAgreement: Estimate;
  krippendorffAlpha: Estimate;
  fleissKappa: Estimate;
  gwetAc1: Estimate;
  meanCohenKappa: Estimate;
  reviewerPairs: number | null;
}

export interface AgreementSummary {
  groupBy: 'ability' | 'source' | 'week' | 'none';
  groups: GroupAgreement[];
  computedAt: string;
}

export interface PairAgreement {
  reviewerA: string;
  reviewerB: string;
  rounds: number;
  percentAgreement: number | null;
  cohenKappa: Estimate;
  gwetAc1: number | null;
}

export interface Pairs {
  reviewers: { id: string; name: string }[];
  pairs: PairAgreement[];
  meanCohenKappa: number | null;
}

export interface ReviewerFigures {
  reviewerId: string;
  name: string;
  reviewed: number;
  medianMs: number | null;
  approvalRate: number;
  coReviewerAgreement: number | null;
}

export interface Reviewer {
  id: string;
  name: string;
  email: string;
  role: string;
  active: boolean;
  paused: boolean;
  activeLeases: number;
  reviewsToday: number;
  reviewsLast7Days: number;
}

export type LeaseKind = 'review' | 'revision' | 'distractor';

export interface ActiveLease {
  kind: LeaseKind;
  id: string;
  itemId: number;
  holderId: string;
  holderName: string;
  leasedAt: string;
  expiresAt: string;
}

export interface PublicDecision {
  reviewerId: string;
  reviewerName: string;
  decision: 'approve' | 'reject';
  reasons: string[];
  comment: string | null;
  timeSpentMs: number | null;
  submittedAt: string;
}

export interface Disagreement {
  id: string;
  itemId: number;
  kind: 'filter' | 'validation' | 'distractor';
  abilityId: number;
  abilityKey: string;
  outcome: 'accepted' | 'rejected';
  /** The item's status now (the list holds only items a lead can still send to revision). */
  itemStatus: string;
  decidedAt: string;
  instruction: string | null;
  decisions: PublicDecision[];
}

/** POST /revisions/assign's answer (server/revisions/revisions.service.ts AssignResult). */
export interface RevisionSent {
  sent: number;
  itemIds: number[];
  reopened?: number[];
  skipped?: { itemId: number; status: string | null; reason: string }[];
}
