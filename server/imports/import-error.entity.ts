import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One line of an import's error report. */
@Entity('import_errors')
@Index(['importId', 'line'])
export class ImportError {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'import_id', type: 'uuid' })
  importId: string;

  @Column({ type: 'text' })
  file: string;

  @Column({ type: 'int' })
  line: number;

  @Column({ type: 'text', nullable: true })
  field: string | null;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'text', nullable: true })
  excerpt: string | null;
}
