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
  batchSize: number;
  /** Batches the worker may post before the runner asks for more. */
  ahead: number;
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
  | { kind: 'unusable'; firstError: ErrorRow; failuresInARow: number }
  | { kind: 'file-unusable'; file: string; problem: string }
  | { kind: 'failed'; message: string; stack?: string }
);

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
 * One worker per process, kept for its life and given one job at a time: imports run one at a time anyway,
 * a thread costs a start-up per import, and @swc/core (which compiles the worker under the test runner)
 * crashes the process when it loads in a thread after another thread that loaded it has exited.
 */
let shared: Worker | null = null;
let jobs = 0;
let previousJob: Promise<void> = Promise.resolve();

function sharedWorker(): Worker {
  if (!shared) {
    const worker = new Worker(WORKER_FILE, { execArgv: WORKER_ARGV, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    worker.on('error', () => undefined); // reported to the job that was running (see StagedBatches)
    worker.on('exit', () => {
      if (shared === worker) shared = null;
    });
    worker.unref();
    shared = worker;
  }
  return shared;
}

/**
 * An import's batches, read and standardized on the worker thread `ahead` batches in advance, in file order.
 * Ends after the last batch; throws FileUnusableError or UnusableRecords as the reader or the records demand.
 * `close` stops the job and frees the worker (always call it).
 */
export class StagedBatches implements AsyncIterable<StagedBatch> {
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

  private constructor(
    private readonly worker: Worker,
    private readonly jobId: number,
    private readonly release: () => void,
  ) {
    worker.on('message', this.onMessage);
    worker.on('error', this.onError);
    worker.on('exit', this.onExit);
    worker.ref();
  }

  /** Starts the job once the worker has finished the previous one. */
  static async start(job: StandardizeJob): Promise<StagedBatches> {
    const before = previousJob;
    let release!: () => void;
    previousJob = new Promise((resolve) => (release = resolve));
    await before;
    const worker = sharedWorker();
    const batches = new StagedBatches(worker, ++jobs, release);
    worker.postMessage({ kind: 'start', jobId: batches.jobId, job } satisfies ToWorker);
    return batches;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<StagedBatch> {
    let previous: StagedBatch | null = null;
    for (;;) {
      const m = this.inbox.shift();
      if (!m) {
        if (this.failure) throw this.failure;
        await new Promise<void>((resolve) => (this.wake = resolve));
        continue;
      }
      switch (m.kind) {
        case 'batch': {
          // The previous batch is done with (the consumer asked for this one): its memory goes back for reuse.
          const recycle = previous?.fields.buffer as ArrayBuffer | undefined;
          this.worker.postMessage({ kind: 'more', jobId: this.jobId, recycle } satisfies ToWorker, recycle ? [recycle] : []);
          previous = m.batch;
          yield m.batch;
          break;
        }
        case 'done':
        case 'stopped':
          return;
        case 'unusable':
          throw new UnusableRecords(m.firstError, m.failuresInARow);
        case 'file-unusable':
          throw new FileUnusableError(m.file, m.problem);
        case 'failed':
          throw Object.assign(new Error(m.message), { stack: m.stack });
      }
    }
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
    this.release();
  }

  private post(m: ToWorker): void {
    this.worker.postMessage(m);
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
