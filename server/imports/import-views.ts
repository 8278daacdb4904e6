/**
 * What the imports API answers (GET /imports[/:id], POST /imports, cancel/resume, GET /imports/adapters) and the
 * `import.progress` event, and the status list: dependency-free, shared with the admin UI.
 */
import type { SourceKind } from '../sources/source-views';
import type { ResumePoint } from './import-types';

export const IMPORT_STATUSES = ['queued', 'running', 'cancelling', 'cancelled', 'completed', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** The progress view: in GET /imports rows, GET /imports/:id and every `import.progress` event. */
export interface ImportProgressView {
  id: string;
  status: ImportStatus;
  percent: number;
  linesRead: number;
  linesPerSecond: number;
  itemsCreated: number;
  exactDuplicates: number;
  nearDuplicates: number;
  skipped: number;
  errorCount: number;
  failureReason: string | null;
}

/** A row of `imports` as the API answers it (the entity's columns). */
export interface ImportRow {
  id: string;
  sourceId: string;
  adapter: string;
  format: string;
  /** The file or folder as the user named it (publicImportName): never where the server keeps it. */
  filePath: string;
  originalName: string;
  defaultAbilityId: number | null;
  /** `synthesisRunId`: the synthesis run whose generated pairs this import ingests (server/synthesis/ingest). */
  options: { csvMapping?: Record<string, string>; synthesisRunId?: string };
  /** dual (two blind reviews), single or none (accepted without review): the last two only for synthetic sources. */
  reviewMode: 'dual' | 'single' | 'none';
  status: ImportStatus;
  totalSize: number;
  doneSize: number;
  linesRead: number;
  itemsCreated: number;
  exactDuplicates: number;
  nearDuplicates: number;
  skipped: number;
  errorCount: number;
  linesPerSecond: number;
  /** Reader position after the last committed batch; a resumed run starts here. */
  checkpoint: ResumePoint | null;
  lshParams: string | null;
  failureReason: string | null;
  createdBy: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  updatedAt: Date;
}

/** An import as the API answers it: its row with the progress view. */
export interface ImportView extends ImportRow {
  progress: ImportProgressView;
}

/** GET /imports/adapters: the adapters an upload may name. */
export interface AdapterView {
  key: string;
  title: string;
  description: string;
  format: string;
  source: { name: string; kind: SourceKind; license: string | null; homepage?: string };
  /** CSV only: the columns a csvMapping may name. */
  columns: { name: string; required: boolean }[] | null;
}
