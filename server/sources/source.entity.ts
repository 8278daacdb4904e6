import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

import type { SourceKind, SourceView } from './source-views';

export { SOURCE_KINDS, type SourceKind } from './source-views';

@Entity('sources')
export class Source implements SourceView {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', unique: true })
  name: string;

  @Column({ type: 'text' })
  kind: SourceKind;

  @Column({ type: 'text', nullable: true })
  license: string | null;

  @Column({ type: 'text', default: '' })
  notes: string;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
