import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AbilityScoreView, EvaluationSuite, ItemAnswerView, ItemResultView, ResultsFilter } from './evaluation-views';
import type { Verdict } from './runner/ability-scores';
import type { ScoredResult } from './suites/suite.types';

export type { ResultsFilter } from './evaluation-views';

export interface StoredKey {
  suite: EvaluationSuite;
  itemId: number;
  shots: number;
}

export const storedKey = (k: StoredKey) => `${k.suite}:${k.shots}:${k.itemId}`;

const SCORE_COLUMNS = `suite, ability, split, shots, items, score, expected, ci_lower AS "ciLower", ci_upper AS "ciUpper", ci_method AS "ciMethod", ci_variance AS "ciVariance", loss`;

interface ScoreRow extends Omit<AbilityScoreView, 'interval' | 'loss'> {
  ciLower: number | null;
  ciUpper: number | null;
  ciMethod: 'wilson' | 'bootstrap' | null;
  ciVariance: number | null;
  loss: number | null;
}

/** A stored score as the API shows it: its interval when it has one (rows from before intervals have none). */
function scoreView({ ciLower, ciUpper, ciMethod, ciVariance, ...row }: ScoreRow): AbilityScoreView {
  if (ciLower === null || ciUpper === null || ciMethod === null || ciVariance === null) return row;
  return { ...row, interval: { lower: ciLower, upper: ciUpper, method: ciMethod, variance: ciVariance } };
}

/** A score as the INSERT/UPDATE's jsonb_to_recordset reads it. */
function scoreRecord(s: AbilityScoreView) {
  return {
    suite: s.suite,
    ability: s.ability,
    split: s.split,
    shots: s.shots,
    items: s.items,
    score: s.score,
    expected: s.expected,
    ci_lower: s.interval?.lower ?? null,
    ci_upper: s.interval?.upper ?? null,
    ci_method: s.interval?.method ?? null,
    ci_variance: s.interval?.variance ?? null,
    loss: s.loss ?? null,
  };
}

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

  /**
   * Every verdict of an evaluation, reduced to what aggregation needs, in item order (the order its groups' means and
   * intervals are computed in, so that every reader of the per-item results sums them alike).
   */
  async verdicts(evaluationId: string, m: EntityManager = this.db.manager): Promise<Verdict[]> {
    return m.query(
      `SELECT suite, ability, split, shots, score, expected,
              CASE WHEN jsonb_typeof(details->'goldNll') = 'number' THEN (details->>'goldNll')::float8 END AS "goldNll",
              CASE WHEN suite = 'ifeval' THEN details->'strict' END AS strict,
              CASE WHEN suite = 'ifeval' THEN details->'loose' END AS loose
         FROM evaluation_results WHERE evaluation_id = $1 ORDER BY item_id, shots`,
      [evaluationId],
    );
  }

  /**
   * Replaces an evaluation's aggregates (with their intervals and gold-answer loss), inside the caller's transaction,
   * and stores the evaluation's validation average from them (storeValidationAverage).
   */
  async replaceScores(evaluationId: string, scores: AbilityScoreView[], m: EntityManager): Promise<void> {
    await m.query(`DELETE FROM ability_scores WHERE evaluation_id = $1`, [evaluationId]);
    if (scores.length > 0) await this.insertScores(evaluationId, scores, m);
    await this.storeValidationAverage(evaluationId, m);
  }

  /**
   * Stores on the evaluation row its in-domain 0-shot validation average — the unweighted mean over abilities of each
   * ability's stored valid mean, what the growth curves' checkpoint rule compares (issue 13 item 2) — computed from
   * the stored scores in the order the growth reader reads them (by ability; float8 avg adds in that order and divides
   * by the count), so a pick from this column equals one from the scores. `validation_groups` is the number of groups
   * averaged (0: none, no candidate); both stay NULL — the reader then reads the scores — when a validation score has
   * no interval or lies off [0, 1].
   */
  async storeValidationAverage(evaluationId: string, m: EntityManager = this.db.manager): Promise<void> {
    await this.storeValidationAverages([evaluationId], m);
  }

  /** storeValidationAverage for many evaluations in one statement (a backfill, a seeded study). */
  async storeValidationAverages(evaluationIds: readonly string[], m: EntityManager = this.db.manager): Promise<void> {
    if (evaluationIds.length === 0) return;
    await m.query(
      `UPDATE evaluations e
          SET validation_average = CASE WHEN v.ok AND v.groups > 0 THEN v.average END,
              validation_groups = CASE WHEN v.ok THEN v.groups END
         FROM (SELECT ev.id, avg(s.score ORDER BY s.ability) AS average, count(s.score)::int AS groups,
                      COALESCE(bool_and(s.ci_method IS NOT NULL AND s.score >= 0 AND s.score <= 1) FILTER (WHERE s.score IS NOT NULL), true) AS ok
                 FROM unnest($1::uuid[]) AS ev(id)
                 LEFT JOIN ability_scores s ON s.evaluation_id = ev.id AND s.suite = 'in-domain' AND s.split = 'valid' AND s.shots = 0
                GROUP BY ev.id) v
        WHERE e.id = v.id`,
      [evaluationIds],
    );
  }

  private async insertScores(evaluationId: string, scores: AbilityScoreView[], m: EntityManager): Promise<void> {
    await m.query(
      `INSERT INTO ability_scores (evaluation_id, suite, ability, split, shots, items, score, expected, ci_lower, ci_upper, ci_method, ci_variance, loss)
       SELECT $1, s.suite, s.ability, s.split, s.shots, s.items, s.score, s.expected, s.ci_lower, s.ci_upper, s.ci_method, s.ci_variance, s.loss
         FROM jsonb_to_recordset($2::jsonb) AS s(suite text, ability text, split text, shots smallint, items int, score float8, expected float8,
                                                  ci_lower float8, ci_upper float8, ci_method text, ci_variance float8, loss float8)`,
      [evaluationId, JSON.stringify(scores.map(scoreRecord))],
    );
  }

  async scores(evaluationIds: string[]): Promise<Array<AbilityScoreView & { evaluationId: string }>> {
    if (evaluationIds.length === 0) return [];
    const rows: Array<ScoreRow & { evaluationId: string }> = await this.db.query(
      `SELECT evaluation_id AS "evaluationId", ${SCORE_COLUMNS}
         FROM ability_scores WHERE evaluation_id = ANY($1::uuid[]) ORDER BY suite, split, shots, ability`,
      [evaluationIds],
    );
    return rows.map(({ evaluationId, ...row }) => ({ evaluationId, ...scoreView(row) }));
  }

  /**
   * Evaluations with a stored score that has no interval yet (stored before intervals were), after `after` in id order:
   * the backfill's pages.
   */
  async evaluationsMissingSummaries(after: string | null, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT DISTINCT evaluation_id AS id FROM ability_scores
        WHERE ci_lower IS NULL AND ($1::uuid IS NULL OR evaluation_id > $1::uuid) ORDER BY evaluation_id LIMIT $2`,
      [after, limit],
    );
    return rows.map((r) => r.id);
  }

  /** Stored scores without an interval: all of them, or one evaluation's. */
  async countMissingSummaries(evaluationId?: string, m: EntityManager = this.db.manager): Promise<number> {
    const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM ability_scores WHERE ci_lower IS NULL AND ($1::uuid IS NULL OR evaluation_id = $1::uuid)`, [
      evaluationId ?? null,
    ]);
    return n;
  }

  /**
   * Fills the summary (mean, n, interval, loss) of each of the evaluation's scores that has no interval, from `scores`
   * recomputed from its per-item results; a score already summarised is left alone. Returns how many it filled.
   */
  async fillMissingSummaries(evaluationId: string, scores: AbilityScoreView[], m: EntityManager): Promise<number> {
    if (scores.length === 0) return 0;
    // TypeORM answers an UPDATE with [rows, affected]
    const [, filled]: [unknown[], number] = await m.query(
      `UPDATE ability_scores a
          SET items = s.items, score = s.score, ci_lower = s.ci_lower, ci_upper = s.ci_upper, ci_method = s.ci_method,
              ci_variance = s.ci_variance, loss = s.loss
         FROM jsonb_to_recordset($2::jsonb) AS s(suite text, ability text, split text, shots smallint, items int, score float8,
                                                  ci_lower float8, ci_upper float8, ci_method text, ci_variance float8, loss float8)
        WHERE a.evaluation_id = $1 AND a.suite = s.suite AND a.ability = s.ability AND a.split = s.split AND a.shots = s.shots
          AND a.ci_lower IS NULL`,
      [evaluationId, JSON.stringify(scores.map(scoreRecord))],
    );
    if (filled > 0) await this.storeValidationAverage(evaluationId, m);
    return filled;
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
