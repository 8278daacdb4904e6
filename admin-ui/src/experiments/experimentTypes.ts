/** The shapes the experiments and evaluations APIs answer: the server's own view types (type-only, erased from the bundle). */
import type { EvaluationBackendKind } from '../../../server/evaluations/evaluation-views';
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

export const BENCHMARKS: readonly Benchmark[] = ['cmmlu', 'agieval'];

export const isActive = (status: ExperimentStatus) => status === 'queued' || status === 'running' || status === 'cancelling';

export const EVALUATION_BACKENDS: readonly EvaluationBackendKind[] = ['torch', 'onnx', 'openai'];

/** A cancel is taken while an evaluation waits or runs; a resume once it was cancelled or failed (the server's rules). */
export const canCancelEvaluation = (status: ExperimentStatus) => status === 'queued' || status === 'running';
export const canResumeEvaluation = (status: ExperimentStatus) => status === 'cancelled' || status === 'failed';
