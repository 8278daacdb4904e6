import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const DISTRACTOR_KINDS = ['fine', 'coarse'] as const;
export type DistractorKind = (typeof DISTRACTOR_KINDS)[number];

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
  status: 'pending_review' | 'approved' | 'rejected';

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;
}
