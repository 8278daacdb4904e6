import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { existsSync } from 'node:fs';
import { appendFile, mkdir, readdir } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { env } from '../config/env';
import { RunLandedHooks } from '../events/run-landed-hooks';
import { ExperimentEvents } from '../experiments/experiment-events';
import type { ExperimentRow } from '../experiments/experiment-row';
import type { ExperimentStatus } from '../experiments/experiment-views';
import { baseModelPathForWorker } from '../experiments/model-roots';
import { ExperimentsRepository } from '../experiments/experiments.repository';
import { ExperimentsService } from '../experiments/experiments.service';
import { TrainingRecordsRepository } from '../experiments/training-records.repository';
import { RecipeSamplerService } from '../recipes/recipe-sampler.service';
import { CHECKPOINT_EVALUATOR, type CheckpointEvaluator } from './checkpoint-evaluator';
import { EpochScoring } from './epoch-scoring';
import { GpuSlots, type SlotLease } from './gpu-slots';
import { RunRecorder } from './run-recorder';
import { TrainSetRepository } from './train-set.repository';
import { launchCommand } from './launch-command';
import { runTraining, TRAIN_CONFIG_FILE, type TrainConfig } from './train-process';
import { TrainerError, type TrainerEvent } from './trainer-process';
import { EVAL_RESULTS_FILE } from './trainer-protocol';
import { TRAINING_HOST, type TrainingHost } from './training-host';
import { withJobLock } from '../sql/job-lock';

/** A run whose trainer is killed (OOM killer, a lost node) this many times in a row (since a user last queued it) fails. */
export const MAX_ATTEMPTS = 4;
const HEARTBEAT_MS = 5000;

class Cancelled extends Error {}
/** The trainer died from a signal nobody here sent: the job is retried and resumes after the last checkpoint. */
export class TrainerKilled extends Error {}

/** Where a run keeps its train set, config, log and checkpoints: the data folder's experiments/<id>/. */
export function experimentDir(id: string): string {
  return join(env().dataDir, 'experiments', id);
}

/**
 * Runs (or resumes) one experiment: its GPU slots, its train set, the trainer subprocess, and everything it reports
 * — steps, progress, checkpoints (each queued for evaluation), the log and, when it fails, the trainer's reason.
 */
@Injectable()
export class TrainingRunner {
  private readonly logger = new Logger(TrainingRunner.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: ExperimentsRepository,
    private readonly records: TrainingRecordsRepository,
    private readonly experiments: ExperimentsService,
    private readonly events: ExperimentEvents,
    private readonly sampler: RecipeSamplerService,
    private readonly trainSet: TrainSetRepository,
    private readonly slots: GpuSlots,
    private readonly audit: AuditService,
    private readonly landed: RunLandedHooks,
    @Inject(TRAINING_HOST) private readonly host: TrainingHost,
    @Optional() @Inject(CHECKPOINT_EVALUATOR) private readonly evaluator?: CheckpointEvaluator,
  ) {}

  async run(experimentId: string): Promise<void> {
    // One runner per run: a retried or duplicate job waits here for the live one, then finds it done.
    await withJobLock(this.db, `experiment:${experimentId}`, async () => {
      const row = await this.repo.find(experimentId);
      if (!row) return this.logger.warn(`Experiment ${experimentId} does not exist; job dropped`);
      if (row.status === 'cancelling') return await this.end(row, 'cancelled');
      if (row.status !== 'queued' && row.status !== 'running') return;
      const refusal = this.slots.refusal(row.hyperParams.gpus);
      if (refusal) return await this.end(row, 'failed', `${refusal}; resume it once a worker with enough GPUs runs`);
      await this.slots.run(row.hyperParams.gpus, (lease) => this.attempt(row, lease));
    });
  }


  private async attempt(row: ExperimentRow, lease: SlotLease): Promise<void> {
    const dir = row.outputDir ?? experimentDir(row.id);
    const logPath = join(dir, 'train.log');
    await mkdir(dir, { recursive: true });
    if (!(await this.repo.start(row.id, this.host.name, dir, logPath))) return;
    const attempt = row.attempts + 1;
    await note(logPath, `attempt ${attempt} on ${this.host.name}, ${lease.gpus.length ? `GPU ${lease.gpus.join(',')}` : 'CPU'}`);
    await this.experiments.publish(row.id);
    const abort = new AbortController();
    let cancelled = false;
    const onStatus = (s: ExperimentStatus | null) => {
      if (s === 'cancelling' || s === null) {
        cancelled = true;
        abort.abort();
      }
    };
    const recorder = new RunRecorder(row.id, this.repo, this.records, this.events, () => this.experiments.publish(row.id).then(() => undefined), onStatus);
    const heartbeat = setInterval(() => void recorder.flush().catch((e) => this.logger.warn(`heartbeat of ${row.id}: ${(e as Error).message}`)), HEARTBEAT_MS);
    try {
      await this.train(row, dir, logPath, lease, recorder, abort.signal);
      await recorder.flush();
      await this.end(row, 'completed');
    } catch (e) {
      await recorder.flush().catch(() => undefined);
      if (cancelled || e instanceof Cancelled) return await this.end(row, 'cancelled');
      const killed = e instanceof TrainerError && e.signal !== null ? `the trainer was killed (${e.signal})` : null;
      if (killed) {
        const kills = await this.repo.backToQueueAfterKill(row.id);
        if (kills < MAX_ATTEMPTS) {
          await note(logPath, `${killed}; the job is retried and resumes after the last complete checkpoint`);
          await this.experiments.publish(row.id);
          throw new TrainerKilled(`Experiment ${row.id}: ${killed} (${kills} of ${MAX_ATTEMPTS} attempts)`);
        }
      }
      const reason = killed ? `${killed} ${MAX_ATTEMPTS} times in a row` : (e as Error).message;
      if (!(e instanceof TrainerError)) this.logger.error(`Experiment ${row.id} failed: ${reason}`, (e as Error).stack);
      await note(logPath, `failed: ${reason}`);
      await this.end(row, 'failed', reason);
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async train(row: ExperimentRow, dir: string, logPath: string, lease: SlotLease, recorder: RunRecorder, signal: AbortSignal): Promise<void> {
    // the worker opens only folders under its own model roots, whatever the row says (issue 14 item 5)
    const baseModel = await baseModelPathForWorker(row.baseModelPath);
    const trainFile = join(dir, 'train.jsonl');
    const examples = await this.writeTrainSet(row, trainFile);
    if (examples === 0) {
      throw new Error(`The train set is empty: dataset version "${row.versionName}" has no train items${row.recipeName ? ` for recipe ${row.recipeName}` : ''}`);
    }
    const hp = row.hyperParams;
    const config: TrainConfig = {
      baseModel,
      trainFile,
      outputDir: dir,
      epochs: hp.epochs,
      learningRate: hp.learningRate,
      finalLearningRate: hp.finalLearningRate,
      betas: hp.betas,
      weightDecay: hp.weightDecay,
      globalBatchSize: hp.globalBatchSize,
      microBatchSize: hp.microBatchSize,
      maxLength: hp.maxLength,
      seed: row.seed,
      method: hp.method,
      ...(hp.lora ? { lora: hp.lora } : {}),
      precision: hp.precision,
      device: lease.gpus.length ? 'cuda' : 'cpu',
    };
    const scoring = this.evaluator ? new EpochScoring(this.evaluator, (text) => note(logPath, text), this.logger) : null;
    const scoreAfterEpoch = await scoring?.prepare(row, dir);
    if (scoreAfterEpoch) config.scoreAfterEpoch = scoreAfterEpoch;
    if (signal.aborted) throw new Cancelled();
    // one GPU or the CPU: the trainer itself; more: accelerate launch (FSDP) over the lease's GPUs
    const launch = launchCommand({ gpus: lease.gpus.map(Number), port: lease.gpus.length > 1 ? await freePort() : undefined });
    try {
      await runTraining(config, {
        signal,
        logFile: logPath,
        launcher: launch.launcher,
        env: launch.env,
        onSpawn: (pid) => void note(logPath, `trainer pid ${pid}: ${launch.launcher.join(' ')} train --config ${join(dir, TRAIN_CONFIG_FILE)}`),
        onEvent: (e) => this.onEvent(row, dir, e as unknown as TrainerEvent, recorder, logPath, scoring),
      });
    } finally {
      await scoring?.settle();
    }
  }

  private async writeTrainSet(row: ExperimentRow, file: string): Promise<number> {
    if (row.recipeId === null) return this.trainSet.write(file, row.versionId, null);
    const sample = await this.sampler.sampleTrain(row.versionId, { id: row.recipeId }, row.seed);
    return this.trainSet.write(file, row.versionId, sample.abilities.flatMap((a) => a.itemIds));
  }

  private async onEvent(row: ExperimentRow, dir: string, e: TrainerEvent, recorder: RunRecorder, logPath: string, scoring: EpochScoring | null): Promise<void> {
    const n = (k: string) => (typeof e[k] === 'number' ? (e[k] as number) : undefined);
    switch (e.event) {
      case 'start': {
        const startEpoch = n('startEpoch') ?? 1;
        const stepsPerEpoch = n('stepsPerEpoch') ?? 0;
        recorder.update({ epochs: n('epochs'), totalSteps: n('totalSteps'), examples: n('examples'), device: e.device as string, precision: e.precision as string, epoch: startEpoch - 1, step: (startEpoch - 1) * stepsPerEpoch });
        const skipped = (e.scoreAfterEpoch as { skipped?: string } | null | undefined)?.skipped;
        if (skipped) await note(logPath, `checkpoints are not scored in the trainer: ${skipped}`);
        await this.recordEarlierCheckpoints(row, dir, startEpoch, stepsPerEpoch, scoring);
        return recorder.flush();
      }
      case 'step': {
        const step = { step: n('step')!, epoch: n('epoch')!, loss: n('loss')!, lr: n('lr')!, tokensPerSecond: n('tokensPerSecond') ?? null };
        return recorder.step(step, { step: step.step, epoch: step.epoch, loss: step.loss, lr: step.lr, tokensPerSecond: step.tokensPerSecond, etaSeconds: n('etaSeconds') ?? null });
      }
      case 'checkpoint': {
        recorder.update({ epoch: n('epoch'), step: n('step') });
        await recorder.flush();
        return this.checkpoint(row, { epoch: n('epoch')!, step: n('step')!, path: resolve(dir, String(e.path)) }, scoring);
      }
      case 'scored':
        return scoring?.scored(n('epoch')!);
      case 'done':
        return recorder.flush();
    }
  }

  /** A worker that died between a checkpoint's rename and its row leaves a checkpoint the database does not know. */
  private async recordEarlierCheckpoints(row: ExperimentRow, dir: string, startEpoch: number, stepsPerEpoch: number, scoring: EpochScoring | null): Promise<void> {
    if (startEpoch <= 1) return;
    const known = new Set((await this.records.checkpoints(row.id)).map((c) => c.epoch));
    const folders = existsSync(dir) ? await readdir(dir) : [];
    for (let epoch = 1; epoch < startEpoch; epoch++) {
      if (known.has(epoch) || !folders.includes(`epoch-${epoch}`)) continue;
      await this.checkpoint(row, { epoch, step: epoch * stepsPerEpoch, path: join(dir, `epoch-${epoch}`) }, scoring);
      // the trainer may have scored it too before the worker died
      if (existsSync(join(dir, `epoch-${epoch}`, EVAL_RESULTS_FILE))) scoring?.scored(epoch);
    }
  }

  private async checkpoint(row: ExperimentRow, c: { epoch: number; step: number; path: string }, scoring: EpochScoring | null): Promise<void> {
    const checkpointId = await this.records.saveCheckpoint(row.id, c);
    await this.audit.append({ actorId: null, entity: 'experiment', entityId: row.id, action: 'checkpoint', after: c });
    if (this.evaluator) {
      const evaluation = await this.evaluator.enqueueCheckpoint({ experimentId: row.id, checkpointId, epoch: c.epoch, backend: row.hyperParams.evalBackend });
      scoring?.queued(c.epoch, evaluation.id);
    } else {
      this.logger.warn(`No evaluator in this process: checkpoint ${c.epoch} of ${row.id} is not queued for evaluation`);
    }
  }

  private async end(row: ExperimentRow, status: 'completed' | 'cancelled' | 'failed', reason?: string): Promise<void> {
    await this.repo.finish(row.id, status, reason ?? null);
    await this.audit.append({ actorId: null, entity: 'experiment', entityId: row.id, action: status, after: reason ? { reason } : undefined });
    await this.experiments.publish(row.id);
    if (status === 'completed') await this.landed.emit(row.id);
  }
}

/** A free TCP port for the rendezvous of a multi-GPU run's processes. */
function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolvePort(port));
    });
  });
}

async function note(logPath: string, text: string): Promise<void> {
  await appendFile(logPath, `[pace-worker ${new Date().toISOString()}] ${text}\n`);
}
