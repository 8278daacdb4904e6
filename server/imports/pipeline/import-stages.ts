import { noTimings, type WorkerTimings } from './staged-batch';

/**
 * Where an import's time goes, in milliseconds (for the bench and the log). The worker stages are summed over the
 * batches (over all workers: with several they overlap one another); the others are the main thread's.
 */
export interface ImportStages {
  worker: WorkerTimings;
  /** Item ids, exact-hash lookups and near-duplicate matching. */
  resolve: number;
  /** The batch's COPY body. */
  encode: number;
  /** Each batch's commit (COPY, errors, progress), from start to end; it overlaps the next batch's work. */
  commit: number;
  /** The main thread waiting for the previous batch's commit. */
  waitCommit: number;
  /** The main thread waiting for the next standardized batch. */
  waitWorker: number;
}

export function noStages(): ImportStages {
  return { worker: noTimings(), resolve: 0, encode: 0, commit: 0, waitCommit: 0, waitWorker: 0 };
}

export function addWorkerTimings(to: WorkerTimings, t: WorkerTimings): void {
  to.read += t.read;
  to.standardize += t.standardize;
  to.fingerprint += t.fingerprint;
  to.encode += t.encode;
}
