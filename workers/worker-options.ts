import { hostname } from 'node:os';
import { JobName } from '../server/queue/jobs';
import type { TrainingHost } from '../server/training/training-host';

/** What this process works on: its queues and, for training and evaluation, its name (`host:pid`) and GPUs. */
export interface WorkerOptions extends TrainingHost {
  queues: JobName[];
}

export const WORKER_OPTIONS = Symbol('WORKER_OPTIONS');

/** Queues that need the trainer (Python, a GPU on real hosts): not for a web server unless asked. */
export const TRAINING_QUEUES: readonly JobName[] = [JobName.TrainExperiment, JobName.EvaluateCheckpoint];

export class WorkerOptionsError extends Error {}

/**
 * `npm run worker -- [--gpus 0,1] [--queues train,evaluate]`, or PACE_WORKER_GPUS / PACE_WORKER_QUEUES; flags win.
 * A dedicated worker consumes every queue by default.
 */
export function workerOptionsFromArgs(argv: string[], source: NodeJS.ProcessEnv = process.env): WorkerOptions {
  const flag = (name: string): string | undefined => {
    const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
    if (i < 0) return undefined;
    const value = argv[i].includes('=') ? argv[i].slice(argv[i].indexOf('=') + 1) : argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new WorkerOptionsError(`--${name}: expected a value`);
    return value;
  };
  return {
    name: workerName(),
    gpus: parseGpus(flag('gpus') ?? source.PACE_WORKER_GPUS, flag('gpus') !== undefined ? '--gpus' : 'PACE_WORKER_GPUS'),
    queues: parseQueues(flag('queues') ?? source.PACE_WORKER_QUEUES, flag('queues') !== undefined ? '--queues' : 'PACE_WORKER_QUEUES') ?? Object.values(JobName),
  };
}

/**
 * The server's in-process worker: the light queues only (imports, freezes, exports, policies); training and
 * evaluation only with PACE_IN_PROCESS_TRAINING=true (tests, a single-machine setup). PACE_WORKER_QUEUES overrides.
 */
export function inProcessWorkerOptions(source: NodeJS.ProcessEnv = process.env): WorkerOptions {
  const training = source.PACE_IN_PROCESS_TRAINING;
  if (training !== undefined && training !== '' && !/^(true|false|1|0|yes|no)$/.test(training)) {
    throw new WorkerOptionsError(`PACE_IN_PROCESS_TRAINING=${JSON.stringify(training)}: expected true or false`);
  }
  const withTraining = /^(true|1|yes)$/.test(training ?? '');
  const queues = parseQueues(source.PACE_WORKER_QUEUES, 'PACE_WORKER_QUEUES') ?? Object.values(JobName).filter((q) => withTraining || !TRAINING_QUEUES.includes(q));
  return { name: workerName(), gpus: parseGpus(source.PACE_WORKER_GPUS, 'PACE_WORKER_GPUS'), queues };
}

function workerName(): string {
  return `${hostname()}:${process.pid}`;
}

function parseGpus(raw: string | undefined, where: string): string[] {
  if (raw === undefined || raw.trim() === '' || raw.trim() === 'none') return [];
  const ids = raw.split(',').map((s) => s.trim());
  const bad = ids.find((id) => !/^\d+$/.test(id));
  if (bad !== undefined) throw new WorkerOptionsError(`${where}: "${bad}" is not a GPU index (expected e.g. 0,1)`);
  if (new Set(ids).size !== ids.length) throw new WorkerOptionsError(`${where}: a GPU is listed twice (${raw})`);
  return ids;
}

function parseQueues(raw: string | undefined, where: string): JobName[] | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const names = raw.split(',').map((s) => s.trim());
  const known = Object.values(JobName) as string[];
  const bad = names.find((n) => !known.includes(n));
  if (bad !== undefined) throw new WorkerOptionsError(`${where}: unknown queue "${bad}"; queues: ${known.join(', ')}`);
  return names as JobName[];
}

/** The options in force in this process: the dedicated worker's (WORKER_OPTIONS), else the in-process worker's. */
export const WORKER_CONFIG = Symbol('WORKER_CONFIG');
