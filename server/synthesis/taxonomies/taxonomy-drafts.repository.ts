import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { updateReturning } from '../../sql/update-returning';
import type { SynthesisRunStatus } from '../synthesis-contract';
import type { DraftFailure, DraftProgress, DraftRunView, DraftSettings } from './taxonomy-views';

const RUN = `r.id, r.name, r.status, r.endpoint_id AS "endpointId", r.settings, r.progress, r.usage, r.taxonomy_id AS "taxonomyId",
  r.taxonomy_revision AS "taxonomyRevision", r.failure_reason AS "failureReason", r.created_by AS "createdBy", r.created_at AS "createdAt",
  r.started_at AS "startedAt", r.finished_at AS "finishedAt"`;

export type DraftRunRow = Omit<DraftRunView, 'failures'> & { createdBy: string | null };

export interface StoredDraftNode {
  key: string;
  sampleIndex: number;
  template: string;
  parsed: unknown;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
}

/** synthesis_runs of kind 'taxonomy-draft', their synthesis_nodes and synthesis_failures. */
@Injectable()
export class TaxonomyDraftsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insertRun(r: { name: string; endpointId: string; settings: DraftSettings; progress: DraftProgress; createdBy: string | null }): Promise<string> {
    const [row] = await this.db.query(
      `INSERT INTO synthesis_runs (kind, name, endpoint_id, settings, progress, status, created_by) VALUES ('taxonomy-draft', $1, $2, $3, $4, 'queued', $5) RETURNING id`,
      [r.name, r.endpointId, JSON.stringify(r.settings), JSON.stringify(r.progress), r.createdBy],
    );
    return row.id;
  }

  async find(id: string): Promise<DraftRunRow | null> {
    const [row] = await this.db.query(`SELECT ${RUN} FROM synthesis_runs r WHERE r.id = $1 AND r.kind = 'taxonomy-draft'`, [id]);
    return row ?? null;
  }

  async failures(runId: string): Promise<DraftFailure[]> {
    return this.db.query(
      `SELECT id::int, stage, node_key AS "nodeKey", code, message, raw, created_at AS "createdAt" FROM synthesis_failures WHERE run_id = $1 ORDER BY id`,
      [runId],
    );
  }

  /** queued or an interrupted running draft → running; false when there is nothing to run. */
  async claim(id: string): Promise<boolean> {
    const rows = await updateReturning(
      this.db,
      `UPDATE synthesis_runs SET status = 'running', stage = 'draft', started_at = coalesce(started_at, now()), updated_at = now()
        WHERE id = $1 AND kind = 'taxonomy-draft' AND status IN ('queued', 'running') RETURNING id`,
      [id],
    );
    return rows.length > 0;
  }

  /** Saves progress and usage; returns the status after it (a user may have asked to cancel). */
  async saveProgress(id: string, progress: DraftProgress, usage: object): Promise<SynthesisRunStatus> {
    const [row] = await updateReturning<{ status: SynthesisRunStatus }>(
      this.db,
      `UPDATE synthesis_runs SET progress = $2, usage = $3, updated_at = now() WHERE id = $1 RETURNING status`,
      [id, JSON.stringify(progress), JSON.stringify(usage)],
    );
    return row.status;
  }

  /** Marks a running draft alive for the stale sweep (requeueStale). */
  async heartbeat(id: string): Promise<void> {
    await this.db.query(`UPDATE synthesis_runs SET updated_at = now() WHERE id = $1 AND status IN ('running', 'cancelling')`, [id]);
  }

  async finish(
    id: string,
    status: 'completed' | 'cancelled' | 'failed',
    extra: { failureReason?: string; taxonomyId?: string; taxonomyRevision?: string; progress?: DraftProgress } = {},
    m: EntityManager | DataSource = this.db,
  ): Promise<void> {
    await m.query(
      `UPDATE synthesis_runs SET status = $2, failure_reason = $3, taxonomy_id = coalesce($4, taxonomy_id), taxonomy_revision = coalesce($5, taxonomy_revision),
              progress = coalesce($6::jsonb, progress),
              stage = CASE WHEN $2 = 'completed' THEN 'done' ELSE stage END, finished_at = now(), updated_at = now()
        WHERE id = $1`,
      [id, status, extra.failureReason ?? null, extra.taxonomyId ?? null, extra.taxonomyRevision ?? null, extra.progress ? JSON.stringify(extra.progress) : null],
    );
  }

  /** queued → cancelled at once; running → cancelling (the runner stops before its next call). */
  async requestCancel(id: string): Promise<boolean> {
    const rows = await updateReturning(
      this.db,
      `UPDATE synthesis_runs SET status = CASE WHEN status = 'queued' THEN 'cancelled' ELSE 'cancelling' END,
              finished_at = CASE WHEN status = 'queued' THEN now() ELSE finished_at END, updated_at = now()
        WHERE id = $1 AND kind = 'taxonomy-draft' AND status IN ('queued', 'running') RETURNING id`,
      [id],
    );
    return rows.length > 0;
  }

  async requeue(id: string): Promise<boolean> {
    const rows = await updateReturning(
      this.db,
      `UPDATE synthesis_runs SET status = 'queued', failure_reason = NULL, finished_at = NULL, updated_at = now()
        WHERE id = $1 AND kind = 'taxonomy-draft' AND status IN ('cancelled', 'failed') RETURNING id`,
      [id],
    );
    return rows.length > 0;
  }

  /** Drafts whose worker went silent: back to queued (or cancelled when a cancel was waiting); the ids to send again. */
  async requeueStale(staleSeconds: number): Promise<string[]> {
    const rows = await updateReturning<{ id: string; status: string }>(
      this.db,
      `UPDATE synthesis_runs SET status = CASE WHEN status = 'cancelling' THEN 'cancelled' ELSE 'queued' END,
              finished_at = CASE WHEN status = 'cancelling' THEN now() END, updated_at = now()
        WHERE kind = 'taxonomy-draft' AND status IN ('running', 'cancelling') AND updated_at < now() - make_interval(secs => $1)
        RETURNING id, status`,
      [staleSeconds],
    );
    return rows.filter((r) => r.status === 'queued').map((r) => r.id);
  }

  async nodes(runId: string): Promise<StoredDraftNode[]> {
    return this.db.query(
      `SELECT key, sample_index AS "sampleIndex", template, parsed, prompt_tokens AS "promptTokens", completion_tokens AS "completionTokens", cost_usd::float8 AS "costUsd"
         FROM synthesis_nodes WHERE run_id = $1 AND kind = 'taxonomy-draft'`,
      [runId],
    );
  }

  async nodeKeys(keys: string[]): Promise<Set<string>> {
    const rows: { key: string }[] = await this.db.query(`SELECT key FROM synthesis_nodes WHERE key = ANY($1::text[])`, [keys]);
    return new Set(rows.map((r) => r.key));
  }

  /** A completed call, stored as soon as it completes; an unparseable completion is listed as a failure with it. */
  async storeNode(
    n: {
      key: string;
      runId: string;
      parentKey: string;
      sampleIndex: number;
      template: string;
      model: string;
      params: object;
      prompt: object;
      completion: string;
      parsed: unknown;
      meta: object;
      promptTokens: number;
      completionTokens: number;
      costUsd: number;
      attempts: number;
    },
    failure?: { code: string; message: string },
  ): Promise<void> {
    await this.db.transaction(async (m) => {
      const [inserted] = await m.query(
        `INSERT INTO synthesis_nodes (key, run_id, kind, parent_key, sample_index, template, model, params, prompt, completion, parsed, meta, prompt_tokens, completion_tokens, cost_usd, attempts)
         VALUES ($1, $2, 'taxonomy-draft', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) ON CONFLICT (key) DO NOTHING RETURNING key`,
        [n.key, n.runId, n.parentKey, n.sampleIndex, n.template, n.model, JSON.stringify(n.params), JSON.stringify(n.prompt), n.completion,
          n.parsed === null ? null : JSON.stringify(n.parsed), JSON.stringify(n.meta), n.promptTokens, n.completionTokens, n.costUsd, n.attempts],
      );
      if (inserted && failure) await this.insertFailure(m, n.runId, { stage: 'taxonomy-draft', nodeKey: n.key, parentKey: n.parentKey, code: failure.code, message: failure.message, raw: n.completion });
    });
  }

  async insertFailure(
    m: EntityManager | DataSource,
    runId: string,
    f: { stage: string; nodeKey?: string | null; parentKey?: string | null; code: string; message: string; raw?: string | null },
  ): Promise<void> {
    await m.query(`INSERT INTO synthesis_failures (run_id, stage, node_key, parent_key, code, message, raw) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      runId,
      f.stage,
      f.nodeKey ?? null,
      f.parentKey ?? null,
      f.code,
      f.message,
      f.raw ?? null,
    ]);
  }

  /** Call failures of an earlier attempt are retried on resume: they are no longer failures once their node exists. */
  async clearCallFailures(runId: string): Promise<void> {
    await this.db.query(`DELETE FROM synthesis_failures WHERE run_id = $1 AND code = 'call-failed'`, [runId]);
  }
}
