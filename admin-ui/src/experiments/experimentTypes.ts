/** The shapes the experiments and evaluations APIs answer: the server's own view types (type-only, erased from the bundle). */
import type { EvaluationBackendKind } from '../../../server/evaluations/evaluation-views';
import type { IfevalMetric } from '../../../server/benchmarks/benchmark-registry';
import type { Benchmark, ExperimentStatus } from '../../../server/experiments/experiment-views';

export type {
  BaseModelView,
  Benchmark,
  BestCheckpoint,
  CheckpointView,
  ExperimentProgress,
  ExperimentStatus,
  ExperimentView,
  HyperParams,
  PolicyView,
  ScoresChangedEvent,
  StepsEvent,
  TrainingStepView,
} from '../../../server/experiments/experiment-views';
export type {
  AbilityScoreView,
  EpochScoresView,
  EvaluationBackendKind,
  EvaluationSuite,
  EvaluationView,
  ExperimentScoresView,
  ItemAnswerView,
  ItemResultView,
} from '../../../server/evaluations/evaluation-views';

export const EXPERIMENT_STATUSES: readonly ExperimentStatus[] = ['queued', 'running', 'cancelling', 'cancelled', 'completed', 'failed'];

/**
 * Every benchmark suite of the server's registry (server/benchmarks/benchmark-registry.ts), in the order the
 * form and the score table show them: a Record over the server's type, so a suite added there fails this typecheck
 * until it is listed (and labelled) here.
 */
const BENCHMARK_ORDER: Record<Benchmark, number> = { cmmlu: 0, agieval: 1, ceval: 2, mcq: 3, ifeval: 4 };
export const BENCHMARKS: readonly Benchmark[] = (Object.keys(BENCHMARK_ORDER) as Benchmark[]).sort((a, b) => BENCHMARK_ORDER[a] - BENCHMARK_ORDER[b]);

/** IFEval's four metrics, stored as four groups of suite `ifeval` (the server's IFEVAL_METRICS, in its order). */
const IFEVAL_METRIC_ORDER: Record<IfevalMetric, number> = { prompt_strict: 0, prompt_loose: 1, instruction_strict: 2, instruction_loose: 3 };
export const IFEVAL_METRICS: readonly IfevalMetric[] = (Object.keys(IFEVAL_METRIC_ORDER) as IfevalMetric[]).sort((a, b) => IFEVAL_METRIC_ORDER[a] - IFEVAL_METRIC_ORDER[b]);

/** Suites whose sets are each shown on their own row (C-Eval subjects, MCQ sets), rather than averaged over subsets. */
export const PER_SUBSET_SUITES: readonly Benchmark[] = ['ceval', 'mcq'];

export const isActive = (status: ExperimentStatus) => status === 'queued' || status === 'running' || status === 'cancelling';

export const EVALUATION_BACKENDS: readonly EvaluationBackendKind[] = ['torch', 'onnx', 'openai'];

/** A cancel is taken while an evaluation waits or runs; a resume once it was cancelled or failed (the server's rules). */
export const canCancelEvaluation = (status: ExperimentStatus) => status === 'queued' || status === 'running';
export const canResumeEvaluation = (status: ExperimentStatus) => status === 'cancelled' || status === 'failed';
