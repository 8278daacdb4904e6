import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runTrainerCommand, TrainerError, TrainerProcessOptions } from './trainer-process';

/** The `train` command's JSON config (workers/trainer/PROTOCOL.md); paths are absolute or relative to workers/trainer. */
export interface TrainConfig {
  baseModel: string;
  trainFile: string;
  outputDir: string;
  epochs?: number;
  learningRate?: number;
  finalLearningRate?: number;
  betas?: [number, number];
  weightDecay?: number;
  /** Gradient-norm clipping; 0 = none. */
  maxGradNorm?: number;
  globalBatchSize?: number;
  microBatchSize?: number;
  maxLength?: number;
  seed?: number;
  method?: 'full' | 'lora';
  lora?: { r?: number; alpha?: number; dropout?: number; targetModules?: string[] };
  precision?: 'auto' | 'bf16' | 'fp32';
  device?: 'auto' | 'cpu' | 'cuda';
  /** After each checkpoint, the trainer answers these scoring requests with the model in memory (epoch-<n>/eval-results.jsonl). */
  scoreAfterEpoch?: { requests: string; batchSize?: number };
}

export interface TrainStartEvent {
  event: 'start';
  epochs: number;
  /** The first epoch this run trains: > 1 when it resumed from a checkpoint. */
  startEpoch: number;
  stepsPerEpoch: number;
  totalSteps: number;
  examples: number;
  /** Examples cut to maxLength (kept), and examples with no assistant token left after the cut (dropped). */
  trimmed: number;
  dropped: number;
  parameters: number;
  trainableParameters: number;
  device: string;
  precision: 'bf16' | 'fp32';
  processes: number;
  resumedFrom: string | null;
  /** null: no scoreAfterEpoch; else how many requests each checkpoint is scored with, or why it is not (several processes). */
  scoreAfterEpoch: { requests: number } | { skipped: string } | null;
}

export interface TrainStepEvent {
  event: 'step';
  /** Optimizer steps from 1 over the whole run (a resumed run goes on counting). */
  step: number;
  /** Fractional epoch: 1.5 = half-way through the second. */
  epoch: number;
  /** Mean next-token loss over the step's labelled tokens. */
  loss: number;
  lr: number;
  /** Input tokens (padding excluded) of this step, over every process. */
  tokens: number;
  tokensPerSecond: number;
  etaSeconds: number;
}

export interface TrainCheckpointEvent {
  event: 'checkpoint';
  epoch: number;
  step: number;
  /** `outputDir/epoch-<n>`: a complete Hugging Face folder with the chat tokens. */
  path: string;
}

/** The checkpoint of `epoch` scored with the model in memory: `epoch-<n>/eval-results.jsonl` is complete. */
export interface TrainScoredEvent {
  event: 'scored';
  epoch: number;
  requests: number;
  seconds: number;
}

/** Scoring a checkpoint's requests, per batch. */
export interface TrainScoringProgressEvent {
  event: 'progress';
  stage: 'scoring';
  epoch: number;
  done: number;
  total: number;
}

export interface TrainDoneEvent {
  event: 'done';
  steps: number;
  seconds: number;
  peakRssBytes: number;
  /** On a GPU: torch's peak allocated CUDA memory. */
  peakCudaMemoryBytes?: number;
}

export type TrainEvent = TrainStartEvent | TrainStepEvent | TrainCheckpointEvent | TrainScoredEvent | TrainScoringProgressEvent | TrainDoneEvent;

export interface RunTrainingOptions extends Pick<TrainerProcessOptions, 'signal' | 'logFile' | 'launcher' | 'env' | 'onSpawn'> {
  onEvent?: (e: TrainEvent) => void | Promise<void>;
}

export const TRAIN_CONFIG_FILE = 'train-config.json';

/**
 * Trains per `config`: writes it to `outputDir/train-config.json` and runs `pace_trainer train` (under `launcher`
 * for a multi-GPU run, see launch-command.ts). Started again on the same outputDir, it resumes after the last
 * complete epoch. Resolves with the `done` event; rejects with a TrainerError naming what went wrong and where.
 */
export async function runTraining(config: TrainConfig, opts: RunTrainingOptions = {}): Promise<TrainDoneEvent> {
  await mkdir(config.outputDir, { recursive: true });
  const file = join(config.outputDir, TRAIN_CONFIG_FILE);
  await writeFile(file, JSON.stringify(config, null, 2) + '\n');
  const { onEvent, ...rest } = opts;
  const last = await runTrainerCommand(['train', '--config', file], {
    ...rest,
    onEvent: onEvent && ((e) => onEvent(e as unknown as TrainEvent)),
  });
  if (last?.event !== 'done') throw new TrainerError(`the trainer exited without its done event (last: ${JSON.stringify(last)})`, 0, null);
  return last as unknown as TrainDoneEvent;
}
