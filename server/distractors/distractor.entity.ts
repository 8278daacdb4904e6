import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

import type { DistractorKind, DistractorStatus } from './distractor-views';

export { DISTRACTOR_KINDS, type DistractorKind } from './distractor-views';

/** A wrong answer written for an open-ended item, scored against the gold by perplexity. */
@Entity('distractors')
export class Distractor {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'item_id', type: 'bigint' })
  itemId: string;

  @Column({ name: 'task_id', type: 'bigint' })
  taskId: string;

  @Column({ type: 'text' })
  kind: DistractorKind;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ name: 'edit_ratio', type: 'real' })
  editRatio: number;

  @Column({ type: 'text' })
  status: DistractorStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;
}
