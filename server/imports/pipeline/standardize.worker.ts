/**
 * Worker thread: reads an import's file, standardizes and fingerprints its records and posts them in batches, one
 * job at a time (protocol in staged-batches.ts). Everything here is per record and needs no database, so it runs
 * beside the thread that talks to Postgres.
 */
import { parentPort } from 'node:worker_threads';
import { getAdapter } from '../adapters';
import { displayFile } from '../display-file';
import type { ErrorRow } from '../imports.repository';
import { FileUnusableError, readRecords } from '../readers';
import { Fingerprinter } from './fingerprinter';
import { standardizeRecord } from './record-standardizer';
import { BatchStager, transferListOf } from './staged-batch';
import type { FromWorker, StandardizeJob, ToWorker } from './staged-batches';

/** When this many records in a row fail before any succeeds, the file is the wrong format: stop early. */
const UNUSABLE_AFTER = 500;

interface Running {
  jobId: number;
  credits: number;
  stopped: boolean;
  wake: (() => void) | null;
  stager: BatchStager | null;
}

const port = parentPort!;
let running: Running | null = null;

port.on('message', (m: ToWorker) => {
  if (m.kind === 'start') {
    const job: Running = { jobId: m.jobId, credits: m.job.ahead, stopped: false, wake: null, stager: null };
    running = job;
    void run(job, m.job);
    return;
  }
  if (running?.jobId !== m.jobId) return;
  if (m.kind === 'more') {
    running.credits++;
    if (m.recycle) running.stager?.recycle(m.recycle);
  } else {
    running.stopped = true;
  }
  running.wake?.();
});

function post(m: FromWorker, transfer: ArrayBuffer[] = []): void {
  port.postMessage(m, transfer);
}

/** Posts the batch once the runner wants more; false when the job was stopped instead. */
async function send(r: Running, stager: BatchStager): Promise<boolean> {
  while (r.credits === 0 && !r.stopped) await new Promise<void>((resolve) => (r.wake = resolve));
  r.wake = null;
  if (r.stopped) return false;
  r.credits--;
  const batch = stager.take();
  post({ jobId: r.jobId, kind: 'batch', batch }, transferListOf(batch));
  return true;
}

async function run(r: Running, job: StandardizeJob): Promise<void> {
  const jobId = r.jobId;
  try {
    post({ jobId, ...(await stage(r, job)) });
  } catch (e) {
    if (e instanceof FileUnusableError) post({ jobId, kind: 'file-unusable', file: e.file, problem: e.problem });
    else post({ jobId, kind: 'failed', message: (e as Error).message, stack: (e as Error).stack });
  } finally {
    if (running === r) running = null;
  }
}

type Outcome = { kind: 'done' } | { kind: 'stopped' } | { kind: 'unusable'; firstError: ErrorRow; failuresInARow: number };

async function stage(r: Running, job: StandardizeJob): Promise<Outcome> {
  const settings = {
    spec: getAdapter(job.adapter),
    defaultAbility: job.defaultAbility,
    abilityIds: new Map(job.abilityIds),
    csvMapping: job.csvMapping,
    displayName: (file: string) => displayFile(job, file),
  };
  const from = job.resumeFrom ?? { offset: 0, line: 0 };
  const stager = new BatchStager(job.importId, job.sourceId, new Fingerprinter(job.dedup), from, job.batchSize);
  r.stager = stager;
  let failuresInARow = job.anyRecordAccepted ? -Infinity : 0;
  let firstError: ErrorRow | null = null;
  let readFrom = performance.now();
  for await (const out of readRecords(job.filePath, job.format, { maxLineBytes: job.maxLineBytes, resumeFrom: job.resumeFrom })) {
    const read = performance.now();
    stager.timings.read += read - readFrom;
    if (r.stopped) return { kind: 'stopped' };
    stager.consumed(out.next);
    const outcome = standardizeRecord(out, settings);
    stager.timings.standardize += performance.now() - read;
    if (outcome.kind === 'error') {
      firstError ??= outcome.error;
      stager.error(outcome.error);
      if (++failuresInARow >= UNUSABLE_AFTER) return { kind: 'unusable', firstError, failuresInARow };
    } else {
      failuresInARow = -Infinity;
      if (outcome.kind === 'skipped') stager.skip();
      else for (const item of outcome.items) stager.add(item);
    }
    if (stager.size >= job.batchSize && !(await send(r, stager))) return { kind: 'stopped' };
    readFrom = performance.now();
  }
  return (await send(r, stager)) ? { kind: 'done' } : { kind: 'stopped' };
}
