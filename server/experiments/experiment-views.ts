/**
 * What the experiments API answers (the admin UI mirrors these shapes). Routes, all under /api, curators only
 * (admin, lead, researcher):
 *
 *   GET/POST /base-models, GET/DELETE /base-models/:id            BaseModelView; POST {name, path, parameters?, notes?}
 *   GET/POST /experiment-policies, GET/PATCH/DELETE /…/:id        PolicyView; POST {name, baseModelId, recipes, hyperParams?, seed?, enabled?}
 *   GET /experiments (filter: versionId, status, policyId, baseModelId; Content-Range)   ExperimentView[]
 *   POST /experiments {baseModelId, versionId, recipe?, hyperParams?, seed?, name?}       ExperimentView (queued)
 *   GET /experiments/:id                                          ExperimentView
 *   POST /experiments/:id/cancel, POST /experiments/:id/resume    ExperimentView
 *   GET /experiments/:id/steps?after=<step>                       TrainingStepView[] (ascending)
 *   GET /experiments/:id/checkpoints                              CheckpointView[]
 *   GET /experiments/:id/log                                      text/plain (the trainer's log)
 *   GET /experiments/:id/scores                                   ExperimentScoresView (../evaluations/evaluation-views.ts)
 *
 * socket.io rooms (subscribe like the others): `experiments` gets `experiment.progress` (ExperimentView) for every
 * experiment; `experiment:<id>` gets `experiment.progress`, `experiment.steps` ({experimentId, steps:
 * TrainingStepView[]}), `evaluation.progress` (EvaluationView) and `experiment.scores` ({experimentId}).
 */
import type { BenchmarkSuite } from '../benchmarks/benchmark-registry';

/** A benchmark suite a run is scored on besides the in-domain one (server/benchmarks/benchmark-registry.ts). */
export type Benchmark = BenchmarkSuite;

export type ExperimentStatus = 'queued' | 'running' | 'cancelling' | 'cancelled' | 'completed' | 'failed';

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
  /** GPUs one run uses: 1 = one job per GPU; more = one `accelerate launch` job over that many GPUs. */
  gpus: number;
  /** Back-end that scores each checkpoint: the torch scorer right after the epoch, or ONNX export + onnxruntime. */
  evalBackend: 'torch' | 'onnx';
  /** Longest generation for exact-match items. */
  maxNewTokens: number;
  /** Longest generation for IFEval prompts (unset: IFEVAL_DEFAULT_MAX_NEW_TOKENS, 1280, as lm-evaluation-harness's ifeval task). */
  ifevalMaxNewTokens?: number;
  /** Benchmarks scored beside the in-domain abilities. */
  benchmarks: Benchmark[];
  /**
   * The reported checkpoint is the best validation average among epochs ≥ this one (DoIT: 5). A reading rule, not a
   * training setting: short runs (tests, probes) lower it. Absent on runs created before it existed: read as 5
   * (`bestFromEpoch(hp)` in hyper-params.ts).
   */
  bestFromEpoch?: number;
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
  /** 0–100 over training steps */
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
  /**
   * The run's train set size per ability key (abilities it takes no item of are left out), fixed when it is queued:
   * the recipe's deterministic sample of the version for its seed, or the whole train split without a recipe.
   * null only for a run registered before counts were stored, until TrainCountsService.ensure fills it.
   */
  trainCounts: Record<string, number> | null;
  status: ExperimentStatus;
  progress: ExperimentProgress;
  failureReason: string | null;
  worker: string | null;
  attempts: number;
  checkpoints: number;
  /** Best checkpoint so far (DoIT's rule: highest in-domain validation average at epoch ≥ hyperParams.bestFromEpoch (5), else the best overall until then) */
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

/** `experiment.steps` on `experiment:<id>` */
export interface StepsEvent {
  experimentId: string;
  steps: TrainingStepView[];
}

/** The `experiment.scores` event: the experiment's scores changed; read them again (GET /experiments/:id/scores). */
export interface ScoresChangedEvent {
  experimentId: string;
}

export interface CheckpointView {
  epoch: number;
  step: number;
  path: string;
  onnxPath: string | null;
  createdAt: string;
}
