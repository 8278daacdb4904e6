import type { RaRecord } from 'react-admin';

export interface ImportRecord extends RaRecord<string> {
  status: 'queued' | 'running' | 'cancelling' | 'cancelled' | 'completed' | 'failed';
  totalSize: number;
  doneSize: number;
  /** Only in GET /api/imports/:id; list rows carry the sizes it is computed from. */
  progress?: { percent: number };
}

export function isActive(record: ImportRecord): boolean {
  return record.status === 'queued' || record.status === 'running' || record.status === 'cancelling';
}

/** The server's `progress.percent` when given, else the same figure from the sizes (to one decimal). */
export function percentDone(record: ImportRecord): number {
  if (record.progress) return record.progress.percent;
  return record.totalSize > 0 ? Math.min(100, Math.round((record.doneSize / record.totalSize) * 1000) / 10) : 0;
}

/** While an import is under way its view refetches every few seconds. */
export const ACTIVE_REFETCH_MS = 2000;
