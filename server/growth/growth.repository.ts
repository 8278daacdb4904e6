import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { DataSource as RunSource, GrowthEpoch, GrowthRun, ScoreGroup } from '../analysis/growth/growth-types';
import { selectBestCheckpoint } from '../experiments/checkpoint-selection';
import { recipeRef } from '../experiments/experiment-row';
import type { ExperimentStatus } from '../experiments/experiment-views';
import type { GrowthRunView } from './growth-views';

/**
 * One completed evaluation per run and epoch ≥ 1: the run's own back-end first, then the latest finished (as the scores
 * view picks), with the validation average it stored.
 */
const CHOSEN = `WITH chosen AS (
         SELECT DISTINCT ON (e.experiment_id, e.epoch) e.id, e.experiment_id, e.epoch, e.validation_average, e.validation_groups
           FROM evaluations e JOIN experiments x ON x.id = e.experiment_id
          WHERE e.experiment_id = ANY($1::uuid[]) AND e.status = 'completed' AND e.epoch >= 1
          ORDER BY e.experiment_id, e.epoch, (e.backend = x.hyper_params->>'evalBackend') DESC, e.finished_at DESC NULLS LAST, e.id)`;

type ScoreTuple = [string, string, 'valid' | 'test', number, number, number, number, number | null, number | null, 'wilson' | 'bootstrap' | null, number | null];

/** A run's row as the growth analysis reads it. */
export interface GrowthRunRow {
  id: string;
  name: string;
  seed: number;
  status: ExperimentStatus;
  hyperParams: { evalBackend?: string; bestFromEpoch?: number };
  trainCounts: Record<string, number> | null;
  baseModelId: number;
  baseModelName: string;
  parameters: string | null;
  recipeId: number | null;
  recipeName: string | null;
  recipeRevision: number | null;
  pool: string | null;
}

interface ScoreRow {
  experimentId: string;
  evaluationId: string;
  epoch: number;
  suite: string;
  ability: string;
  split: 'valid' | 'test';
  shots: number;
  items: number;
  score: number;
  expected: number;
  ciLower: number | null;
  ciUpper: number | null;
  ciMethod: 'wilson' | 'bootstrap' | null;
  ciVariance: number | null;
}

/** A recipe drawing from the synthetic pool gives synthetic points (dashed); curated, both and mixes are curated. */
export const sourceOfPool = (pool: string | null): RunSource => (pool === 'synthetic' ? 'synthetic' : 'curated');

const groupKey = (suite: string, ability: string, split: string, shots: number) => `${suite}\0${ability}\0${split}\0${shots}`;

/**
 * Reads runs for the growth analysis: each run's shape (size, source, train counts) and, per evaluated epoch, one
 * completed evaluation (the run's own back-end first, then the latest finished, as the scores view picks) with its
 * ability scores. A score stored with its interval is read as a summary; one without (written before intervals were
 * stored) is read from its per-item results, so old evaluations still draw.
 */
@Injectable()
export class GrowthRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async runRows(ids: string[]): Promise<GrowthRunRow[]> {
    if (ids.length === 0) return [];
    return this.db.query(
      `SELECT x.id, x.name, x.seed, x.status, x.hyper_params AS "hyperParams", x.train_counts AS "trainCounts",
              b.id AS "baseModelId", b.name AS "baseModelName", b.parameters::text AS parameters,
              r.id AS "recipeId", r.name AS "recipeName", r.revision AS "recipeRevision", r.spec->>'pool' AS pool
         FROM experiments x
         JOIN base_models b ON b.id = x.base_model_id
         LEFT JOIN recipes r ON r.id = x.recipe_id
        WHERE x.id = ANY($1::uuid[])
        ORDER BY x.created_at, x.id`,
      [ids],
    );
  }

  /** Ids of every run on one model-size (and source) line. */
  async idsOnLine(parameters: number | undefined, source: RunSource | undefined): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT x.id FROM experiments x
         JOIN base_models b ON b.id = x.base_model_id
         LEFT JOIN recipes r ON r.id = x.recipe_id
        WHERE ($1::bigint IS NULL OR b.parameters = $1::bigint)
          AND ($2::text IS NULL OR (CASE WHEN r.spec->>'pool' = 'synthetic' THEN 'synthetic' ELSE 'curated' END) = $2::text)
        ORDER BY x.created_at, x.id`,
      [parameters ?? null, source ?? null],
    );
    return rows.map((r) => r.id);
  }

  /**
   * What a growth page reads: per run, only its reported checkpoint (the epoch ≥ minEpoch — given, else the run's own
   * `bestFromEpoch`, else 5 — with the highest in-domain 0-shot validation average, ties to the earliest:
   * buildGrowthCurves' rule, selectBestCheckpoint) with all its groups, so a 500-run study reads ~1/15 of its scores.
   * The pick reads the validation average each evaluation stored with its scores (`evaluations.validation_average`,
   * the same value buildGrowthCurves computes from them) — one small row per epoch; an evaluation without it (stored
   * before the column, or not summarised) has its validation scores read and averaged here as the curves do. A run
   * with a validation score stored without its interval (its mean is then computed from the per-item scores) or off
   * [0, 1] is read whole, for buildGrowthCurves to compute or refuse; a test group without one is read from its items
   * by `runs` as always. Given to buildGrowthCurves, the result is the same as from `runs(rows)` (the bench checks it
   * deep-equal, and growth-reported-read.e2e-spec on seeded data with rows of both kinds).
   */
  async reportedRuns(rows: readonly GrowthRunRow[], minEpoch?: number): Promise<GrowthRun[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const stored: { experimentId: string; epochs: [string, number, number | null, number | null][] }[] = await this.db.query(
      `${CHOSEN}
       SELECT c.experiment_id AS "experimentId", json_agg(json_build_array(c.id, c.epoch, c.validation_average, c.validation_groups) ORDER BY c.epoch) AS epochs
         FROM chosen c GROUP BY c.experiment_id`,
      [ids],
    );
    const candidates = new Map<string, { epoch: number; validation: number; test: number; id: string }[]>();
    const candidatesOf = (experimentId: string) => candidates.get(experimentId) ?? candidates.set(experimentId, []).get(experimentId)!;
    const unknown: string[] = [];
    for (const run of stored) {
      for (const [id, epoch, average, groups] of run.epochs) {
        if (groups === null) unknown.push(id);
        else if (average !== null) candidatesOf(run.experimentId).push({ id, epoch, validation: average, test: Number.NaN });
      }
    }
    const whole = new Set<string>();
    for (const run of await this.validationRead(ids, unknown)) {
      for (const [id, epoch, valid, summarised] of run.epochs) {
        if (!summarised || (valid ?? []).some((m) => !(m >= 0 && m <= 1))) whole.add(run.experimentId);
        if (valid?.length) candidatesOf(run.experimentId).push({ id, epoch, validation: valid.reduce((sum, m) => sum + m, 0) / valid.length, test: Number.NaN });
      }
    }
    const chosen: string[] = [];
    const own = new Map(rows.map((r) => [r.id, minEpoch ?? r.hyperParams.bestFromEpoch ?? 5]));
    for (const [experimentId, list] of candidates) {
      const best = selectBestCheckpoint(list, own.get(experimentId)) as (typeof list)[number] | null;
      if (best && !whole.has(experimentId)) chosen.push(best.id);
    }
    const [reported, read] = await Promise.all([this.runs(rows.filter((r) => !whole.has(r.id)), chosen), this.runs(rows.filter((r) => whole.has(r.id)))]);
    const byId = new Map([...reported, ...read].map((r) => [r.experimentId, r]));
    return rows.map((r) => byId.get(r.id) as GrowthRun);
  }

  /**
   * The in-domain 0-shot validation means (by ability, the order the curves sum them) of the given chosen evaluations,
   * per run and epoch, and whether each was stored with its interval: the pick's read for evaluations without a
   * stored validation average.
   */
  private async validationRead(ids: string[], evaluationIds: string[]): Promise<{ experimentId: string; epochs: [string, number, number[] | null, boolean][] }[]> {
    if (evaluationIds.length === 0) return [];
    return this.db.query(
      `${CHOSEN}, per_epoch AS (
         SELECT c.experiment_id, c.id, c.epoch,
                array_agg(s.score ORDER BY s.ability) FILTER (WHERE s.score IS NOT NULL) AS valid,
                COALESCE(bool_and(s.ci_method IS NOT NULL), true) AS summarised
           FROM chosen c
           LEFT JOIN ability_scores s ON s.evaluation_id = c.id AND s.suite = 'in-domain' AND s.split = 'valid' AND s.shots = 0
          WHERE c.id = ANY($2::uuid[])
          GROUP BY c.experiment_id, c.id, c.epoch)
       SELECT experiment_id AS "experimentId", json_agg(json_build_array(id, epoch, valid, summarised) ORDER BY epoch) AS epochs
         FROM per_epoch GROUP BY experiment_id`,
      [ids, evaluationIds],
    );
  }

  /**
   * Every evaluated epoch (≥ 1) of these runs with its groups (or only the evaluations `only` names); runs with a NULL
   * train-count map must be filled first.
   */
  async runs(rows: readonly GrowthRunRow[], only?: readonly string[]): Promise<GrowthRun[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    // one row per evaluation with its scores as a JSON array: a study page reads up to ~170k scores, and JSON.parse takes
    // them far faster than the driver's per-field parsing of as many rows (the values are the same: float8 → shortest
    // exact text); the evaluation's id and epoch are given once, not with each of its scores
    const SCORES = `json_agg(json_build_array(s.suite, s.ability, s.split, s.shots, s.items, s.score, s.expected, s.ci_lower, s.ci_upper, s.ci_method, s.ci_variance)
                             ORDER BY s.suite, s.ability, s.split, s.shots) AS scores`;
    const perEvaluation: { experimentId: string; evaluationId: string; epoch: number; scores: ScoreTuple[] }[] = await this.db.query(
      only
        ? // the evaluations named were chosen (CHOSEN) by the caller: their scores by the primary key's prefix, nothing else
          `SELECT c.experiment_id AS "experimentId", c.id AS "evaluationId", c.epoch, ${SCORES}
             FROM ability_scores s JOIN evaluations c ON c.id = s.evaluation_id
            WHERE s.evaluation_id = ANY($2::uuid[]) AND c.experiment_id = ANY($1::uuid[])
            GROUP BY c.experiment_id, c.id, c.epoch ORDER BY c.experiment_id, c.epoch`
        : `${CHOSEN}
           SELECT c.experiment_id AS "experimentId", c.id AS "evaluationId", c.epoch, ${SCORES}
             FROM chosen c JOIN ability_scores s ON s.evaluation_id = c.id
            GROUP BY c.experiment_id, c.id, c.epoch ORDER BY c.experiment_id, c.epoch`,
      only ? [ids, only] : [ids],
    );
    const scores: ScoreRow[] = perEvaluation.flatMap(({ experimentId, evaluationId, epoch, scores }) =>
      scores.map(([suite, ability, split, shots, items, score, expected, ciLower, ciUpper, ciMethod, ciVariance]) => ({
        experimentId, evaluationId, epoch, suite, ability, split, shots, items, score, expected, ciLower, ciUpper, ciMethod, ciVariance,
      })),
    );
    const unsummarised = [...new Set(scores.filter((s) => s.ciMethod === null).map((s) => s.evaluationId))];
    const perItem = await this.itemScores(unsummarised);

    const epochs = new Map<string, Map<number, GrowthEpoch>>();
    for (const s of scores) {
      const byEpoch = epochs.get(s.experimentId) ?? new Map<number, GrowthEpoch>();
      epochs.set(s.experimentId, byEpoch);
      const epoch = byEpoch.get(s.epoch) ?? { epoch: s.epoch, evaluationId: s.evaluationId, groups: [] };
      byEpoch.set(s.epoch, epoch);
      const group: ScoreGroup = { suite: s.suite, ability: s.ability, split: s.split, shots: s.shots, expected: s.expected, scores: [] };
      if (s.ciMethod !== null) {
        group.summary = {
          mean: s.score,
          n: s.items,
          interval: { lower: s.ciLower as number, upper: s.ciUpper as number, method: s.ciMethod, variance: s.ciVariance as number },
        };
      } else {
        group.scores = perItem.get(s.evaluationId)?.get(groupKey(s.suite, s.ability, s.split, s.shots)) ?? [];
      }
      epoch.groups.push(group);
    }
    return rows.map((r) => {
      const trainCounts = r.trainCounts ?? {};
      return {
        experimentId: r.id,
        name: r.name,
        parameters: Number(r.parameters),
        baseModel: r.baseModelName,
        source: sourceOfPool(r.pool),
        seed: r.seed,
        ...(r.hyperParams.bestFromEpoch !== undefined ? { minEpoch: r.hyperParams.bestFromEpoch } : {}),
        trainCounts,
        trainTotal: Object.values(trainCounts).reduce((a, b) => a + b, 0),
        epochs: [...(epochs.get(r.id)?.values() ?? [])].sort((a, b) => a.epoch - b.epoch),
      };
    });
  }

  /** Per evaluation and group, its items' scores in item order (the order summariseGroup used when it stored one). */
  private async itemScores(evaluationIds: string[]): Promise<Map<string, Map<string, number[]>>> {
    const out = new Map<string, Map<string, number[]>>();
    if (evaluationIds.length === 0) return out;
    const rows: { evaluationId: string; suite: string; ability: string; split: string | null; shots: number; score: number }[] = await this.db.query(
      `SELECT evaluation_id AS "evaluationId", suite, ability, split, shots::int AS shots, score
         FROM evaluation_results WHERE evaluation_id = ANY($1::uuid[]) ORDER BY evaluation_id, item_id, shots`,
      [evaluationIds],
    );
    for (const r of rows) {
      const groups = out.get(r.evaluationId) ?? new Map<string, number[]>();
      out.set(r.evaluationId, groups);
      // benchmark items carry no split and count as test, as ability-scores.ts aggregates them
      const key = groupKey(r.suite, r.ability, r.split === 'valid' ? 'valid' : 'test', r.shots);
      const list = groups.get(key) ?? [];
      list.push(r.score);
      groups.set(key, list);
    }
    return out;
  }
}

export function runView(r: GrowthRunRow, run: GrowthRun, reportedEpoch: number | null): GrowthRunView {
  return {
    experimentId: r.id,
    name: r.name,
    baseModel: { id: r.baseModelId, name: r.baseModelName },
    parameters: run.parameters,
    source: run.source,
    seed: r.seed,
    recipe: recipeRef(r),
    status: r.status,
    trainCounts: run.trainCounts,
    trainTotal: run.trainTotal,
    reportedEpoch,
  };
}
