import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { LeaseColumns } from '../common/lease-columns';
import type { DistractorKind } from './distractor.entity';

/** An annotator's lease on writing the missing distractors of one item. */
@Entity('distractor_tasks')
export class DistractorTask extends LeaseColumns {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'item_id', type: 'bigint' })
  itemId: string;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @Column({ type: 'text', array: true })
  kinds: DistractorKind[];
}
