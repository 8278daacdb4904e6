/**
 * What the training worker asks of evaluations (H5's EvaluationsService.enqueueCheckpoint): score a new checkpoint
 * with the run's back-end. Bound in workers.module.ts.
 */
export interface CheckpointEvaluator {
  enqueueCheckpoint(args: { experimentId: string; checkpointId: number; epoch: number; backend: 'torch' | 'onnx' }): Promise<unknown>;
}

export const CHECKPOINT_EVALUATOR = Symbol('CHECKPOINT_EVALUATOR');
