import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AbilityScoreView, EvaluationSuite, ItemAnswerView, ItemResultView, ResultsFilter } from './evaluation-views';
import type { ScoredResult } from './suites/suite.types';

export type { ResultsFilter } from './evaluation-views';

export interface StoredKey {
  suite: EvaluationSuite;
  itemId: number;
  shots: number;
}

export const storedKey = (k: StoredKey) => `${k.suite}:${k.shots}:${k.itemId}`;

const RESULT_COLUMNS = `r.item_id::int AS "itemId", r.suite, r.ability, r.split, r.shots, r.answer, r.parsed, r.score, r.expected, r.details`;

/** Per-item verdicts (evaluation_results) and their per-ability aggregates (ability_scores). */
@Injectable()
export class EvaluationResultsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Stores one chunk's verdicts; a verdict already stored (a chunk answered twice) is kept as it was. */
  async insert(evaluationId: string, results: ScoredResult[], m: EntityManager = this.db.manager): Promise<void> {
    if (results.length === 0) return;
    await m.query(
      `INSERT INTO evaluation_results (evaluation_id, item_id, shots, suite, ability, split, answer, parsed, score, expected, details)
       SELECT $1, r.item_id, r.shots, r.suite, r.ability, r.split, r.answer, r.parsed, r.score, r.expected, r.details
         FROM jsonb_to_recordset($2::jsonb) AS r(item_id bigint, shots smallint, suite text, ability text, split text,
                                                  answer text, parsed text, score real, expected real, details jsonb)
       ON CONFLICT (evaluation_id, item_id, shots) DO NOTHING`,
      [
        evaluationId,
        JSON.stringify(
          results.map((r) => ({
            item_id: r.itemId,
            shots: r.shots,
            suite: r.suite,
            ability: r.ability,
            split: r.split,
            answer: r.answer,
            parsed: r.parsed,
            score: r.score,
            expected: r.expected,
            details: r.details,
          })),
        ),
      ],
    );
  }

  async storedKeys(evaluationId: string): Promise<Set<string>> {
    const rows: StoredKey[] = await this.db.query(
      `SELECT suite, item_id::int AS "itemId", shots FROM evaluation_results WHERE evaluation_id = $1`,
      [evaluationId],
    );
    return new Set(rows.map(storedKey));
  }

  /** Every verdict of an evaluation, reduced to what aggregation needs. */
  async verdicts(evaluationId: string): Promise<Array<{ suite: EvaluationSuite; ability: string; split: string | null; shots: number; score: number; expected: number }>> {
    return this.db.query(`SELECT suite, ability, split, shots, score, expected FROM evaluation_results WHERE evaluation_id = $1`, [evaluationId]);
  }

  /** Replaces an evaluation's aggregates in one statement pair, inside the caller's transaction. */
  async replaceScores(evaluationId: string, scores: AbilityScoreView[], m: EntityManager): Promise<void> {
    await m.query(`DELETE FROM ability_scores WHERE evaluation_id = $1`, [evaluationId]);
    if (scores.length === 0) return;
    await m.query(
      `INSERT INTO ability_scores (evaluation_id, suite, ability, split, shots, items, score, expected)
       SELECT $1, s.suite, s.ability, s.split, s.shots, s.items, s.score, s.expected
         FROM jsonb_to_recordset($2::jsonb) AS s(suite text, ability text, split text, shots smallint, items int, score real, expected real)`,
      [evaluationId, JSON.stringify(scores)],
    );
  }

  async scores(evaluationIds: string[]): Promise<Array<AbilityScoreView & { evaluationId: string }>> {
    if (evaluationIds.length === 0) return [];
    return this.db.query(
      `SELECT evaluation_id AS "evaluationId", suite, ability, split, shots, items, score, expected
         FROM ability_scores WHERE evaluation_id = ANY($1::uuid[]) ORDER BY suite, split, shots, ability`,
      [evaluationIds],
    );
  }

  async page(evaluationId: string, f: ResultsFilter, offset: number, limit: number): Promise<[ItemResultView[], number]> {
    const params: unknown[] = [evaluationId];
    const where = ['r.evaluation_id = $1'];
    for (const [key, column] of [['suite', 'suite'], ['ability', 'ability'], ['split', 'split'], ['shots', 'shots']] as const) {
      if (f[key] === undefined) continue;
      params.push(f[key]);
      where.push(`r.${column} = $${params.length}`);
    }
    const clause = where.join(' AND ');
    const rows = await this.db.query(
      `SELECT ${RESULT_COLUMNS} FROM evaluation_results r WHERE ${clause}
        ORDER BY r.suite, r.ability, r.item_id, r.shots OFFSET ${offset} LIMIT ${limit}`,
      params,
    );
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM evaluation_results r WHERE ${clause}`, params);
    return [rows, n];
  }

  /** What every evaluation answered for one item, newest evaluation first. */
  async answersForItem(itemId: number): Promise<ItemAnswerView[]> {
    const rows = await this.db.query(
      `SELECT ${RESULT_COLUMNS}, e.id AS "evaluationId", e.experiment_id AS "experimentId", x.name AS "experimentName",
              e.epoch, e.backend, coalesce(e.finished_at, e.updated_at) AS "evaluatedAt"
         FROM evaluation_results r
         JOIN evaluations e ON e.id = r.evaluation_id
         LEFT JOIN experiments x ON x.id = e.experiment_id
        WHERE r.item_id = $1
        ORDER BY coalesce(e.finished_at, e.updated_at) DESC, e.epoch DESC, r.shots`,
      [itemId],
    );
    return rows.map((r: ItemAnswerView & { evaluatedAt: Date }) => ({ ...r, evaluatedAt: new Date(r.evaluatedAt).toISOString() }));
  }
}
