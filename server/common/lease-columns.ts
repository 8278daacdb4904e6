import { Column } from 'typeorm';

export type LeaseState = 'leased' | 'submitted' | 'expired' | 'released';

/** What every lease on work has: reviews, revisions and distractor tasks. */
export abstract class LeaseColumns {
  @Column({ type: 'text' })
  state: LeaseState;

  @Column({ name: 'leased_at', type: 'timestamptz' })
  leasedAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  /** The client's idempotency key of the submission. */
  @Column({ name: 'submit_key', type: 'text', nullable: true })
  submitKey: string | null;
}
