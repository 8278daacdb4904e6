/**
 * What the reviewers API answers (GET /reviewers, /reviewers/leases, POST /reviewers/:id/pause,
 * /reviewers/leases/reassign): dependency-free, shared with the admin UI (type-only).
 */
import type { Role } from '../users/user-views';

export const LEASE_KINDS = ['review', 'revision', 'distractor'] as const;
export type LeaseKind = (typeof LEASE_KINDS)[number];

/** GET /reviewers: the people in the queues and what they hold and did. */
export interface ReviewerView {
  id: string;
  name: string;
  email: string;
  role: Role;
  active: boolean;
  paused: boolean;
  activeLeases: number;
  reviewsToday: number;
  reviewsLast7Days: number;
}

/** GET /reviewers/leases: a live lease on work. */
export interface ActiveLease {
  kind: LeaseKind;
  id: string;
  itemId: number;
  holderId: string;
  holderName: string;
  leasedAt: Date;
  expiresAt: Date;
}

/** POST /reviewers/:id/pause. */
export interface PauseResult {
  id: string;
  paused: boolean;
  leasesReleased: number;
}

/** POST /reviewers/leases/reassign. */
export interface Reassigned {
  kind: LeaseKind;
  itemId: number;
  /** The lease taken away, now released. */
  releasedLeaseId: string;
  fromReviewerId: string;
  /** The new holder's lease; null when the work went back to the pool. */
  leaseId: string | null;
  toReviewerId: string | null;
}
