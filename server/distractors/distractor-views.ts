/**
 * What the distractors API answers (POST /distractors/next, /distractors/check, GET /items/:id/distractors) and its
 * lists: dependency-free, shared with the admin UI (type-only, or the `as const` lists by value).
 */
import type { AbilityRef } from '../abilities/ability-views';
import type { ChatMessage } from '../imports/import-types';

export const DISTRACTOR_KINDS = ['fine', 'coarse'] as const;
export type DistractorKind = (typeof DISTRACTOR_KINDS)[number];
export type DistractorStatus = 'pending_review' | 'approved' | 'rejected';

export interface DistractorBounds {
  /** A fine-grained distractor may change at most this share of the gold's characters. */
  fineMaxEditRatio: number;
  /** A coarse-grained distractor must differ from the gold by at least this share. */
  coarseMinEditRatio: number;
}

/** POST /distractors/check (and the rules submit applies). */
export interface DistractorCheck {
  ok: boolean;
  kind: DistractorKind;
  /** Character-level edit ratio to the gold answer, after the same normalization imports apply. */
  editRatio: number;
  /** Why it is refused; null when ok. */
  message: string | null;
  bounds: DistractorBounds;
}

/** POST /distractors/next: the leased authoring task. */
export interface DistractorTaskView {
  task: { id: string; kinds: DistractorKind[]; leasedAt: Date; expiresAt: Date };
  item: { id: number; messages: ChatMessage[]; split: string | null; gold: string };
  ability: AbilityRef;
  bounds: DistractorBounds;
}

/** GET /items/:id/distractors. */
export interface ItemDistractorView {
  id: string;
  /** A bigint column: the driver gives it as a string. */
  itemId: string;
  kind: DistractorKind;
  authorId: string;
  authorName: string;
  text: string;
  editRatio: number | null;
  status: DistractorStatus;
  createdAt: Date;
  decidedAt: Date | null;
  roundId: string | null;
}
