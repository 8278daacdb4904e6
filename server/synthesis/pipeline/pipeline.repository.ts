import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { updateReturning } from '../../sql/update-returning';
import type { PairTags, PauseReason, RunProgress, RunUsage, SynthesisNodeKind, SynthesisRunStatus } from '../synthesis-contract';
import type { RunRow } from '../runs/synthesis-runs.repository';

/** A committed node as a resumed run needs it (no prompt: that is only for the API). */
export interface StoredNode {
  key: string;
  kind: SynthesisNodeKind;
  parentKey: string | null;
  sampleIndex: number;
  completion: string;
  parsed: unknown;
  meta: Record<string, unknown>;
}

export interface NodeInsert extends StoredNode {
  runId: string;
  template: string;
  model: string;
  params: Record<string, unknown>;
  prompt: unknown;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
  attempts: number;
}

export interface FailureInsert {
  runId: string;
  stage: string;
  nodeKey: string | null;
  parentKey: string | null;
  discipline: string | null;
  code: string;
  message: string;
  raw: string | null;
}

export interface PairInsert {
  runId: string;
  questionKey: string;
  answerKey: string;
  question: string;
  answer: string;
  tags: PairTags;
}

/** The generation job's SQL: claiming its run, loading what is stored, committing nodes in groups, progress. */
@Injectable()
export class PipelineRepository {
  constructor(@InjectDataSource() readonly db: DataSource) {}

  /** Takes a queued run (a resumed or re-queued one too); null when it is in no state to run. */
  async claim(id: string): Promise<boolean> {
    const rows = await updateReturning(
      this.db,
      `UPDATE synthesis_runs SET status = 'running', pause_reason = NULL, failure_reason = NULL, started_at = coalesce(started_at, now()),
              finished_at = NULL, updated_at = now()
        WHERE id = $1 AND kind = 'generation' AND status = 'queued' RETURNING id`,
      [id],
    );
    return rows.length > 0;
  }

  /**
   * The nodes a run can reuse: its own and those of every generation run on the same taxonomy revision (a node's key
   * starts from the revision and the discipline's path, so no other node can match). One query, no per-node reads.
   */
  async loadNodes(runId: string, taxonomyRevision: string): Promise<StoredNode[]> {
    return this.db.query(
      `SELECT key, kind, parent_key AS "parentKey", sample_index AS "sampleIndex", completion, parsed, meta FROM synthesis_nodes
        WHERE run_id IN (SELECT id FROM synthesis_runs WHERE id = $1 OR (kind = 'generation' AND taxonomy_revision = $2))`,
      [runId, taxonomyRevision],
    );
  }

  /** The answers that already have their pair in this run. */
  async pairAnswerKeys(runId: string): Promise<string[]> {
    const rows: { key: string }[] = await this.db.query(`SELECT answer_key AS key FROM synthesis_pairs WHERE run_id = $1`, [runId]);
    return rows.map((r) => r.key);
  }

  /** What the run's committed nodes spent, per model (for the budget) and in all (the run's usage). */
  async spent(runId: string): Promise<{ model: string; calls: number; promptTokens: number; completionTokens: number; costUsd: number }[]> {
    return this.db.query(
      `SELECT model, sum(attempts)::int AS calls, sum(prompt_tokens)::int AS "promptTokens", sum(completion_tokens)::int AS "completionTokens",
              sum(cost_usd)::float8 AS "costUsd"
         FROM synthesis_nodes WHERE run_id = $1 GROUP BY model`,
      [runId],
    );
  }

  /** One statement (so one transaction and one round trip) for a group of nodes with their failures and pairs. */
  async commit(nodes: NodeInsert[], failures: FailureInsert[], pairs: PairInsert[]): Promise<void> {
    await this.db.query(
      `WITH n AS (
         INSERT INTO synthesis_nodes (key, run_id, kind, parent_key, sample_index, template, model, params, prompt, completion, parsed, meta,
                                      prompt_tokens, completion_tokens, cost_usd, attempts)
         SELECT x."key", x."runId", x."kind", x."parentKey", x."sampleIndex", x."template", x."model", x."params", x."prompt", x."completion",
                x."parsed", x."meta", x."promptTokens", x."completionTokens", x."costUsd", x."attempts"
           FROM jsonb_to_recordset($1::jsonb) AS x("key" text, "runId" uuid, "kind" text, "parentKey" text, "sampleIndex" int, "template" text,
                "model" text, "params" jsonb, "prompt" jsonb, "completion" text, "parsed" jsonb, "meta" jsonb, "promptTokens" int,
                "completionTokens" int, "costUsd" numeric, "attempts" int)
         ON CONFLICT (key) DO NOTHING RETURNING 1),
       f AS (
         INSERT INTO synthesis_failures (run_id, stage, node_key, parent_key, discipline, code, message, raw)
         SELECT x."runId", x."stage", x."nodeKey", x."parentKey", x."discipline", x."code", x."message", x."raw"
           FROM jsonb_to_recordset($2::jsonb) AS x("runId" uuid, "stage" text, "nodeKey" text, "parentKey" text, "discipline" text, "code" text,
                "message" text, "raw" text)
         RETURNING 1),
       p AS (
         INSERT INTO synthesis_pairs (run_id, question_key, answer_key, question, answer, tags)
         SELECT x."runId", x."questionKey", x."answerKey", x."question", x."answer", x."tags"
           FROM jsonb_to_recordset($3::jsonb) AS x("runId" uuid, "questionKey" text, "answerKey" text, "question" text, "answer" text, "tags" jsonb)
         ON CONFLICT (run_id, answer_key) DO NOTHING RETURNING 1)
       SELECT (SELECT count(*) FROM n) + (SELECT count(*) FROM f) + (SELECT count(*) FROM p) AS rows`,
      [JSON.stringify(nodes), JSON.stringify(failures), JSON.stringify(pairs)],
    );
  }

  /** Saves progress and usage; returns the status, so a pause or cancel asked for meanwhile is seen. */
  async saveProgress(id: string, stage: string, progress: RunProgress, usage: RunUsage): Promise<SynthesisRunStatus | null> {
    const [row] = await updateReturning<{ status: SynthesisRunStatus }>(
      this.db,
      `UPDATE synthesis_runs SET stage = $2, progress = $3, usage = $4, updated_at = now() WHERE id = $1 RETURNING status`,
      [id, stage, JSON.stringify(progress), JSON.stringify(usage)],
    );
    return row?.status ?? null;
  }

  async finish(id: string, status: 'completed' | 'paused' | 'cancelled' | 'failed', opts: { stage?: string; pauseReason?: PauseReason; failureReason?: string } = {}): Promise<void> {
    await this.db.query(
      `UPDATE synthesis_runs SET status = $2, stage = coalesce($3, stage), pause_reason = $4, failure_reason = $5,
              finished_at = CASE WHEN $2 IN ('completed', 'cancelled', 'failed') THEN now() END, updated_at = now()
        WHERE id = $1`,
      [id, status, opts.stage ?? null, opts.pauseReason ?? null, opts.failureReason ?? null],
    );
  }

  /**
   * Every node is in: completed (stage ingest) — unless a cancel was asked meanwhile, which wins (nothing is ingested).
   * A pause asked when nothing is left to pause is moot. Returns the status set.
   */
  async finishAnswered(id: string): Promise<'completed' | 'cancelled'> {
    const [row] = await updateReturning<{ status: 'completed' | 'cancelled' }>(
      this.db,
      `UPDATE synthesis_runs SET status = CASE WHEN status = 'cancelling' THEN 'cancelled' ELSE 'completed' END,
              stage = CASE WHEN status = 'cancelling' THEN stage ELSE 'ingest' END, pause_reason = NULL, finished_at = now(), updated_at = now()
        WHERE id = $1 RETURNING status`,
      [id],
    );
    return row.status;
  }

  /** A running (or cancelling) generation run whose worker stopped reporting: queued again (or cancelled). */
  async requeueStale(staleSeconds: number): Promise<string[]> {
    const rows = await updateReturning<{ id: string; status: string }>(
      this.db,
      `UPDATE synthesis_runs SET status = CASE WHEN status = 'cancelling' THEN 'cancelled' WHEN status = 'pausing' THEN 'paused' ELSE 'queued' END,
              pause_reason = CASE WHEN status = 'pausing' THEN 'user' END,
              finished_at = CASE WHEN status = 'cancelling' THEN now() END, updated_at = now()
        WHERE kind = 'generation' AND status IN ('running', 'pausing', 'cancelling') AND updated_at < now() - make_interval(secs => $1)
        RETURNING id, status`,
      [staleSeconds],
    );
    return rows.filter((r) => r.status === 'queued').map((r) => r.id);
  }

  async runRow(id: string): Promise<Pick<RunRow, 'id' | 'name' | 'taxonomyRevision' | 'taxonomyId' | 'endpointId' | 'answerEndpointId' | 'settings' | 'status'> | null> {
    const [row] = await this.db.query(
      `SELECT id, name, taxonomy_revision AS "taxonomyRevision", taxonomy_id AS "taxonomyId", endpoint_id AS "endpointId",
              answer_endpoint_id AS "answerEndpointId", settings, status
         FROM synthesis_runs WHERE id = $1 AND kind = 'generation'`,
      [id],
    );
    return row ?? null;
  }
}
