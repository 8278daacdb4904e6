import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { LeaseColumns } from '../common/lease-columns';
import type { ItemContent } from './item-content';

/** A reviser's lease on an item sent to revision and, once submitted, the before/after and its diff. */
@Entity('revisions')
export class Revision extends LeaseColumns {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'item_id', type: 'bigint' })
  itemId: string;

  @Column({ name: 'reviser_id', type: 'uuid' })
  reviserId: string;

  @Column({ type: 'jsonb', nullable: true })
  before: ItemContent | null;

  @Column({ type: 'jsonb', nullable: true })
  after: ItemContent | null;

  @Column({ type: 'text', nullable: true })
  diff: string | null;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

}
