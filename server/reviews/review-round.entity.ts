import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

import type { RoundKind, RoundOutcome } from './review-views';

export { ROUND_KINDS, type RoundKind, type RoundOutcome } from './review-views';

const bigint = { to: (v: number | null) => v, from: (v: string | null) => (v == null ? null : Number(v)) };

/** One dual review of an item (first filtering, validation after revision) or of a distractor. */
@Entity('review_rounds')
export class ReviewRound {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'item_id', type: 'bigint', transformer: bigint })
  itemId: number;

  @Column({ type: 'text' })
  kind: RoundKind;

  @Column({ name: 'revision_id', type: 'bigint', nullable: true })
  revisionId: string | null;

  @Column({ name: 'distractor_id', type: 'bigint', nullable: true })
  distractorId: string | null;

  @Column({ name: 'ability_id', type: 'int' })
  abilityId: number;

  @Column({ name: 'source_id', type: 'uuid' })
  sourceId: string;

  @Column({ type: 'text' })
  status: 'open' | 'decided';

  @Column({ name: 'open_slots', type: 'smallint' })
  openSlots: number;

  @Column({ name: 'excluded_reviewers', type: 'uuid', array: true })
  excludedReviewers: string[];

  @Column({ type: 'text', nullable: true })
  outcome: RoundOutcome | null;

  @Column({ name: 'reviewer_lo', type: 'uuid', nullable: true })
  reviewerLo: string | null;

  @Column({ name: 'reviewer_hi', type: 'uuid', nullable: true })
  reviewerHi: string | null;

  @Column({ name: 'approve_lo', type: 'boolean', nullable: true })
  approveLo: boolean | null;

  @Column({ name: 'approve_hi', type: 'boolean', nullable: true })
  approveHi: boolean | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;
}
