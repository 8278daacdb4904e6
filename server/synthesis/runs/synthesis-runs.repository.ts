import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ListQuery } from '../../common/list-query';
import { updateReturning } from '../../sql/update-returning';
import type { Taxonomy } from '../glan';
import type { GenerationSettings, ReviewMode, SynthesisRunStatus } from '../synthesis-contract';
import type { RunView } from '../synthesis-views';

/** A run as read from the database: the API's RunView (synthesis-views.ts) with its timestamps as Dates, before its estimate. */
export type RunRow = Omit<RunView, 'estimate' | 'createdAt' | 'startedAt' | 'finishedAt' | 'updatedAt'> & {
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  updatedAt: Date;
};

const RUN_COLUMNS = `r.id, r.kind, r.name, r.taxonomy_id AS "taxonomyId", r.taxonomy_revision AS "taxonomyRevision", r.endpoint_id AS "endpointId",
  r.answer_endpoint_id AS "answerEndpointId", r.review_mode AS "reviewMode", r.settings, r.status, r.stage, r.progress, r.usage,
  r.pause_reason AS "pauseReason", r.failure_reason AS "failureReason", r.created_at AS "createdAt", r.started_at AS "startedAt",
  r.finished_at AS "finishedAt", r.updated_at AS "updatedAt",
  (SELECT count(*) FROM synthesis_failures f WHERE f.run_id = r.id)::int AS failures`;

export const RUN_SORTABLE = ['name', 'status', 'createdAt'] as const;
const SORT_SQL: Record<(typeof RUN_SORTABLE)[number], string> = { name: 'r.name', status: 'r.status', createdAt: 'r.created_at' };
export const RUN_FILTERS = { status: { many: { oneOf: ['queued', 'running', 'pausing', 'paused', 'cancelling', 'cancelled', 'completed', 'failed'] } } } as const;

export interface NewRun {
  name: string;
  taxonomyId: string | null;
  taxonomyRevision: string;
  endpointId: string;
  answerEndpointId: string | null;
  reviewMode: ReviewMode;
  settings: GenerationSettings;
}

/** `synthesis_runs` of kind generation, their failures and nodes: the SQL of the runs API. */
@Injectable()
export class SynthesisRunsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async currentTaxonomy(taxonomyId: string): Promise<{ revision: string; tree: Taxonomy } | null> {
    const [row] = await this.db.query(`SELECT revision, tree FROM taxonomies WHERE id = $1`, [taxonomyId]);
    return row ?? null;
  }

  /** A kept revision, by its hash (and taxonomy, when given). */
  async revisionTree(revision: string, taxonomyId?: string | null): Promise<{ taxonomyId: string; tree: Taxonomy } | null> {
    const [row] = await this.db.query(
      `SELECT taxonomy_id AS "taxonomyId", tree FROM taxonomy_revisions WHERE revision = $1 AND ($2::uuid IS NULL OR taxonomy_id = $2) ORDER BY created_at LIMIT 1`,
      [revision, taxonomyId ?? null],
    );
    return row ?? null;
  }

  /** Keeps the tree a run names (the taxonomy API keeps every saved tree; this covers a row saved before it did). */
  async keepRevision(taxonomyId: string, revision: string, tree: Taxonomy): Promise<void> {
    await this.db.query(`INSERT INTO taxonomy_revisions (taxonomy_id, revision, tree) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [taxonomyId, revision, JSON.stringify(tree)]);
  }

  async insert(run: NewRun, createdBy: string | null): Promise<string> {
    const [{ id }] = await this.db.query(
      `INSERT INTO synthesis_runs (kind, name, taxonomy_id, taxonomy_revision, endpoint_id, answer_endpoint_id, review_mode, settings, created_by)
       VALUES ('generation', $1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [run.name, run.taxonomyId, run.taxonomyRevision, run.endpointId, run.answerEndpointId, run.reviewMode, JSON.stringify(run.settings), createdBy],
    );
    return id;
  }

  async find(id: string): Promise<RunRow | null> {
    const [row] = await this.db.query(`SELECT ${RUN_COLUMNS} FROM synthesis_runs r WHERE r.id = $1 AND r.kind = 'generation'`, [id]);
    return row ?? null;
  }

  async list(q: ListQuery): Promise<[RunRow[], number]> {
    const sort = SORT_SQL[q.sort.field as keyof typeof SORT_SQL] ?? 'r.created_at';
    const status = q.filter.status === undefined ? null : ([] as unknown[]).concat(q.filter.status);
    const where = (p: string) => `r.kind = 'generation' AND (${p}::text[] IS NULL OR r.status = ANY(${p}::text[]))`;
    const rows = await this.db.query(`SELECT ${RUN_COLUMNS} FROM synthesis_runs r WHERE ${where('$3')} ORDER BY ${sort} ${q.sort.order}, r.id LIMIT $1 OFFSET $2`, [q.limit, q.offset, status]);
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM synthesis_runs r WHERE ${where('$1')}`, [status]);
    return [rows, n];
  }

  /**
   * Moves a run's status when it is in one of `from`; returns the new status, or null when it was in none. `to` may
   * depend on the current status (e.g. cancel: a queued run is cancelled at once, a running one is asked to stop).
   */
  async transition(id: string, from: SynthesisRunStatus[], toSql: string, extra = ''): Promise<SynthesisRunStatus | null> {
    const [row] = await updateReturning<{ status: SynthesisRunStatus }>(
      this.db,
      `UPDATE synthesis_runs SET status = ${toSql}${extra}, updated_at = now() WHERE id = $1 AND kind = 'generation' AND status = ANY($2) RETURNING status`,
      [id, from],
    );
    return row?.status ?? null;
  }

  async updateSettings(id: string, settings: GenerationSettings): Promise<void> {
    await this.db.query(`UPDATE synthesis_runs SET settings = $2, updated_at = now() WHERE id = $1`, [id, JSON.stringify(settings)]);
  }

  async failures(runId: string, offset: number, limit: number): Promise<[unknown[], number]> {
    const rows = await this.db.query(
      `SELECT id::int, stage, node_key AS "nodeKey", parent_key AS "parentKey", discipline, code, message, raw, created_at AS "createdAt"
         FROM synthesis_failures WHERE run_id = $1 ORDER BY id LIMIT $2 OFFSET $3`,
      [runId, limit, offset],
    );
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM synthesis_failures WHERE run_id = $1`, [runId]);
    return [rows, n];
  }

  async nodes(runId: string, kind: string | null, offset: number, limit: number): Promise<[unknown[], number]> {
    const rows = await this.db.query(
      `SELECT key AS id, kind, parent_key AS "parentKey", sample_index AS "sampleIndex", template, model, params, prompt, completion, parsed, meta,
              prompt_tokens AS "promptTokens", completion_tokens AS "completionTokens", cost_usd::float8 AS "costUsd", attempts, created_at AS "createdAt"
         FROM synthesis_nodes WHERE run_id = $1 AND ($2::text IS NULL OR kind = $2) ORDER BY created_at, key LIMIT $3 OFFSET $4`,
      [runId, kind, limit, offset],
    );
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM synthesis_nodes WHERE run_id = $1 AND ($2::text IS NULL OR kind = $2)`, [runId, kind]);
    return [rows, n];
  }
}
