import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ContaminationEvidence, GenerationSettings, PairTags, ReviewMode, RunProgress, RunUsage } from '../synthesis-contract';
import type { PairCounts } from '../synthesis-views';

export interface IngestRun {
  id: string;
  kind: string;
  name: string;
  taxonomyId: string | null;
  taxonomyRevision: string | null;
  sourceId: string | null;
  reviewMode: ReviewMode;
  settings: Partial<GenerationSettings> & { defaultAbility?: string };
  status: string;
  stage: string | null;
  progress: RunProgress;
  usage: Partial<RunUsage>;
  failureReason: string | null;
  createdBy: string | null;
}

export interface PairRow {
  id: number;
  answerKey: string;
  question: string;
  answer: string;
  tags: PairTags;
}

export type { PairCounts } from '../synthesis-views';

/** The SQL of ingesting a synthesis run's generated pairs (server/synthesis/ingest). */
@Injectable()
export class IngestRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async run(id: string): Promise<IngestRun | null> {
    const [r] = await this.db.query(
      `SELECT id, kind, name, taxonomy_id, taxonomy_revision, source_id, review_mode, settings, status, stage, progress, usage, failure_reason, created_by
         FROM synthesis_runs WHERE id = $1`,
      [id],
    );
    if (!r) return null;
    return {
      id: r.id,
      kind: r.kind,
      name: r.name,
      taxonomyId: r.taxonomy_id,
      taxonomyRevision: r.taxonomy_revision,
      sourceId: r.source_id,
      reviewMode: r.review_mode,
      settings: r.settings ?? {},
      status: r.status,
      stage: r.stage,
      progress: r.progress ?? {},
      usage: r.usage ?? {},
      failureReason: r.failure_reason,
      createdBy: r.created_by,
    };
  }

  async setSource(runId: string, sourceId: string): Promise<void> {
    await this.db.query('UPDATE synthesis_runs SET source_id = $2, updated_at = now() WHERE id = $1', [runId, sourceId]);
  }

  async setDefaultAbility(runId: string, ability: string): Promise<void> {
    await this.db.query(
      `UPDATE synthesis_runs SET settings = settings || jsonb_build_object('defaultAbility', $2::text), updated_at = now() WHERE id = $1`,
      [runId, ability],
    );
  }

  /** Pairs still to ingest (not excluded, linked or refused), in id order. */
  async generatedPairs(runId: string): Promise<PairRow[]> {
    const rows = await this.db.query(
      `SELECT id, answer_key, question, answer, tags FROM synthesis_pairs WHERE run_id = $1 AND status = 'generated' ORDER BY id`,
      [runId],
    );
    return rows.map((r: Record<string, any>) => ({ id: Number(r.id), answerKey: r.answer_key, question: r.question, answer: r.answer, tags: r.tags }));
  }

  async anyGenerated(runId: string, pairIds: number[]): Promise<boolean> {
    if (pairIds.length === 0) return false;
    const [r] = await this.db.query(
      `SELECT EXISTS (SELECT 1 FROM synthesis_pairs WHERE run_id = $1 AND id = ANY($2::bigint[]) AND status = 'generated') AS any`,
      [runId, pairIds],
    );
    return r.any;
  }

  async exclude(exclusions: Array<{ pairId: number; evidence: ContaminationEvidence }>): Promise<void> {
    if (exclusions.length === 0) return;
    await this.db.query(
      `UPDATE synthesis_pairs p SET status = 'excluded', contamination = e.evidence
         FROM unnest($1::bigint[], $2::jsonb[]) AS e(id, evidence)
        WHERE p.id = e.id AND p.status = 'generated'`,
      [exclusions.map((e) => e.pairId), exclusions.map((e) => JSON.stringify(e.evidence))],
    );
  }

  async sourceNames(itemIds: number[]): Promise<Map<number, string>> {
    if (itemIds.length === 0) return new Map();
    const rows = await this.db.query('SELECT i.id, s.name FROM items i JOIN sources s ON s.id = i.source_id WHERE i.id = ANY($1::bigint[])', [itemIds]);
    return new Map(rows.map((r: { id: string; name: string }) => [Number(r.id), r.name]));
  }

  /** The imports made for this run, oldest first. */
  async importsOf(runId: string): Promise<Array<{ id: string; status: string; filePath: string }>> {
    const rows = await this.db.query(
      `SELECT id, status, file_path FROM imports WHERE options->>'synthesisRunId' = $1 ORDER BY created_at, id`,
      [runId],
    );
    return rows.map((r: Record<string, string>) => ({ id: r.id, status: r.status, filePath: r.file_path }));
  }

  /**
   * Links still-generated pairs to the items an import made of them (meta.pairId), and marks those whose line the
   * import refused as rejected with its reason (`lineToPair`: the import file's line → pair id). Idempotent.
   */
  async link(runId: string, importId: string, lineToPair: Map<number, number>): Promise<{ linked: number; rejected: number }> {
    return this.db.transaction(async (m) => {
      const linked = await m.query(
        `UPDATE synthesis_pairs p SET status = 'ingested', item_id = i.id, error = NULL
           FROM items i
          WHERE i.import_id = $2 AND p.run_id = $1 AND p.status = 'generated' AND p.id = (i.meta->>'pairId')::bigint`,
        [runId, importId],
      );
      const errors: Array<{ line: number; field: string | null; reason: string }> = await m.query(
        'SELECT line, field, reason FROM import_errors WHERE import_id = $1 ORDER BY line, id',
        [importId],
      );
      const byPair = new Map<number, string>();
      for (const e of errors) {
        const pairId = lineToPair.get(e.line);
        if (pairId === undefined) continue;
        const text = `line ${e.line}${e.field ? `, field ${e.field}` : ''}: ${e.reason}`;
        byPair.set(pairId, byPair.has(pairId) ? `${byPair.get(pairId)}; ${text}` : text);
      }
      const rejected = await m.query(
        `UPDATE synthesis_pairs p SET status = 'rejected', error = e.error
           FROM unnest($2::bigint[], $3::text[]) AS e(id, error)
          WHERE p.run_id = $1 AND p.id = e.id AND p.status = 'generated'`,
        [runId, [...byPair.keys()], [...byPair.values()]],
      );
      // a line of a finished import that became neither an item nor an error was skipped: said, not left to re-import
      const skipped = await m.query(
        `UPDATE synthesis_pairs p SET status = 'rejected', error = 'line ' || e.line || ': skipped by the glan adapter'
           FROM unnest($2::bigint[], $3::int[]) AS e(id, line), imports imp
          WHERE p.run_id = $1 AND p.id = e.id AND p.status = 'generated' AND imp.id = $4 AND imp.status = 'completed'`,
        [runId, [...lineToPair.values()], [...lineToPair.keys()], importId],
      );
      return { linked: linked[1] ?? 0, rejected: (rejected[1] ?? 0) + (skipped[1] ?? 0) };
    });
  }

  async counts(runId: string): Promise<PairCounts> {
    const [r] = await this.db.query(
      `SELECT count(*)::int AS total,
              count(*) FILTER (WHERE status = 'generated')::int AS generated,
              count(*) FILTER (WHERE status = 'excluded')::int AS excluded,
              count(*) FILTER (WHERE status = 'ingested')::int AS ingested,
              count(*) FILTER (WHERE status = 'rejected')::int AS rejected
         FROM synthesis_pairs WHERE run_id = $1`,
      [runId],
    );
    return r;
  }

  /** Writes the ingest stage's counters (and moves the run to stage `done` when nothing is left to ingest). */
  async saveProgress(runId: string, ingest: { planned: number; done: number; failed: number }, finished: boolean, failure?: string): Promise<void> {
    await this.db.query(
      `UPDATE synthesis_runs SET progress = progress || jsonb_build_object('ingest', $2::jsonb),
              stage = CASE WHEN $3::boolean THEN 'done' ELSE stage END,
              failure_reason = CASE WHEN $4::text IS NOT NULL THEN $4 WHEN $3::boolean THEN NULL ELSE failure_reason END,
              finished_at = CASE WHEN $3::boolean THEN now() ELSE finished_at END,
              updated_at = now()
        WHERE id = $1`,
      [runId, JSON.stringify(ingest), finished, failure ?? null],
    );
  }

  async importProgress(importId: string): Promise<{ status: string; linesRead: number } | null> {
    const [r] = await this.db.query('SELECT status, lines_read FROM imports WHERE id = $1', [importId]);
    return r ? { status: r.status, linesRead: r.lines_read } : null;
  }
}
