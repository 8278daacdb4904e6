/**
 * The shapes the experiments and evaluations APIs answer, mirrored from server/experiments/experiment-views.ts and
 * server/evaluations/evaluation-views.ts (the admin UI does not import server code).
 */
export type ExperimentStatus = 'queued' | 'running' | 'cancelling' | 'cancelled' | 'completed' | 'failed';
export const EXPERIMENT_STATUSES: readonly ExperimentStatus[] = ['queued', 'running', 'cancelling', 'cancelled', 'completed', 'failed'];

export const BENCHMARKS = ['cmmlu', 'agieval'] as const;
export type Benchmark = (typeof BENCHMARKS)[number];

export interface HyperParams {
  epochs: number;
  learningRate: number;
  finalLearningRate: number;
  betas: [number, number];
  weightDecay: number;
  globalBatchSize: number;
  microBatchSize: number;
  maxLength: number;
  method: 'full' | 'lora';
  lora?: { r: number; alpha: number; dropout: number; targetModules?: string[] };
  precision: 'auto' | 'bf16' | 'fp32';
  gpus: number;
  evalBackend: 'torch' | 'onnx';
  maxNewTokens: number;
  benchmarks: Benchmark[];
}

export interface BaseModelView {
  id: number;
  name: string;
  path: string;
  parameters: number | null;
  notes: string;
  createdAt: string;
}

export interface PolicyView {
  id: number;
  name: string;
  baseModelId: number;
  baseModelName: string;
  recipes: string[];
  hyperParams: Partial<HyperParams>;
  seed: number;
  enabled: boolean;
  experiments: number;
  createdAt: string;
  updatedAt: string;
}

export interface ExperimentProgress {
  epoch: number;
  epochs: number;
  step: number;
  totalSteps: number;
  loss: number | null;
  lr: number | null;
  tokensPerSecond: number | null;
  etaSeconds: number | null;
  percent: number;
  examples?: number;
  device?: string;
  precision?: string;
}

export interface ExperimentView {
  id: string;
  name: string;
  baseModel: { id: number; name: string; parameters: number | null };
  version: { id: number; name: string };
  recipe: { id: number; name: string; revision: number } | null;
  policyId: number | null;
  hyperParams: HyperParams;
  seed: number;
  status: ExperimentStatus;
  progress: ExperimentProgress;
  failureReason: string | null;
  worker: string | null;
  attempts: number;
  checkpoints: number;
  best: BestCheckpoint | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface BestCheckpoint {
  epoch: number;
  validation: number;
  test: number;
}

export interface TrainingStepView {
  step: number;
  epoch: number;
  loss: number;
  lr: number;
  tokensPerSecond: number | null;
  at: string;
}

export interface CheckpointView {
  epoch: number;
  step: number;
  path: string;
  onnxPath: string | null;
  createdAt: string;
}

export type EvaluationSuite = 'in-domain' | 'cmmlu' | 'agieval';
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
  ability: string;
  split: 'valid' | 'test';
  shots: number;
  items: number;
  score: number;
  expected: number;
}

export interface EpochScoresView {
  epoch: number;
  evaluationId: string;
  backend: EvaluationBackendKind;
  scores: AbilityScoreView[];
  validationAverage: number | null;
  testAverage: number | null;
}

export interface ExperimentScoresView {
  experimentId: string;
  epochs: EpochScoresView[];
  best: BestCheckpoint | null;
}

export interface ItemAnswerView {
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
  evaluationId: string;
  experimentId: string | null;
  experimentName: string | null;
  epoch: number;
  backend: EvaluationBackendKind;
  evaluatedAt: string;
}

/** `experiment.steps` on `experiment:<id>`. */
export interface StepsEvent {
  experimentId: string;
  steps: TrainingStepView[];
}

export const isActive = (status: ExperimentStatus) => status === 'queued' || status === 'running' || status === 'cancelling';
