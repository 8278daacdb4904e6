import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const SOURCE_KINDS = ['curation', 'synthetic', 'benchmark', 'generic'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

@Entity('sources')
export class Source {
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
