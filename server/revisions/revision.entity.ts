import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { LeaseState } from '../reviews/review-assignment.entity';
import type { ItemContent } from './item-content';

/** A reviser's lease on an item sent to revision and, once submitted, the before/after and its diff. */
@Entity('revisions')
export class Revision {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'item_id', type: 'bigint' })
  itemId: string;

  @Column({ name: 'reviser_id', type: 'uuid' })
  reviserId: string;

  @Column({ type: 'text' })
  state: LeaseState;

  @Column({ name: 'leased_at', type: 'timestamptz' })
  leasedAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'jsonb', nullable: true })
  before: ItemContent | null;

  @Column({ type: 'jsonb', nullable: true })
  after: ItemContent | null;

  @Column({ type: 'text', nullable: true })
  diff: string | null;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ name: 'submit_key', type: 'text', nullable: true })
  submitKey: string | null;
}
