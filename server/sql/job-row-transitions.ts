import type { DataSource, EntityManager } from 'typeorm';
import { updateReturning } from './update-returning';

/**
 * Tables of long jobs with the same lifecycle (queued → running → completed | failed, cancelling → cancelled) and an
 * `updated_at` their runner keeps fresh while it works.
 */
export type JobTable = 'exports' | 'evaluations' | 'experiments';

/** queued → cancelled at once; running → cancelling (the runner stops at its next progress save or heartbeat). */
export async function requestCancel(db: DataSource | EntityManager, table: JobTable, id: string): Promise<boolean> {
  const rows = await updateReturning(
    db,
    `UPDATE ${table} SET status = CASE WHEN status = 'queued' THEN 'cancelled' ELSE 'cancelling' END,
            finished_at = CASE WHEN status = 'queued' THEN now() ELSE finished_at END, updated_at = now()
      WHERE id = $1 AND status IN ('queued', 'running') RETURNING id`,
    [id],
  );
  return rows.length > 0;
}

/** Claims a queued (or interrupted running) job for a runner; false when there is nothing to run. */
export async function claimRun(db: DataSource | EntityManager, table: JobTable, id: string): Promise<boolean> {
  const rows = await updateReturning(
    db,
    `UPDATE ${table} SET status = 'running', started_at = coalesce(started_at, now()), updated_at = now()
      WHERE id = $1 AND status IN ('queued', 'running') RETURNING id`,
    [id],
  );
  return rows.length > 0;
}

/** Saves a job's progress and returns its status after it (a user may have asked to cancel meanwhile). */
export async function saveProgress<S extends string>(db: DataSource | EntityManager, table: JobTable, id: string, progress: object): Promise<S> {
  const [row] = await updateReturning<{ status: S }>(
    db,
    `UPDATE ${table} SET progress = $2, updated_at = now() WHERE id = $1 RETURNING status`,
    [id, JSON.stringify(progress)],
  );
  return row.status;
}

/**
 * Marks a running job alive for the stale sweep (claimStale) without touching its progress, and returns its status
 * (a user may have asked to cancel); null once the job is no longer running or cancelling.
 */
export async function heartbeat<S extends string>(db: DataSource | EntityManager, table: JobTable, id: string): Promise<S | null> {
  const [row] = await updateReturning<{ status: S }>(
    db,
    `UPDATE ${table} SET updated_at = now() WHERE id = $1 AND status IN ('running', 'cancelling') RETURNING status`,
    [id],
  );
  return row?.status ?? null;
}

/** A cancelled or failed job queued again (to resume from what it kept); `alsoSet` adds assignments. */
export async function requeueEnded(db: DataSource | EntityManager, table: JobTable, id: string, alsoSet = ''): Promise<boolean> {
  const rows = await updateReturning(
    db,
    `UPDATE ${table} SET status = 'queued', failure_reason = NULL, finished_at = NULL,${alsoSet ? ` ${alsoSet},` : ''} updated_at = now()
      WHERE id = $1 AND status IN ('cancelled', 'failed') RETURNING id`,
    [id],
  );
  return rows.length > 0;
}

/**
 * Jobs whose runner went silent for `staleSeconds`: back to queued (or to cancelled if a cancel was waiting) in one
 * UPDATE, so of two sweeps at once only one gets each; returns the ids the caller must queue again.
 */
export async function claimStale(db: DataSource | EntityManager, table: JobTable, staleSeconds: number): Promise<string[]> {
  const rows = await updateReturning<{ id: string; status: string }>(
    db,
    `UPDATE ${table} SET status = CASE WHEN status = 'cancelling' THEN 'cancelled' ELSE 'queued' END,
            finished_at = CASE WHEN status = 'cancelling' THEN now() END, updated_at = now()
      WHERE status IN ('running', 'cancelling') AND updated_at < now() - make_interval(secs => $1)
      RETURNING id, status`,
    [staleSeconds],
  );
  return rows.filter((r) => r.status === 'queued').map((r) => r.id);
}
