/**
 * What the training runner needs of the process it runs in: a name recorded on the runs it takes (`host:pid`) and its
 * GPUs. The process that wires the runner provides it: the worker shell (workers/worker-providers.ts) from its options,
 * for a dedicated worker, the server's in-process worker and the CLI alike.
 */
export interface TrainingHost {
  name: string;
  /** CUDA device ids, one job slot each; empty = one CPU slot */
  gpus: string[];
}

export const TRAINING_HOST = Symbol('TRAINING_HOST');
