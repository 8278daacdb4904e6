import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { many, type FilterSchema, type ListQuery } from '../common/list-query';
import { claimStale, requestCancel, requeueEnded } from '../sql/job-row-transitions';
import { updateReturning } from '../sql/update-returning';
import { selectBestCheckpoint } from './checkpoint-selection';
import { bestFromEpoch } from './hyper-params';
import type { ExperimentRow } from './experiment-row';
import type { ExperimentProgress, ExperimentStatus, ExperimentView, HyperParams } from './experiment-views';

const SELECT = `
  SELECT x.id, x.name, x.base_model_id AS "baseModelId", b.name AS "baseModelName", b.path AS "baseModelPath",
         b.parameters AS "baseModelParameters", x.version_id AS "versionId", v.name AS "versionName",
         x.recipe_id AS "recipeId", x.recipe_name AS "recipeName", r.revision AS "recipeRevision", x.policy_id AS "policyId",
         x.hyper_params AS "hyperParams", x.seed, x.train_counts AS "trainCounts", x.status, x.progress, x.failure_reason AS "failureReason",
         x.output_dir AS "outputDir", x.log_path AS "logPath", x.worker, x.attempts,
         (SELECT count(*) FROM checkpoints c WHERE c.experiment_id = x.id)::int AS checkpoints,
         x.created_by AS "createdBy", x.created_at AS "createdAt", x.started_at AS "startedAt", x.finished_at AS "finishedAt"
    FROM experiments x
    JOIN base_models b ON b.id = x.base_model_id
    JOIN dataset_versions v ON v.id = x.version_id
    LEFT JOIN recipes r ON r.id = x.recipe_id`;

export const EXPERIMENT_SORTABLE = ['createdAt', 'status', 'name', 'versionId'] as const;
export const EXPERIMENT_FILTERS: FilterSchema = { versionId: many('int'), status: many('text'), policyId: many('int'), baseModelId: many('int') };
const SORT_COLUMNS: Record<(typeof EXPERIMENT_SORTABLE)[number], string> = {
  createdAt: 'x.created_at',
  status: 'x.status',
  name: 'x.name',
  versionId: 'x.version_id',
};
const FILTERS: Record<string, { column: string; cast: (v: unknown) => unknown }> = {
  versionId: { column: 'x.version_id', cast: Number },
  status: { column: 'x.status', cast: String },
  policyId: { column: 'x.policy_id', cast: Number },
  baseModelId: { column: 'x.base_model_id', cast: Number },
};

export interface NewExperiment {
  name: string;
  baseModelId: number;
  versionId: number;
  recipeId: number | null;
  recipeName: string | null;
  hyperParams: HyperParams;
  seed: number;
  policyId: number | null;
  createdBy: string | null;
  /** the run's train items per ability key (see TrainCountsService) */
  trainCounts: Record<string, number>;
}

/** What makes two runs the same run: reusing one instead of training again gives the same model. */
export interface RunIdentity {
  baseModelId: number;
  versionId: number;
  /** the recipe revision's row id; null: the whole train split */
  recipeId: number | null;
  hyperParams: HyperParams;
  seed: number;
}

@Injectable()
export class ExperimentsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Inserts a run; a policy's second run for the same version and recipe is skipped (null), however often asked. */
  async insert(e: NewExperiment, m: EntityManager = this.db.manager): Promise<string | null> {
    const rows = await m.query(
      `INSERT INTO experiments (name, base_model_id, version_id, recipe_id, recipe_name, hyper_params, seed, policy_id, created_by, train_counts)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (policy_id, version_id, recipe_name) WHERE policy_id IS NOT NULL DO NOTHING RETURNING id`,
      [e.name, e.baseModelId, e.versionId, e.recipeId, e.recipeName, JSON.stringify(e.hyperParams), e.seed, e.policyId, e.createdBy, JSON.stringify(e.trainCounts)],
    );
    return rows[0]?.id ?? null;
  }

  /**
   * An existing run identical to `r` (same base model, version, recipe revision, resolved hyper-parameters — jsonb
   * equality, key order aside — and seed) that did not fail and was not cancelled: the furthest along first, then the oldest.
   */
  async findIdentical(r: RunIdentity, m: EntityManager = this.db.manager): Promise<ExperimentRow | null> {
    const [row] = await m.query(
      `${SELECT}
        WHERE x.base_model_id = $1 AND x.version_id = $2 AND x.recipe_id IS NOT DISTINCT FROM $3::int AND x.hyper_params = $4::jsonb
          AND x.seed = $5 AND x.status NOT IN ('failed', 'cancelled', 'cancelling')
        ORDER BY (x.status = 'completed') DESC, (x.status = 'running') DESC, x.created_at, x.id LIMIT 1`,
      [r.baseModelId, r.versionId, r.recipeId, JSON.stringify(r.hyperParams), r.seed],
    );
    return row ?? null;
  }

  /**
   * Inserts a run unless an identical one exists (findIdentical), under a lock on the identity so two requests at
   * once do not both insert: answers the new id (null: the policy's run for this version and recipe exists, as insert), or the existing run.
   */
  insertUnlessIdentical(e: NewExperiment): Promise<{ id: string | null } | { existing: ExperimentRow }> {
    return this.db.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`experiment-identity:${e.baseModelId}:${e.versionId}:${e.recipeId}:${e.seed}`]);
      const existing = await this.findIdentical(e, m);
      if (existing) return { existing };
      return { id: await this.insert(e, m) };
    });
  }

  /** The whole train split of a version per ability key: what a run without a recipe trains on (TrainSetRepository.write). */
  async trainSplitCounts(versionId: number): Promise<Record<string, number>> {
    const rows: { key: string; n: number }[] = await this.db.query(
      `SELECT a.key, count(*)::int AS n FROM dataset_version_items v JOIN abilities a ON a.id = v.ability_id
        WHERE v.version_id = $1 AND v.split = 'train' GROUP BY a.key ORDER BY a.key COLLATE "C"`,
      [versionId],
    );
    return Object.fromEntries(rows.map((r) => [r.key, r.n]));
  }

  /** Fills a run's train counts where they are still unknown (a run registered before they were stored); answers the stored ones. */
  async fillTrainCounts(id: string, counts: Record<string, number>): Promise<Record<string, number>> {
    const [row] = await updateReturning<{ trainCounts: Record<string, number> }>(
      this.db,
      `UPDATE experiments SET train_counts = coalesce(train_counts, $2::jsonb) WHERE id = $1 RETURNING train_counts AS "trainCounts"`,
      [id, JSON.stringify(counts)],
    );
    return row?.trainCounts ?? counts;
  }

  /** A dataset version by id, or by name (the CLI's way). */
  async version(ref: number | string): Promise<{ id: number; name: string; status: string } | null> {
    const byId = typeof ref === 'number';
    const [row] = await this.db.query(`SELECT id, name, status FROM dataset_versions WHERE ${byId ? 'id = $1' : 'name = $1'}`, [ref]);
    return row ?? null;
  }

  async find(id: string): Promise<ExperimentRow | null> {
    const [row] = await this.db.query(`${SELECT} WHERE x.id = $1`, [id]);
    return row ?? null;
  }

  async findByPolicy(policyId: number, versionId: number, recipeName: string): Promise<ExperimentRow | null> {
    const [row] = await this.db.query(`${SELECT} WHERE x.policy_id = $1 AND x.version_id = $2 AND x.recipe_name = $3`, [policyId, versionId, recipeName]);
    return row ?? null;
  }

  async list(q: ListQuery): Promise<[ExperimentRow[], number]> {
    const where: string[] = [];
    const params: unknown[] = [];
    for (const [key, value] of Object.entries(q.filter)) {
      const f = FILTERS[key];
      if (!f || value === undefined || value === null || value === '') continue;
      const values = (Array.isArray(value) ? value : [value]).map(f.cast);
      params.push(values);
      where.push(`${f.column} = ANY($${params.length})`);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const order = `${SORT_COLUMNS[q.sort.field as keyof typeof SORT_COLUMNS]} ${q.sort.order}, x.id`;
    const rows = await this.db.query(`${SELECT} ${clause} ORDER BY ${order} OFFSET ${q.offset} LIMIT ${q.limit}`, params);
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM experiments x ${clause}`, params);
    return [rows, n];
  }

  /**
   * Per experiment, DoIT's best checkpoint from its completed in-domain evaluations: the highest validation average at
   * epoch ≥ its hyperParams.bestFromEpoch (5 when unset), else (early in a run) the best so far.
   */
  async best(ids: string[]): Promise<Map<string, ExperimentView['best']>> {
    if (!ids.length) return new Map();
    const rows: { experimentId: string; epoch: number; validation: number | null; test: number | null; bestFromEpoch: number | null }[] = await this.db.query(
      `SELECT DISTINCT ON (e.experiment_id, e.epoch) e.experiment_id AS "experimentId", e.epoch,
              (SELECT (x.hyper_params->>'bestFromEpoch')::int FROM experiments x WHERE x.id = e.experiment_id) AS "bestFromEpoch",
              (SELECT avg(s.score) FROM ability_scores s WHERE s.evaluation_id = e.id AND s.suite = 'in-domain' AND s.split = 'valid' AND s.shots = 0) AS validation,
              (SELECT avg(s.score) FROM ability_scores s WHERE s.evaluation_id = e.id AND s.suite = 'in-domain' AND s.split = 'test' AND s.shots = 0) AS test
         FROM evaluations e
        WHERE e.experiment_id = ANY($1) AND e.status = 'completed' AND e.epoch >= 1
        ORDER BY e.experiment_id, e.epoch, e.finished_at DESC`,
      [ids],
    );
    const out = new Map<string, ExperimentView['best']>();
    for (const id of ids) {
      const own = rows.filter((r) => r.experimentId === id);
      const epochs = own
        .filter((r) => r.validation !== null)
        .map((r) => ({ epoch: r.epoch, validation: Number(r.validation), test: r.test === null ? NaN : Number(r.test) }));
      const minEpoch = bestFromEpoch({ bestFromEpoch: own[0]?.bestFromEpoch ?? undefined });
      const best = selectBestCheckpoint(epochs, minEpoch) ?? selectBestCheckpoint(epochs, 0);
      out.set(id, best ? { epoch: best.epoch, validation: best.validation, test: Number.isNaN(best.test) ? 0 : best.test } : null);
    }
    return out;
  }

  /** queued → cancelled at once; running → cancelling. */
  requestCancel(id: string): Promise<boolean> {
    return requestCancel(this.db, 'experiments', id);
  }

  /** A cancelled or failed run queued again (the trainer resumes after its last checkpoint); the kill count starts over. */
  requeue(id: string): Promise<boolean> {
    return requeueEnded(this.db, 'experiments', id, "progress = progress - 'kills'");
  }

  /** Claims a queued (or interrupted running) run for this worker and counts the attempt; false: nothing to run. */
  async start(id: string, worker: string, outputDir: string, logPath: string): Promise<boolean> {
    const rows = await updateReturning(
      this.db,
      `UPDATE experiments SET status = 'running', worker = $2, attempts = attempts + 1, output_dir = $3, log_path = $4,
              failure_reason = NULL, started_at = coalesce(started_at, now()), updated_at = now()
        WHERE id = $1 AND status IN ('queued', 'running') RETURNING id`,
      [id, worker, outputDir, logPath],
    );
    return rows.length > 0;
  }

  /** Marks the run alive (the stale sweep's heartbeat) and returns its status: a user may have asked to cancel. */
  async heartbeat(id: string, progress?: Partial<ExperimentProgress>): Promise<ExperimentStatus | null> {
    const [row] = await updateReturning<{ status: ExperimentStatus }>(
      this.db,
      `UPDATE experiments SET progress = CASE WHEN $2::jsonb IS NULL THEN progress ELSE progress || $2::jsonb END, updated_at = now()
        WHERE id = $1 RETURNING status`,
      [id, progress ? JSON.stringify(progress) : null],
    );
    return row?.status ?? null;
  }

  /**
   * A run whose trainer was killed goes back to queued, for the job's retry to resume it; returns how many times
   * that has happened since it was last queued by a user.
   */
  async backToQueueAfterKill(id: string): Promise<number> {
    const [row] = await updateReturning<{ kills: number }>(
      this.db,
      `UPDATE experiments SET status = 'queued', updated_at = now(),
              progress = jsonb_set(progress, '{kills}', to_jsonb(coalesce((progress->>'kills')::int, 0) + 1))
        WHERE id = $1 AND status = 'running' RETURNING (progress->>'kills')::int AS kills`,
      [id],
    );
    return row?.kills ?? 0;
  }

  async finish(id: string, status: 'completed' | 'cancelled' | 'failed', failureReason: string | null = null): Promise<void> {
    await this.db.query(
      `UPDATE experiments SET status = $2, failure_reason = $3, finished_at = now(), updated_at = now() WHERE id = $1`,
      [id, status, failureReason],
    );
  }

  /** Runs whose worker went silent: see claimStale. */
  requeueStale(staleSeconds: number): Promise<string[]> {
    return claimStale(this.db, 'experiments', staleSeconds);
  }
}
