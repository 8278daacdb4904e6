/**
 * Worker thread, one of a pool: reads an import's file and standardizes and fingerprints its share of the records,
 * posting them in batches, one job at a time (protocol in staged-batches.ts). The file is cut into chunks of
 * `batchSize` reader outputs, dealt round the pool: every worker reads the whole file (skipping the parse of
 * lines it does not own, where the reader can) and standardizes only its own chunks, one batch each. Everything
 * here is per record and needs no database, so it runs beside the thread that talks to Postgres.
 */
import { parentPort } from 'node:worker_threads';
import { getAdapter } from '../adapters';
import { displayFile } from '../display-file';
import { FileUnusableError, readRecords } from '../readers';
import { Fingerprinter } from './fingerprinter';
import { standardizeRecord } from './record-standardizer';
import { BatchStager, transferListOf } from './staged-batch';
import type { FromWorker, StandardizeJob, ToWorker } from './staged-batches';

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

type Outcome = { kind: 'done' } | { kind: 'stopped' };

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
  const { index, of } = job.pool;
  const owns = (ordinal: number) => Math.floor(ordinal / job.batchSize) % of === index;
  const reading = { maxLineBytes: job.maxLineBytes, resumeFrom: job.resumeFrom, wants: of > 1 ? owns : undefined };
  let ordinal = 0;
  let readFrom = performance.now();
  for await (const out of readRecords(job.filePath, job.format, reading)) {
    const read = performance.now();
    stager.timings.read += read - readFrom;
    if (r.stopped) return { kind: 'stopped' };
    if (!owns(ordinal++)) {
      readFrom = performance.now();
      continue;
    }
    stager.consumed(out.next);
    const outcome = standardizeRecord(out, settings);
    stager.timings.standardize += performance.now() - read;
    if (outcome.kind === 'error') stager.error(outcome.error);
    else {
      stager.accepted();
      if (outcome.kind === 'skipped') stager.skip();
      else for (const item of outcome.items) stager.add(item);
    }
    if (stager.outputs === job.batchSize && !(await send(r, stager))) return { kind: 'stopped' };
    readFrom = performance.now();
  }
  // The last chunk, if it is this worker's and not full; a worker whose chunks are all sent just ends.
  if (stager.outputs > 0 && !(await send(r, stager))) return { kind: 'stopped' };
  return { kind: 'done' };
}
