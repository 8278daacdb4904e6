import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ImportErrorCode } from './import-error-codes';

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

  /** The kind of problem (import-error-codes.ts); null only on rows written before kinds were recorded. */
  @Column({ type: 'text', nullable: true })
  code: ImportErrorCode | null;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'text', nullable: true })
  excerpt: string | null;
}
