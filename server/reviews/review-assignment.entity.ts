import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { LeaseColumns } from '../common/lease-columns';
import type { ReasonCode } from './review-reasons';

import type { Decision } from './review-views';

export type { LeaseState } from '../common/lease-state';
export type { Decision } from './review-views';

/** A reviewer's lease on a round and, once submitted, their decision. */
@Entity('review_assignments')
export class ReviewAssignment extends LeaseColumns {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'round_id', type: 'bigint' })
  roundId: string;

  @Column({ name: 'reviewer_id', type: 'uuid' })
  reviewerId: string;

  @Column({ type: 'text', nullable: true })
  decision: Decision | null;

  @Column({ type: 'text', array: true })
  reasons: ReasonCode[];

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ name: 'time_spent_ms', type: 'int', nullable: true })
  timeSpentMs: number | null;

  /** When the reviewer last changed their decision while the round was open (see the MyWork migration). */
  @Column({ name: 'changed_at', type: 'timestamptz', nullable: true })
  changedAt: Date | null;
}
