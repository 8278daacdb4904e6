/** The shapes the experiments and evaluations APIs answer: the server's own view types (type-only, erased from the bundle). */
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
} from '../../../server/evaluations/evaluation-views';

export const EXPERIMENT_STATUSES: readonly ExperimentStatus[] = ['queued', 'running', 'cancelling', 'cancelled', 'completed', 'failed'];

export const BENCHMARKS: readonly Benchmark[] = ['cmmlu', 'agieval'];

export const isActive = (status: ExperimentStatus) => status === 'queued' || status === 'running' || status === 'cancelling';
