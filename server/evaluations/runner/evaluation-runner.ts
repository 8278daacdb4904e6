import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { EventsService } from '../../events/events.service';
import { RunLandedHooks } from '../../events/run-landed-hooks';
import type { ScoresChangedEvent } from '../../experiments/experiment-views';
import { withJobLock } from '../../sql/job-lock';
import { EVAL_RESULTS_FILE } from '../../training/trainer-protocol';
import type { ModelBackend } from '../backends/backend.types';
import { TrainerResultsBackend } from '../backends/trainer-results-backend';
import { EvaluationResultsRepository } from '../evaluation-results.repository';
import { EvaluationProgress, EvaluationRow, EvaluationsRepository, evaluationView } from '../evaluations.repository';
import { abilityScores } from './ability-scores';
import { answerInChunks, EvaluationCancelled, type EvalUnit } from './answer-in-chunks';
import { EvaluationContext, EvaluationContextRepository } from './evaluation-context.repository';
import { EvaluationFailure } from './evaluation-failure';
import { planRequests } from './evaluation-plan';
import { BACKEND_OPENER, type BackendOpener, EVAL_UNITS_SOURCE, type EvalUnitsSource } from './evaluation-ports';

/** Items answered and stored together: small enough that a cancel or a crash loses little, large enough to batch. */
export const CHUNK_ITEMS = 32;

/** PACE_EVAL_CHUNK_ITEMS overrides the chunk size (a GPU host batches more; tests hold a run between small chunks). */
export function chunkItems(): number {
  const raw = process.env.PACE_EVAL_CHUNK_ITEMS;
  if (raw === undefined || raw === '') return CHUNK_ITEMS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new EvaluationFailure(`PACE_EVAL_CHUNK_ITEMS must be a whole number ≥ 1, got ${JSON.stringify(raw)}`);
  return n;
}
const PROGRESS_EVERY_MS = 500;

/**
 * How often a running evaluation tells the stale sweep it is alive (workers/job-runner.service.ts requeues a run silent
 * for 60 s). Progress saves alone are not enough: exporting a checkpoint to ONNX, loading a model or one slow chunk
 * can take longer than that on a busy host, and a live run put back to `queued` ran on while its row said it was
 * waiting (a cancel then ended it as if it had never started). PACE_EVAL_HEARTBEAT_MS overrides it (tests).
 */
export function heartbeatMs(): number {
  const n = Number(process.env.PACE_EVAL_HEARTBEAT_MS);
  return Number.isInteger(n) && n > 0 ? n : 5000;
}

/** What runFromTrainerResults has already loaded before claiming the evaluation. */
interface Prepared {
  ctx: EvaluationContext;
  units: EvalUnit[];
  backend: ModelBackend;
}

/**
 * Runs (or resumes) one evaluation: loads its checkpoint and frozen version, plans every suite, answers a chunk of
 * items at a time and stores each chunk's verdicts with the progress, so a resumed run skips what is stored; then
 * aggregates per ability and tells the experiment's room its scores changed.
 */
@Injectable()
export class EvaluationRunner {
  private readonly logger = new Logger(EvaluationRunner.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly evaluations: EvaluationsRepository,
    private readonly results: EvaluationResultsRepository,
    private readonly contexts: EvaluationContextRepository,
    private readonly events: EventsService,
    private readonly landed: RunLandedHooks,
    @Inject(EVAL_UNITS_SOURCE) private readonly unitsSource: EvalUnitsSource,
    @Inject(BACKEND_OPENER) private readonly backends: BackendOpener,
  ) {}

  async run(evaluationId: string): Promise<void> {
    await this.locked(evaluationId, 'wait', (row) => this.execute(row));
  }

  /**
   * What the training worker calls when its trainer has scored a checkpoint: runs the evaluation now from the trainer's
   * results (no model, no job slot) when they answer its plan, else leaves it queued for its evaluate job. Does not wait
   * for a runner that holds the evaluation. Resolves with whether it ran it.
   */
  async runFromTrainerResults(evaluationId: string): Promise<boolean> {
    const ran = await this.locked(evaluationId, 'try', async (row) => {
      const ctx = await this.context(row).catch(() => null); // its evaluate job reports why
      if (!ctx) return false;
      const units = await this.unitsSource.units(ctx, row.suites);
      const backend = await this.trainerResults(row, ctx, units);
      return backend ? this.execute(row, { ctx, units, backend }) : false;
    });
    return ran ?? false;
  }

  /** Runs `fn` holding the evaluation's lock (one runner per evaluation: a duplicate waits, then finds it finished). */
  private async locked<T>(evaluationId: string, mode: 'wait' | 'try', fn: (row: EvaluationRow) => Promise<T>): Promise<T | undefined> {
    return withJobLock(
      this.db,
      `evaluation:${evaluationId}`,
      async () => {
        const row = await this.evaluations.find(evaluationId);
        if (!row) return void this.logger.warn(`Evaluation ${evaluationId} no longer exists; nothing to run`);
        if (row.status === 'cancelling') return void (await this.end(row, 'cancelled'));
        return await fn(row);
      },
      { wait: mode === 'wait' },
    );
  }


  /** Claims the evaluation and processes it; false when there was nothing to run. */
  private async execute(row: EvaluationRow, prepared?: Prepared): Promise<boolean> {
    if (!(await this.evaluations.start(row.id))) return false;
    try {
      await this.process({ ...row, status: 'running' }, prepared);
    } catch (e) {
      if (e instanceof EvaluationCancelled) {
        await this.end(row, 'cancelled');
        return true;
      }
      const reason = e instanceof EvaluationFailure ? e.message : `Evaluation crashed: ${(e as Error).message}`;
      if (!(e instanceof EvaluationFailure)) this.logger.error(reason, (e as Error).stack);
      await this.end(row, 'failed', reason);
    }
    return true;
  }

  /** The trainer's answers for a torch evaluation of a checkpoint, when they match this evaluation's plan; else null. */
  private async trainerResults(row: EvaluationRow, ctx: EvaluationContext, units: EvalUnit[]): Promise<ModelBackend | null> {
    if (row.backend !== 'torch' || !ctx.checkpoint) return null;
    const opened = await TrainerResultsBackend.open(join(ctx.checkpoint.path, EVAL_RESULTS_FILE), planRequests(units));
    if (opened instanceof TrainerResultsBackend) {
      this.logger.log(`Evaluation ${row.id} (epoch ${row.epoch}) answered from the trainer's results in ${opened.file}`);
      return opened;
    }
    this.logger.debug(`Evaluation ${row.id}: the trainer's results are not used: ${opened.unusable}`);
    return null;
  }

  private async process(row: EvaluationRow, prepared?: Prepared): Promise<void> {
    const abort = new AbortController();
    const alive = setInterval(
      () =>
        void this.evaluations
          .heartbeat(row.id)
          .then((status) => status === 'cancelling' && abort.abort())
          .catch((e: Error) => this.logger.warn(`evaluation ${row.id}: heartbeat not saved: ${e.message}`)),
      heartbeatMs(),
    );
    try {
      await this.answer(row, abort, prepared);
    } finally {
      clearInterval(alive);
    }
  }

  private async answer(row: EvaluationRow, abort: AbortController, prepared?: Prepared): Promise<void> {
    const ctx = prepared?.ctx ?? (await this.context(row));
    let lastSaved = 0;
    const save = async (p: EvaluationProgress, force: boolean) => {
      if (!force && Date.now() - lastSaved < PROGRESS_EVERY_MS) return;
      lastSaved = Date.now();
      const status = await this.evaluations.saveProgress(row.id, p);
      await this.publish({ ...row, progress: p });
      if (status === 'cancelling') abort.abort();
    };
    const units = prepared?.units ?? (await this.unitsSource.units(ctx, row.suites));
    if (units.every((u) => u.items.length === 0)) {
      throw new EvaluationFailure(`Version ${ctx.versionId} has no validation or test items to evaluate (suites: ${row.suites.join(', ')})`);
    }
    const stored = await this.results.storedKeys(row.id);
    const chunk = chunkItems();
    const backend =
      prepared?.backend ?? (await this.trainerResults(row, ctx, units)) ?? (await this.backends.open(ctx, row.backend, { evaluationId: row.id, signal: abort.signal }));
    try {
      await answerInChunks({
        units,
        backend,
        stored,
        chunkItems: chunk,
        signal: abort.signal,
        onProgress: (p) => save({ ...p, itemsKept: stored.size }, false).catch((e: Error) => this.logger.warn(`evaluation ${row.id}: progress not saved: ${e.message}`)),
        onChunk: async (verdicts, p) => {
          await this.db.transaction((m) => this.results.insert(row.id, verdicts, m));
          await save({ ...p, itemsKept: stored.size }, true);
        },
      });
    } finally {
      await backend.close().catch((e: Error) => this.logger.warn(`evaluation ${row.id}: closing the ${row.backend} back-end: ${e.message}`));
    }
    if (abort.signal.aborted) throw new EvaluationCancelled();
    const scores = abilityScores(await this.results.verdicts(row.id));
    await this.db.transaction(async (m) => {
      await this.results.replaceScores(row.id, scores, m);
      await m.query(`UPDATE evaluations SET status = 'completed', failure_reason = NULL, finished_at = now(), updated_at = now() WHERE id = $1`, [row.id]);
    });
    await this.publishLatest(row.id);
    if (row.experimentId) await this.events.publish(`experiment:${row.experimentId}`, 'experiment.scores', { experimentId: row.experimentId } satisfies ScoresChangedEvent);
    if (row.experimentId) await this.landed.emit(row.experimentId);
  }

  private async context(row: EvaluationRow): Promise<EvaluationContext> {
    if (!row.experimentId) throw new EvaluationFailure(`Evaluation ${row.id} belongs to no experiment: nothing says which version to evaluate on`);
    const ctx = await this.contexts.load(row.experimentId, row.checkpointId);
    if (!ctx) throw new EvaluationFailure(`Experiment ${row.experimentId} or its checkpoint ${row.checkpointId ?? '(base model)'} no longer exists`);
    if (ctx.versionStatus !== 'frozen') throw new EvaluationFailure(`Dataset version ${ctx.versionId} is ${ctx.versionStatus}, not frozen`);
    return ctx;
  }

  private async end(row: EvaluationRow, status: 'cancelled' | 'failed', reason: string | null = null): Promise<void> {
    await this.evaluations.finish(row.id, status, reason);
    await this.publishLatest(row.id);
  }

  private async publishLatest(id: string): Promise<void> {
    const row = await this.evaluations.find(id);
    if (row) await this.publish(row);
  }

  private async publish(row: EvaluationRow): Promise<void> {
    if (row.experimentId) await this.events.publish(`experiment:${row.experimentId}`, 'evaluation.progress', evaluationView(row));
  }
}
