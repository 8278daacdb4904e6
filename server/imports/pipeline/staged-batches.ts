import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ResumePoint } from '../import-types';
import type { ErrorRow } from '../imports.repository';
import { FileUnusableError, type ReaderFormat } from '../readers';
import type { DedupSettings } from './fingerprinter';
import type { StagedBatch } from './staged-batch';

/** Everything the worker needs to standardize an import (plain data: it is copied to the thread). */
export interface StandardizeJob {
  importId: string;
  sourceId: string;
  filePath: string;
  /** The file or folder as the user named it (an upload's original name), for adapters reading `$file`. */
  originalName: string;
  format: ReaderFormat;
  adapter: string;
  csvMapping?: Record<string, string>;
  defaultAbility: string | null;
  abilityIds: Array<[string, number]>;
  dedup: DedupSettings;
  maxLineBytes: number;
  resumeFrom?: ResumePoint;
  /** Reader outputs per batch (the chunk of the file one worker standardizes at a time). */
  batchSize: number;
  /** Batches each worker may post before the runner asks for more. */
  ahead: number;
  /** This worker's place in the pool: it standardizes chunks index, index + of, index + 2·of, … */
  pool: { index: number; of: number };
  /** Whether an earlier run of this import already accepted a record (then the file is not judged unusable). */
  anyRecordAccepted: boolean;
}

export type ToWorker =
  | { kind: 'start'; jobId: number; job: StandardizeJob }
  | { kind: 'more'; jobId: number; recycle?: ArrayBuffer }
  | { kind: 'stop'; jobId: number };

/** Per job: batches, then exactly one of the other kinds. */
export type FromWorker = { jobId: number } & (
  | { kind: 'batch'; batch: StagedBatch }
  | { kind: 'done' }
  | { kind: 'stopped' }
  | { kind: 'file-unusable'; file: string; problem: string }
  | { kind: 'failed'; message: string; stack?: string }
);

/** When this many records in a row fail before any succeeds, the file is the wrong format: stop early. */
const UNUSABLE_AFTER = 500;

/** Too many records in a row failed before any succeeded. */
export class UnusableRecords extends Error {
  constructor(
    readonly firstError: ErrorRow,
    readonly failuresInARow: number,
  ) {
    super('no record could be standardized');
  }
}

// Under the TypeScript test runner this module is TypeScript, and so is the worker it starts.
const WORKER_FILE = join(__dirname, `standardize.worker${extname(__filename)}`);
const WORKER_ARGV = extname(__filename) === '.ts' ? ['--require', '@swc-node/register'] : [];
/** A larger young generation lets a batch's short-lived objects die there instead of being promoted. */
const YOUNG_GENERATION_MB = 64;

/**
 * Workers per process, kept for its life and given one job at a time each: imports run one at a time anyway,
 * a thread costs a start-up per import, and @swc/core (which compiles the worker under the test runner)
 * crashes the process when it loads in a thread after another thread that loaded it has exited.
 */
const shared: Array<Worker | null> = [];
let jobs = 0;
let previousJob: Promise<void> = Promise.resolve();

function sharedWorker(index: number): Worker {
  let worker = shared[index];
  if (!worker) {
    const started = new Worker(WORKER_FILE, { execArgv: WORKER_ARGV, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    started.on('error', () => undefined); // reported to the job that was running (see WorkerSlot)
    started.on('exit', () => {
      if (shared[index] === started) shared[index] = null;
    });
    started.unref();
    shared[index] = worker = started;
  }
  return worker;
}

/** One worker's part of a job: the messages it posted, in order, until its one final message (or its failure). */
class WorkerSlot {
  private readonly inbox: FromWorker[] = [];
  private failure: Error | null = null;
  private wake: (() => void) | null = null;
  private ended = false;
  private endedSignal!: () => void;
  private readonly endedPromise = new Promise<void>((resolve) => (this.endedSignal = resolve));
  private readonly onMessage = (m: FromWorker) => {
    if (m.jobId !== this.jobId) return;
    if (m.kind !== 'batch') this.end();
    this.deliver(() => this.inbox.push(m));
  };
  private readonly onError = (e: Error) => this.fail(e);
  private readonly onExit = (code: number) => this.fail(new Error(`the standardize worker stopped (exit code ${code})`));

  constructor(
    readonly worker: Worker,
    private readonly jobId: number,
  ) {
    worker.on('message', this.onMessage);
    worker.on('error', this.onError);
    worker.on('exit', this.onExit);
    worker.ref();
  }

  async next(): Promise<FromWorker> {
    for (;;) {
      const m = this.inbox.shift();
      if (m) return m;
      if (this.failure) throw this.failure;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  post(m: ToWorker, transfer: ArrayBuffer[] = []): void {
    this.worker.postMessage(m, transfer);
  }

  async close(): Promise<void> {
    if (!this.ended) {
      this.post({ kind: 'stop', jobId: this.jobId });
      await this.endedPromise;
    }
    this.worker.off('message', this.onMessage);
    this.worker.off('error', this.onError);
    this.worker.off('exit', this.onExit);
    this.worker.unref();
  }

  private end(): void {
    this.ended = true;
    this.endedSignal();
  }

  private fail(e: Error): void {
    this.end();
    this.deliver(() => (this.failure ??= e));
  }

  private deliver(change: () => void): void {
    change();
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}

/**
 * An import's batches in file order, read and standardized by a pool of `workers` threads, each `ahead` batches in
 * advance: batch c comes from worker c mod workers (see standardize.worker.ts). Ends after the last batch; throws
 * FileUnusableError, the error of a worker that failed, or UnusableRecords when UNUSABLE_AFTER records in a row
 * were refused before any was accepted (counted across batches, so across workers). `close` stops the job and
 * frees the workers (always call it).
 */
export class StagedBatches implements AsyncIterable<StagedBatch> {
  private constructor(
    private readonly slots: WorkerSlot[],
    private readonly anyRecordAccepted: boolean,
    private readonly release: () => void,
  ) {}

  /** Starts the job once the pool has finished the previous one. */
  static async start(job: Omit<StandardizeJob, 'pool'>, workers = 1): Promise<StagedBatches> {
    const before = previousJob;
    let release!: () => void;
    previousJob = new Promise((resolve) => (release = resolve));
    await before;
    const jobId = ++jobs;
    const slots = Array.from({ length: workers }, (_, index) => {
      const slot = new WorkerSlot(sharedWorker(index), jobId);
      slot.post({ kind: 'start', jobId, job: { ...job, pool: { index, of: workers } } });
      return slot;
    });
    return new StagedBatches(slots, job.anyRecordAccepted, release);
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<StagedBatch> {
    let previous: StagedBatch | null = null;
    let failuresInARow = this.anyRecordAccepted ? -Infinity : 0;
    let firstError: ErrorRow | null = null;
    for (let chunk = 0; ; chunk++) {
      const slot = this.slots[chunk % this.slots.length];
      const m = await slot.next();
      switch (m.kind) {
        case 'batch': {
          const batch = m.batch;
          firstError ??= batch.errors[0] ?? null;
          if (failuresInARow + batch.leadingErrors >= UNUSABLE_AFTER) throw new UnusableRecords(firstError!, UNUSABLE_AFTER);
          failuresInARow = batch.anyAccepted ? -Infinity : failuresInARow + batch.errors.length;
          // The previous batch is done with (the consumer asked for this one): its memory goes back for reuse.
          const recycle = previous?.fields.buffer as ArrayBuffer | undefined;
          slot.post({ kind: 'more', jobId: m.jobId, recycle }, recycle ? [recycle] : []);
          previous = batch;
          yield batch;
          break;
        }
        // A worker ends when the file does: the chunk it would own next does not exist.
        case 'done':
        case 'stopped':
          return;
        case 'file-unusable':
          throw new FileUnusableError(m.file, m.problem);
        case 'failed':
          throw Object.assign(new Error(m.message), { stack: m.stack });
      }
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.close()));
    this.release();
  }
}
