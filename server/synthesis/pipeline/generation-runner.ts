import { Injectable, Logger } from '@nestjs/common';
import { setMaxListeners } from 'node:events';
import { EventsService } from '../../events/events.service';
import { QueueService } from '../../queue/queue.service';
import { withJobLock } from '../../sql/job-lock';
import { chatClientFor, priceTableFor, type EndpointRow } from '../endpoints/endpoint-row';
import { LlmEndpointsRepository } from '../endpoints/llm-endpoints.repository';
import { Budget } from '../llm';
import { runDisciplines } from '../runs/generation-settings';
import { SynthesisRunsRepository } from '../runs/synthesis-runs.repository';
import type { RunUsage } from '../synthesis-contract';
import { GenerationPipeline, type PipelineEndpoint, type StopReason } from './generation-pipeline';
import { GenerationProgress } from './generation-progress';
import { NodeWriter, Slots } from './node-writer';
import { PipelineRepository } from './pipeline.repository';

/** Progress is saved (and published) about this often; the save also reads the status, so a pause is seen as fast. */
const SAVE_EVERY_MS = 1000;

/** The event the platform's ingest job subscribes to once a run's answers are all in. */
export const SYNTHESIS_ANSWERED = 'synthesis.answered';

export interface RunnerOptions {
  /** Tests: shorter backoff and rate-limit windows. */
  clientOptions?: Parameters<typeof chatClientFor>[1];
  /** Called with every progress save (the CLI's progress bar). */
  onProgress?: (p: { stage: string; progress: GenerationProgress }) => void;
}

/**
 * Runs a generation run (JobName.SynthesisRun) to its end, a pause or a cancel: one runner per run (advisory lock),
 * the run's committed nodes loaded once and skipped, one Budget for the run pre-loaded with what it spent, progress
 * saved and published about once a second.
 */
@Injectable()
export class GenerationRunner {
  private readonly logger = new Logger(GenerationRunner.name);

  constructor(
    private readonly repo: PipelineRepository,
    private readonly runs: SynthesisRunsRepository,
    private readonly endpoints: LlmEndpointsRepository,
    private readonly events: EventsService,
    private readonly queue: QueueService,
  ) {}

  async run(runId: string, opts: RunnerOptions = {}): Promise<void> {
    await withJobLock(this.repo.db, `synthesis-run:${runId}`, () => this.runLocked(runId, opts));
  }

  private async runLocked(runId: string, opts: RunnerOptions): Promise<void> {
    if (!(await this.repo.claim(runId))) return; // paused, cancelled or finished meanwhile (a duplicate job)
    const controller = new AbortController();
    // every call in flight (up to the endpoints' concurrency) listens for the run's abort
    setMaxListeners(0, controller.signal);
    let stopReason: StopReason | null = null;
    const stop = (reason: StopReason) => {
      if (stopReason) return;
      stopReason = reason;
      controller.abort();
    };
    let progress: GenerationProgress | null = null;
    let ticker: NodeJS.Timeout | undefined;
    const writer = new NodeWriter(this.repo);
    try {
      const run = (await this.repo.runRow(runId))!;
      const revision = await this.runs.revisionTree(run.taxonomyRevision, run.taxonomyId);
      if (!revision) throw new Error(`the taxonomy revision ${run.taxonomyRevision} the run names is not stored`);
      const question = run.endpointId ? await this.endpoints.findRow(run.endpointId) : null;
      if (!question) throw new Error('the run has no LLM endpoint (deleted?); create the run again with an endpoint');
      const answer = run.answerEndpointId ? await this.endpoints.findRow(run.answerEndpointId) : question;
      if (!answer) throw new Error('the run\'s answer endpoint was deleted');
      const settings = run.settings;
      const budget = new Budget({ maxTokens: settings.maxTotalTokens, maxCostUsd: settings.maxCostUsd }, priceTableFor([question, answer]));
      const usage: RunUsage = { calls: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 };
      for (const s of await this.repo.spent(runId)) {
        budget.addSpent(s.model, s);
        usage.calls += s.calls;
        usage.promptTokens += s.promptTokens;
        usage.completionTokens += s.completionTokens;
        usage.costUsd += s.costUsd;
      }
      progress = new GenerationProgress(usage);
      const endpointFor = (row: EndpointRow, slots?: Slots): PipelineEndpoint => ({
        client: chatClientFor(row, { ...opts.clientOptions, budget, defaultMaxTokens: settings.maxTokens }),
        slots: slots ?? new Slots(row.maxConcurrency),
      });
      const q = endpointFor(question);
      // one endpoint for both: one set of slots, so the concurrency bound holds over questions and answers together
      const a = answer.id === question.id ? { client: endpointFor(answer, q.slots).client, slots: q.slots } : endpointFor(answer);
      const stored = await this.repo.loadNodes(runId, run.taxonomyRevision);
      const pairKeys = new Set(await this.repo.pairAnswerKeys(runId));
      const pipeline = new GenerationPipeline({
        runId, taxonomyRevision: run.taxonomyRevision, settings, disciplines: runDisciplines(revision.tree, settings),
        question: q, answer: a, stored, pairKeys, writer, progress, signal: controller.signal, stop,
      });
      const save = async () => {
        const status = await this.repo.saveProgress(runId, progress!.stage(), progress!.progress, progress!.usage);
        opts.onProgress?.({ stage: progress!.stage(), progress: progress! });
        await this.publish(runId, status ?? 'running', progress!);
        if (status === 'pausing') stop('pause');
        if (status === 'cancelling') stop('cancel');
      };
      ticker = setInterval(() => void save().catch((e) => this.logger.warn(`run ${runId}: progress not saved: ${(e as Error).message}`)), SAVE_EVERY_MS);
      await save();
      await pipeline.run();
      clearInterval(ticker);
      await writer.drain();
      await this.repo.saveProgress(runId, progress.stage(), { ...progress.progress, inFlight: 0 }, progress.usage);
      if (stopReason === 'cancel') await this.repo.finish(runId, 'cancelled');
      else if (stopReason) await this.repo.finish(runId, 'paused', { pauseReason: stopReason === 'budget' ? 'budget' : 'user' });
      else if ((await this.repo.finishAnswered(runId)) === 'completed') await this.queue.publish(SYNTHESIS_ANSWERED, { runId });
      this.logger.log(`generation run ${runId}: ${stopReason ? `stopped (${stopReason})` : 'answers complete'}; ${progress.progress.answers.done} answers`);
    } catch (e) {
      clearInterval(ticker);
      controller.abort();
      await writer.drain().catch(() => undefined);
      const reason = (e as Error).message;
      this.logger.error(`generation run ${runId} failed: ${reason}`);
      await this.repo.finish(runId, 'failed', { failureReason: reason });
    } finally {
      clearInterval(ticker);
      if (progress) await this.publish(runId, null, progress).catch(() => undefined);
    }
  }

  private async publish(runId: string, status: string | null, progress: GenerationProgress): Promise<void> {
    const row = status ? { status } : await this.repo.runRow(runId).then((r) => ({ status: r?.status ?? 'failed' }));
    const event = { id: runId, status: row.status, stage: row.status === 'completed' ? 'ingest' : progress.stage(), progress: progress.progress, usage: progress.usage };
    await this.events.publish(`synthesis:${runId}`, 'synthesis.progress', event);
    await this.events.publish('synthesis', 'synthesis.progress', event);
  }
}
