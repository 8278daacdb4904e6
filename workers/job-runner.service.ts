import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ExperimentsRepository } from '../server/experiments/experiments.repository';
import { FreezeRepository } from '../server/datasets/freeze/freeze.repository';
import { ExportsRepository } from '../server/exports/exports.repository';
import { ImportsRepository } from '../server/imports/imports.repository';
import { EvaluationsRepository } from '../server/evaluations/evaluations.repository';
import { JobHandler, JobName } from '../server/queue/jobs';
import { QueueService } from '../server/queue/queue.service';
import { GpuSlots } from '../server/training/gpu-slots';
import { PipelineRepository } from '../server/synthesis/pipeline/pipeline.repository';
import { FreezeDatasetJob } from './datasets/freeze-dataset.job';
import { ImportFileJob } from './imports/import-file.job';
import { EvaluateCheckpointJob } from './evaluations/evaluate-checkpoint.job';
import { ExportDatasetJob } from './exports/export-dataset.job';
import { DraftTaxonomyJob } from './synthesis/draft-taxonomy.job';
import { TaxonomyDraftsRepository } from '../server/synthesis/taxonomies/taxonomy-drafts.repository';
import { ApplyPoliciesJob } from './training/apply-policies.job';
import { TrainExperimentJob } from './training/train-experiment.job';
import { SynthesisRunJob } from './synthesis/synthesis-run.job';
import { IngestSynthesisJob } from './synthesis/ingest-synthesis.job';
import { WORKER_CONFIG, type WorkerOptions } from './worker-options';

/**
 * A job that has not reported for this long lost its worker: imports and exports save progress several times a
 * second, a freeze with each batch and phase. A run that is alive but silent longer is queued twice, harmlessly: the
 * duplicate waits on the run's advisory lock, then finds it done.
 */
const STALE_AFTER_S = 60;

export type Resumed = 'imports' | 'freezes' | 'exports' | 'experiments' | 'evaluations' | 'taxonomyDrafts' | 'synthesisRuns';

/**
 * A kind of checkpointed job the sweep watches: `claimStale` atomically takes back the running ones whose worker
 * stopped reporting (so two workers sweeping at once do not both queue one), and `send` queues one again, to resume
 * from its last checkpoint. Each entry's `send` takes the ids its own `claimStale` returns.
 */
interface Resumable {
  kind: Resumed;
  label: string;
  claimStale(staleAfterSeconds: number): Promise<Array<string | number>>;
  send(id: string | number): Promise<unknown>;
}

/**
 * Consumes this process's queues (WORKER_CONFIG: a dedicated worker takes all, the server's in-process worker all
 * but training and evaluation unless asked) and re-queues imports, freezes, exports and training runs whose worker
 * died. Training and evaluation jobs run one per job slot (GPU, or the one CPU slot).
 */
@Injectable()
export class JobRunnerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobRunnerService.name);
  private sweep?: NodeJS.Timeout;
  private readonly resumables: Resumable[];

  constructor(
    private readonly queue: QueueService,
    private readonly importJob: ImportFileJob,
    private readonly freezeJob: FreezeDatasetJob,
    private readonly exportJob: ExportDatasetJob,
    private readonly policiesJob: ApplyPoliciesJob,
    private readonly trainJob: TrainExperimentJob,
    private readonly evaluateJob: EvaluateCheckpointJob,
    private readonly draftTaxonomyJob: DraftTaxonomyJob,
    private readonly synthesisJob: SynthesisRunJob,
    private readonly ingestSynthesisJob: IngestSynthesisJob,
    imports: ImportsRepository,
    freezes: FreezeRepository,
    exports: ExportsRepository,
    experiments: ExperimentsRepository,
    evaluations: EvaluationsRepository,
    taxonomyDrafts: TaxonomyDraftsRepository,
    synthesis: PipelineRepository,
    private readonly slots: GpuSlots,
    @Inject(WORKER_CONFIG) private readonly worker: WorkerOptions,
  ) {
    this.resumables = [
      { kind: 'imports', label: 'Import', claimStale: (s) => imports.requeueStale(s), send: (importId: string) => queue.send(JobName.Import, { importId }) },
      { kind: 'freezes', label: 'Freeze of version', claimStale: (s) => freezes.requeueStale(s), send: (versionId: number) => queue.send(JobName.FreezeDataset, { versionId }) },
      { kind: 'exports', label: 'Export', claimStale: (s) => exports.requeueStale(s), send: (exportId: string) => queue.send(JobName.ExportDataset, { exportId }) },
      { kind: 'experiments', label: 'Training run', claimStale: (s) => experiments.requeueStale(s), send: (experimentId: string) => queue.send(JobName.TrainExperiment, { experimentId }) },
      // a resumed evaluation keeps the chunks it stored and asks only for the rest
      { kind: 'evaluations', label: 'Evaluation', claimStale: (s) => evaluations.requeueStale(s), send: (evaluationId: string) => queue.send(JobName.EvaluateCheckpoint, { evaluationId }) },
      // a resumed draft skips the completions it stored
      { kind: 'taxonomyDrafts', label: 'Taxonomy draft', claimStale: (s) => taxonomyDrafts.requeueStale(s), send: (runId: string) => queue.send(JobName.DraftTaxonomy, { runId }) },
      // a resumed generation run skips every node it committed (saves progress every second)
      { kind: 'synthesisRuns', label: 'Generation run', claimStale: (s) => synthesis.requeueStale(s), send: (runId: string) => queue.send(JobName.SynthesisRun, { runId }) },
    ];
  }

  async onApplicationBootstrap(): Promise<void> {
    // the training job takes its slots itself (as many GPUs as the run asks); an evaluation takes one
    const evaluate: JobHandler<JobName.EvaluateCheckpoint> = { name: JobName.EvaluateCheckpoint, handle: (p) => this.slots.run(1, () => this.evaluateJob.handle(p)) };
    const perSlot = this.slots.size;
    await this.queue.work([this.importJob, this.freezeJob, this.exportJob, this.policiesJob, this.trainJob, evaluate, this.draftTaxonomyJob, this.synthesisJob, this.ingestSynthesisJob] as JobHandler<JobName>[], {
      queues: this.worker.queues,
      concurrency: { [JobName.TrainExperiment]: perSlot, [JobName.EvaluateCheckpoint]: perSlot },
    });
    this.logger.log(`${this.worker.name} consumes ${this.worker.queues.join(', ')}${this.worker.queues.includes(JobName.TrainExperiment) ? ` on ${this.worker.gpus.length ? `GPU ${this.worker.gpus.join(',')}` : 'one CPU slot'}` : ''}`);
    await this.requeueStale();
    this.sweep = setInterval(() => void this.requeueStale(), 30_000);
    this.sweep.unref();
  }

  onApplicationShutdown(): void {
    if (this.sweep) clearInterval(this.sweep);
  }

  /** Queues again every job whose worker died; returns their ids by kind. */
  async requeueStale(staleAfterSeconds = STALE_AFTER_S): Promise<Record<Resumed, Array<string | number>>> {
    const requeued: Record<Resumed, Array<string | number>> = { imports: [], freezes: [], exports: [], experiments: [], evaluations: [], taxonomyDrafts: [], synthesisRuns: [] };
    for (const r of this.resumables) {
      try {
        for (const id of await r.claimStale(staleAfterSeconds)) {
          this.logger.warn(`${r.label} ${id} lost its worker; queued to resume from its last checkpoint`);
          await r.send(id);
          requeued[r.kind].push(id);
        }
      } catch (e) {
        this.logger.error(`stale ${r.kind} sweep failed: ${(e as Error).message}`);
      }
    }
    return requeued;
  }
}
