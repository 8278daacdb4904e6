import type { Wire } from '../../../server/common/wire';
import type { ImportStatus, ImportView } from '../../../server/imports/import-views';

/** The server's views: an import (GET /api/imports rows, /api/imports/:id) and its progress (also every `import.progress` event). */
export type { ImportProgressView, ImportStatus } from '../../../server/imports/import-views';
export type ImportRecord = Wire<ImportView>;

export function isActive(record: { status: ImportStatus }): boolean {
  return record.status === 'queued' || record.status === 'running' || record.status === 'cancelling';
}

export const canCancel = (record: { status: ImportStatus }) => record.status === 'queued' || record.status === 'running';
export const canResume = (record: { status: ImportStatus }) => record.status === 'cancelled' || record.status === 'failed';

/** The server's `progress.percent` when given, else the same figure from the sizes (to one decimal). */
export function percentDone(record: ImportRecord): number {
  if (record.progress) return record.progress.percent;
  return record.totalSize > 0 ? Math.min(100, Math.round((record.doneSize / record.totalSize) * 1000) / 10) : 0;
}

/** A progress event applied to a record: its counters and status, and the view itself as `progress`. */
export function withProgress<T extends ImportRecord>(record: T, view: ImportRecord['progress']): T {
  const { id: _id, percent: _percent, linesPerSecond: _lps, ...counters } = view;
  return { ...record, ...counters, progress: { ...record.progress, ...view } };
}

/**
 * While an import is under way its view also refetches, slowly: live events carry the progress, this catches what
 * they do not (timestamps, new error rows) and covers a dropped connection.
 */
export const ACTIVE_REFETCH_MS = 5000;
