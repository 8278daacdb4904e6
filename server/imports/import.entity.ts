import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ResumePoint } from './import-types';

import type { ImportRow, ImportStatus } from './import-views';

export { IMPORT_STATUSES, type ImportStatus } from './import-views';

/** Numeric columns read back as JS numbers (bigint counters stay well under 2^53). */
const int = { to: (v: number) => v, from: (v: string | number | null) => (v == null ? 0 : Number(v)) };

@Entity('imports')
export class Import implements ImportRow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'source_id', type: 'uuid' })
  sourceId: string;

  @Column({ type: 'text' })
  adapter: string;

  @Column({ type: 'text' })
  format: string;

  /** Where the worker reads the file (an upload stored under the data folder, or a CLI path). */
  @Column({ name: 'file_path', type: 'text' })
  filePath: string;

  @Column({ name: 'original_name', type: 'text' })
  originalName: string;

  @Column({ name: 'default_ability_id', type: 'int', nullable: true })
  defaultAbilityId: number | null;

  @Column({ type: 'jsonb', default: {} })
  options: { csvMapping?: Record<string, string>; synthesisRunId?: string };

  /** Copied onto every item the import creates; other than dual only for synthetic sources (a trigger checks). */
  @Column({ name: 'review_mode', type: 'text', default: 'dual' })
  reviewMode: ImportRow['reviewMode'];

  @Column({ type: 'text', default: 'queued' })
  status: ImportStatus;

  @Column({ name: 'total_size', type: 'bigint', default: 0, transformer: int })
  totalSize: number;

  @Column({ name: 'done_size', type: 'bigint', default: 0, transformer: int })
  doneSize: number;

  @Column({ name: 'lines_read', type: 'int', default: 0 })
  linesRead: number;

  @Column({ name: 'items_created', type: 'int', default: 0 })
  itemsCreated: number;

  @Column({ name: 'exact_duplicates', type: 'int', default: 0 })
  exactDuplicates: number;

  @Column({ name: 'near_duplicates', type: 'int', default: 0 })
  nearDuplicates: number;

  @Column({ type: 'int', default: 0 })
  skipped: number;

  @Column({ name: 'error_count', type: 'int', default: 0 })
  errorCount: number;

  @Column({ name: 'lines_per_second', type: 'real', default: 0 })
  linesPerSecond: number;

  /** Reader position after the last committed batch; a resumed run starts here. */
  @Column({ type: 'jsonb', nullable: true })
  checkpoint: ResumePoint | null;

  @Column({ name: 'lsh_params', type: 'text', nullable: true })
  lshParams: string | null;

  @Column({ name: 'failure_reason', type: 'text', nullable: true })
  failureReason: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
