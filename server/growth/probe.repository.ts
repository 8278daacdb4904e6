import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ProbeScore } from '../analysis/probe/probe-matrix';

/** One stored ability score as the probe matrix reads it: the group's mean and, where measured, its gold-answer loss. */
export interface ProbeScoreRow extends ProbeScore {
  /** the run (probe runs) or the evaluation (foundation evaluations) it belongs to */
  owner: string;
  epoch: number;
  /** mean NLL (nats per token) of the group's gold answers; null where the back-end did not measure it */
  loss: number | null;
}

export interface EvaluationState {
  id: string;
  status: string;
}

/** The stored scores a probe study is assembled from (issue 13 item 4): per run and epoch, and per foundation evaluation. */
@Injectable()
export class ProbeRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Every evaluated epoch's ability scores of these runs, one completed evaluation per epoch (the run's own back-end
   * first, then the latest finished: the same choice the growth curves make).
   */
  async runScores(experimentIds: string[]): Promise<ProbeScoreRow[]> {
    if (experimentIds.length === 0) return [];
    return this.db.query(
      `WITH chosen AS (
         SELECT DISTINCT ON (e.experiment_id, e.epoch) e.id, e.experiment_id, e.epoch
           FROM evaluations e JOIN experiments x ON x.id = e.experiment_id
          WHERE e.experiment_id = ANY($1::uuid[]) AND e.status = 'completed' AND e.epoch >= 1
          ORDER BY e.experiment_id, e.epoch, (e.backend = x.hyper_params->>'evalBackend') DESC, e.finished_at DESC NULLS LAST, e.id)
       SELECT c.experiment_id AS owner, c.epoch, s.suite, s.ability, s.split, s.shots::int AS shots, s.score, s.loss
         FROM chosen c JOIN ability_scores s ON s.evaluation_id = c.id
        ORDER BY c.experiment_id, c.epoch, s.suite, s.ability, s.split, s.shots`,
      [experimentIds],
    );
  }

  /** The ability scores of these evaluations (the foundation models' evaluations), completed ones only. */
  async evaluationScores(evaluationIds: string[]): Promise<ProbeScoreRow[]> {
    if (evaluationIds.length === 0) return [];
    return this.db.query(
      `SELECT e.id AS owner, COALESCE(e.epoch, 0) AS epoch, s.suite, s.ability, s.split, s.shots::int AS shots, s.score, s.loss
         FROM evaluations e JOIN ability_scores s ON s.evaluation_id = e.id
        WHERE e.id = ANY($1::uuid[]) AND e.status = 'completed'
        ORDER BY e.id, s.suite, s.ability, s.split, s.shots`,
      [evaluationIds],
    );
  }

  async evaluationStates(evaluationIds: string[]): Promise<EvaluationState[]> {
    if (evaluationIds.length === 0) return [];
    return this.db.query(`SELECT id, status FROM evaluations WHERE id = ANY($1::uuid[])`, [evaluationIds]);
  }

  /** Display names per ability key and locale, in the abilities' order (id): what charts label points with. */
  async abilityNames(): Promise<{ key: string; en: string; zh: string }[]> {
    return this.db.query(`SELECT key, name_en AS en, name_zh AS zh FROM abilities ORDER BY id`);
  }
}
