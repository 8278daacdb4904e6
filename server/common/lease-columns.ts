import { Column } from 'typeorm';

import type { LeaseState } from './lease-state';

export type { LeaseState } from './lease-state';

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
