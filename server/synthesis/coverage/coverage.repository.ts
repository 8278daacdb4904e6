import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ContaminationEvidence, PairTags, RunUsage } from '../synthesis-contract';
import type { CoverageRow, UsageRow } from './coverage-views';

/** Pairs read per query when the report walks a run's texts. */
const PAGE = 5000;

/** The SQL of a generation run's coverage and decontamination reports (read only). */
@Injectable()
export class CoverageRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async run(id: string): Promise<{ name: string; usage: RunUsage } | null> {
    const [r] = await this.db.query(`SELECT name, usage FROM synthesis_runs WHERE id = $1 AND kind = 'generation'`, [id]);
    return r ? { name: r.name, usage: r.usage } : null;
  }

  /** One row per (field, discipline, subject): what became of its pairs and of the items they became. */
  async subjectCounts(runId: string): Promise<CoverageRow[]> {
    const rows = await this.db.query(
      `SELECT p.tags->>'field' AS field, p.tags->>'discipline' AS discipline, p.tags->>'subject' AS subject,
              count(*)::int AS generated,
              count(*) FILTER (WHERE p.status = 'excluded')::int AS excluded,
              count(*) FILTER (WHERE p.status = 'ingested')::int AS ingested,
              count(*) FILTER (WHERE p.status = 'rejected')::int AS rejected,
              count(i.id) FILTER (WHERE i.status = 'accepted')::int AS items_accepted,
              count(i.id) FILTER (WHERE i.status NOT IN ('accepted', 'rejected', 'duplicate', 'reference'))::int AS items_pending,
              count(i.id) FILTER (WHERE i.status = 'duplicate')::int AS items_duplicate
         FROM synthesis_pairs p LEFT JOIN items i ON i.id = p.item_id
        WHERE p.run_id = $1
        GROUP BY 1, 2, 3`,
      [runId],
    );
    return rows.map((r: Record<string, any>) => ({
      field: r.field ?? '',
      discipline: r.discipline ?? '',
      subject: r.subject ?? '',
      generated: r.generated,
      excluded: r.excluded,
      ingested: r.ingested,
      rejected: r.rejected,
      itemsAccepted: r.items_accepted,
      itemsPending: r.items_pending,
      itemsDuplicate: r.items_duplicate,
    }));
  }

  /** Every pair's question and answer in id order, a page at a time (a run may hold hundreds of thousands). */
  async *texts(runId: string): AsyncGenerator<Array<{ question: string; answer: string }>> {
    let after = 0;
    for (;;) {
      const rows: Array<{ id: string; question: string; answer: string }> = await this.db.query(
        'SELECT id, question, answer FROM synthesis_pairs WHERE run_id = $1 AND id > $2 ORDER BY id LIMIT $3',
        [runId, after, PAGE],
      );
      if (rows.length === 0) return;
      yield rows;
      after = Number(rows[rows.length - 1].id);
      if (rows.length < PAGE) return;
    }
  }

  async failures(runId: string): Promise<Array<{ stage: string; code: string; count: number; example: string }>> {
    return this.db.query(
      `SELECT stage, code, count(*)::int AS count, (array_agg(message ORDER BY id))[1] AS example
         FROM synthesis_failures WHERE run_id = $1 GROUP BY stage, code ORDER BY stage, code`,
      [runId],
    );
  }

  async usageByKind(runId: string): Promise<UsageRow[]> {
    const rows = await this.db.query(
      `SELECT kind, count(*)::int AS calls, sum(prompt_tokens)::bigint AS prompt, sum(completion_tokens)::bigint AS completion, sum(cost_usd) AS cost
         FROM synthesis_nodes WHERE run_id = $1 GROUP BY kind ORDER BY kind`,
      [runId],
    );
    return rows.map((r: Record<string, string | number>) => ({
      kind: String(r.kind),
      calls: Number(r.calls),
      promptTokens: Number(r.prompt),
      completionTokens: Number(r.completion),
      costUsd: Number(r.cost),
    }));
  }

  async decontaminationByDiscipline(runId: string): Promise<Array<{ field: string; discipline: string; checked: number; excluded: number }>> {
    const rows = await this.db.query(
      `SELECT coalesce(tags->>'field', '') AS field, coalesce(tags->>'discipline', '') AS discipline,
              count(*) FILTER (WHERE status <> 'generated')::int AS checked,
              count(*) FILTER (WHERE status = 'excluded')::int AS excluded
         FROM synthesis_pairs WHERE run_id = $1 GROUP BY 1, 2`,
      [runId],
    );
    return rows.sort((a: { field: string; discipline: string }, b: { field: string; discipline: string }) => byText(a.field, b.field) || byText(a.discipline, b.discipline));
  }

  async excludedPage(runId: string, offset: number, limit: number) {
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM synthesis_pairs WHERE run_id = $1 AND status = 'excluded'`, [runId]);
    const rows: Array<{ id: string; tags: PairTags; question: string; contamination: ContaminationEvidence }> = await this.db.query(
      `SELECT id, tags, question, contamination FROM synthesis_pairs WHERE run_id = $1 AND status = 'excluded' ORDER BY id OFFSET $2 LIMIT $3`,
      [runId, offset, limit],
    );
    return {
      total: total as number,
      rows: rows.map((r) => ({
        pairId: Number(r.id),
        field: r.tags.field ?? '',
        discipline: r.tags.discipline ?? '',
        subject: r.tags.subject ?? '',
        question: r.question,
        contamination: r.contamination,
      })),
    };
  }
}

/** Code-point order: the same on every database collation. */
export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
