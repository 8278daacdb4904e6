import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { claimRun, claimStale, heartbeat, requestCancel, requeueEnded, saveProgress } from '../sql/job-row-transitions';
import type { EvaluationBackendKind, EvaluationSuite, EvaluationView } from './evaluation-views';
import { updateReturning } from '../sql/update-returning';

export type EvaluationStatus = EvaluationView['status'];

export interface EvaluationProgress {
  requestsDone: number;
  requestsTotal: number;
  itemsScored: number;
  itemsSkipped: number;
  /** Verdicts a previous run had stored when this run started (a resumed run does not ask for them again). */
  itemsKept: number;
}

export interface EvaluationRow {
  id: string;
  experimentId: string | null;
  checkpointId: number | null;
  baseModelId: number | null;
  epoch: number;
  backend: EvaluationBackendKind;
  suites: EvaluationSuite[];
  status: EvaluationStatus;
  progress: EvaluationProgress;
  failureReason: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

const COLUMNS = `id, experiment_id AS "experimentId", checkpoint_id AS "checkpointId", base_model_id AS "baseModelId", epoch,
  backend, suites, status, progress, failure_reason AS "failureReason", created_at AS "createdAt",
  started_at AS "startedAt", finished_at AS "finishedAt"`;

function toRow(r: EvaluationRow): EvaluationRow {
  const empty: EvaluationProgress = { requestsDone: 0, requestsTotal: 0, itemsScored: 0, itemsSkipped: 0, itemsKept: 0 };
  return { ...r, progress: Object.assign(empty, r.progress) };
}

export function evaluationView(r: EvaluationRow): EvaluationView {
  const { requestsDone, requestsTotal } = r.progress;
  const percent = requestsTotal > 0 ? Math.min(100, Math.round((requestsDone / requestsTotal) * 1000) / 10) : r.status === 'completed' ? 100 : 0;
  return {
    id: r.id,
    experimentId: r.experimentId,
    epoch: r.epoch,
    backend: r.backend,
    suites: r.suites,
    status: r.status,
    progress: { requestsDone, requestsTotal, percent },
    failureReason: r.failureReason,
    createdAt: new Date(r.createdAt).toISOString(),
    finishedAt: r.finishedAt ? new Date(r.finishedAt).toISOString() : null,
  };
}

/** The evaluations table: one row per checkpoint (or base model) × back-end, with its status and progress. */
@Injectable()
export class EvaluationsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Inserts the evaluation unless that checkpoint (or the experiment's base model) already has one for the back-end. */
  async insertOnce(e: {
    experimentId: string;
    checkpointId: number | null;
    baseModelId: number | null;
    epoch: number;
    backend: EvaluationBackendKind;
    suites: EvaluationSuite[];
  }): Promise<{ row: EvaluationRow; inserted: boolean }> {
    const [inserted] = await this.db.query(
      `INSERT INTO evaluations (experiment_id, checkpoint_id, base_model_id, epoch, backend, suites)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
      [e.experimentId, e.checkpointId, e.baseModelId, e.epoch, e.backend, e.suites],
    );
    if (inserted) return { row: toRow(inserted), inserted: true };
    const existing = await this.findFor(e.experimentId, e.checkpointId, e.backend);
    if (!existing) throw new Error(`evaluation of experiment ${e.experimentId} epoch ${e.epoch} (${e.backend}) neither inserted nor found`);
    return { row: existing, inserted: false };
  }

  async findFor(experimentId: string, checkpointId: number | null, backend: EvaluationBackendKind): Promise<EvaluationRow | null> {
    const [row] = await this.db.query(
      `SELECT ${COLUMNS} FROM evaluations
        WHERE experiment_id = $1 AND backend = $3 AND (checkpoint_id = $2 OR ($2::int IS NULL AND checkpoint_id IS NULL))`,
      [experimentId, checkpointId, backend],
    );
    return row ? toRow(row) : null;
  }

  async find(id: string): Promise<EvaluationRow | null> {
    const [row] = await this.db.query(`SELECT ${COLUMNS} FROM evaluations WHERE id = $1`, [id]);
    return row ? toRow(row) : null;
  }

  async listForExperiment(experimentId: string): Promise<EvaluationRow[]> {
    const rows = await this.db.query(`SELECT ${COLUMNS} FROM evaluations WHERE experiment_id = $1 ORDER BY epoch, backend, created_at`, [experimentId]);
    return rows.map(toRow);
  }

  /** Claims a queued (or interrupted running) evaluation for a runner; false when there is nothing to run. */
  start(id: string): Promise<boolean> {
    return claimRun(this.db, 'evaluations', id);
  }

  /** Saves progress and returns the status after it (a user may have asked to cancel meanwhile). */
  saveProgress(id: string, progress: EvaluationProgress): Promise<EvaluationStatus> {
    return saveProgress<EvaluationStatus>(this.db, 'evaluations', id, progress);
  }

  /** Marks a running evaluation alive for the stale sweep; returns its status (null once it no longer runs). */
  heartbeat(id: string): Promise<EvaluationStatus | null> {
    return heartbeat<EvaluationStatus>(this.db, 'evaluations', id);
  }

  async status(id: string): Promise<EvaluationStatus | null> {
    const [row] = await this.db.query(`SELECT status FROM evaluations WHERE id = $1`, [id]);
    return row?.status ?? null;
  }

  async finish(id: string, status: 'completed' | 'cancelled' | 'failed', failureReason: string | null = null): Promise<void> {
    await this.db.query(
      `UPDATE evaluations SET status = $2, failure_reason = $3, finished_at = now(), updated_at = now() WHERE id = $1`,
      [id, status, failureReason],
    );
  }

  /** queued → cancelled at once; running → cancelling. */
  requestCancel(id: string): Promise<boolean> {
    return requestCancel(this.db, 'evaluations', id);
  }

  /** A cancelled or failed evaluation queued again; its stored results stay and are skipped. */
  requeue(id: string): Promise<boolean> {
    return requeueEnded(this.db, 'evaluations', id);
  }

  /** A finished evaluation queued to run from scratch: its results and scores go, in one transaction. */
  async restart(id: string): Promise<boolean> {
    return this.db.transaction(async (m) => {
      const rows = await updateReturning(
        m,
        `UPDATE evaluations SET status = 'queued', failure_reason = NULL, started_at = NULL, finished_at = NULL,
                progress = '{}', updated_at = now()
          WHERE id = $1 AND status IN ('completed', 'cancelled', 'failed') RETURNING id`,
        [id],
      );
      if (rows.length === 0) return false;
      await m.query(`DELETE FROM ability_scores WHERE evaluation_id = $1`, [id]);
      await m.query(`DELETE FROM evaluation_results WHERE evaluation_id = $1`, [id]);
      return true;
    });
  }

  /** Runs whose worker went silent: see claimStale. */
  requeueStale(staleSeconds: number): Promise<string[]> {
    return claimStale(this.db, 'evaluations', staleSeconds);
  }
}
