import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ReasonCode } from './review-reasons';

export type LeaseState = 'leased' | 'submitted' | 'expired' | 'released';
export type Decision = 'approve' | 'reject';

/** A reviewer's lease on a round and, once submitted, their decision. */
@Entity('review_assignments')
export class ReviewAssignment {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'round_id', type: 'bigint' })
  roundId: string;

  @Column({ name: 'reviewer_id', type: 'uuid' })
  reviewerId: string;

  @Column({ type: 'text' })
  state: LeaseState;

  @Column({ name: 'leased_at', type: 'timestamptz' })
  leasedAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  decision: Decision | null;

  @Column({ type: 'text', array: true })
  reasons: ReasonCode[];

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ name: 'time_spent_ms', type: 'int', nullable: true })
  timeSpentMs: number | null;

  @Column({ name: 'submit_key', type: 'text', nullable: true })
  submitKey: string | null;
}
