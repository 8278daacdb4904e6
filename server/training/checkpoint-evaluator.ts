import type { BackendRequest } from './trainer-protocol';

/**
 * What the training runner asks of evaluations (EvaluationsService, bound where the runner is wired:
 * workers/workers.module.ts and server/cli/cli.module.ts; training sits below evaluations and does not import it):
 * score a new checkpoint with the run's back-end; and, for a torch run, the requests its trainer answers after each
 * epoch, and scoring a checkpoint at once from those answers.
 */
export interface CheckpointEvaluator {
  enqueueCheckpoint(args: { experimentId: string; checkpointId: number; epoch: number; backend: 'torch' | 'onnx' }): Promise<{ id: string }>;
  planCheckpointRequests(experimentId: string): Promise<BackendRequest[]>;
  /** Resolves with whether it evaluated it (false: the results did not match, or another runner holds it). */
  scoreFromTrainerResults(evaluationId: string): Promise<boolean>;
}

export const CHECKPOINT_EVALUATOR = Symbol('CHECKPOINT_EVALUATOR');
