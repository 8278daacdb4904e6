/**
 * What the exports API answers (GET/POST /exports[/:id], cancel, resume) and the `export.progress` event:
 * dependency-free, shared with the admin UI (type-only; the format list by value from ./export-types).
 */
import type { ExportFormat, ExportProgress, ExportStatus } from './export-types';
import type { Manifest } from './writers/manifest';

/** A row of `exports`. */
export interface ExportRow {
  id: string;
  versionId: number;
  recipeId: number | null;
  recipeName: string | null;
  seed: number;
  formats: ExportFormat[];
  outputDir: string | null;
  status: ExportStatus;
  progress: ExportProgress;
  manifest: Manifest | null;
  manifestSha256: string | null;
  failureReason: string | null;
  createdBy: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** The figures users see (API, socket.io `export.progress`, CLI bar); `files` stays in the row for resuming. */
export interface ExportProgressView extends Omit<ExportProgress, 'files'> {
  id: string;
  status: ExportStatus;
  percent: number;
  failureReason: string | null;
}

/** An export as the API answers it: the row with its progress view. */
export type ExportView = Omit<ExportRow, 'progress'> & { progress: ExportProgressView };
