/**
 * What the evaluations API answers (the admin UI mirrors these shapes):
 *
 *   GET /experiments/:id/scores          ExperimentScoresView
 *   GET /experiments/:id/evaluations     EvaluationView[]
 *   GET /evaluations/:id                 EvaluationView
 *   GET /evaluations/:id/results?suite=&ability=&split=&shots=   ItemResultView[] (Content-Range; paged)
 *   GET /items/:id/model-answers         ItemAnswerView[]   (every checkpoint's answer to that item, newest first)
 *   POST /evaluations {experimentId, epoch, backend?}        re-run one checkpoint's evaluation
 */
import type { PointInterval } from '../analysis/growth/growth-types';
import type { BestCheckpoint, ExperimentStatus } from '../experiments/experiment-views';

import type { BenchmarkSuite } from '../benchmarks/benchmark-registry';

/** `in-domain` or a benchmark of ../benchmarks/benchmark-registry.ts (cmmlu, agieval, ceval, mcq, ifeval). */
export type EvaluationSuite = 'in-domain' | BenchmarkSuite;
export type EvaluationBackendKind = 'onnx' | 'torch' | 'openai';

export interface EvaluationView {
  id: string;
  experimentId: string | null;
  epoch: number;
  backend: EvaluationBackendKind;
  suites: EvaluationSuite[];
  status: ExperimentStatus;
  progress: { requestsDone: number; requestsTotal: number; percent: number };
  failureReason: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface AbilityScoreView {
  suite: EvaluationSuite;
  /** ability key (in-domain), benchmark subset, or (ifeval) one of its four metrics (IFEVAL_METRICS) */
  ability: string;
  split: 'valid' | 'test';
  shots: number;
  items: number;
  /** accuracy 0–1: the plain mean of the items' scores (summariseGroup's mean) */
  score: number;
  expected: number;
  /**
   * The score's 95% interval over items (summariseGroup: Wilson for 0/1 per-item scores, the seeded bootstrap
   * otherwise), stored when the evaluation landed; absent on scores stored before intervals were (until
   * `npm run cli -- growth backfill`).
   */
  interval?: PointInterval;
  /**
   * The mean per-token negative log-likelihood (nats) of the gold answers of the group's items (L_i of the probe
   * study); null when not every item had one measured (exact-match items get it on the test split), absent on older scores.
   */
  loss?: number | null;
}

export interface EpochScoresView {
  epoch: number;
  evaluationId: string;
  backend: EvaluationBackendKind;
  scores: AbilityScoreView[];
  /** in-domain unweighted means over abilities */
  validationAverage: number | null;
  testAverage: number | null;
}

export interface ExperimentScoresView {
  experimentId: string;
  epochs: EpochScoresView[];
  /** DoIT's rule: highest validation average at epoch ≥ hyperParams.bestFromEpoch (5 when unset; null before it), and its test score */
  best: BestCheckpoint | null;
}

export interface ItemResultView {
  itemId: number;
  suite: EvaluationSuite;
  ability: string;
  split: string | null;
  shots: number;
  answer: string | null;
  parsed: string | null;
  score: number;
  expected: number;
  details: Record<string, unknown>;
}

export interface ItemAnswerView extends ItemResultView {
  evaluationId: string;
  experimentId: string | null;
  experimentName: string | null;
  epoch: number;
  backend: EvaluationBackendKind;
  evaluatedAt: string;
}

/** What GET /evaluations/:id/results filters on (react-admin's `filter` query); an absent key is not filtered. */
export interface ResultsFilter {
  suite?: string;
  ability?: string;
  split?: string;
  shots?: number;
}
