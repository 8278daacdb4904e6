import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { LeaseState } from '../reviews/review-assignment.entity';
import type { DistractorKind } from './distractor.entity';

/** An annotator's lease on writing the missing distractors of one item. */
@Entity('distractor_tasks')
export class DistractorTask {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'item_id', type: 'bigint' })
  itemId: string;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @Column({ type: 'text', array: true })
  kinds: DistractorKind[];

  @Column({ type: 'text' })
  state: LeaseState;

  @Column({ name: 'leased_at', type: 'timestamptz' })
  leasedAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'submit_key', type: 'text', nullable: true })
  submitKey: string | null;
}
