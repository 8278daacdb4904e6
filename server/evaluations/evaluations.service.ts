import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { JobName } from '../queue/jobs';
import { QueueService } from '../queue/queue.service';
import { EvaluationResultsRepository, type ResultsFilter } from './evaluation-results.repository';
import type { EvaluationBackendKind, EvaluationSuite, EvaluationView, ItemAnswerView, ItemResultView } from './evaluation-views';
import { EvaluationsRepository, evaluationView } from './evaluations.repository';
import type { RerunEvaluationDto } from './dto/rerun-evaluation.dto';
import type { BackendRequest } from './backends/backend.types';
import { EvaluationContextRepository } from './runner/evaluation-context.repository';
import { EvaluationPlanner, evaluationSuites } from './runner/evaluation-plan';
import { EvaluationRunner } from './runner/evaluation-runner';

export interface EnqueueCheckpoint {
  experimentId: string;
  /** null: the base model itself (epoch 0) */
  checkpointId: number | null;
  epoch: number;
  backend?: EvaluationBackendKind;
}

@Injectable()
export class EvaluationsService {
  constructor(
    private readonly evaluations: EvaluationsRepository,
    private readonly results: EvaluationResultsRepository,
    private readonly contexts: EvaluationContextRepository,
    private readonly queue: QueueService,
    private readonly audit: AuditService,
    private readonly planner: EvaluationPlanner,
    private readonly runner: EvaluationRunner,
  ) {}

  /**
   * The training worker calls this for every checkpoint: registers the evaluation (one per checkpoint and back-end)
   * and queues it. Idempotent: a second call returns the same row, and queues it again only while it is still queued
   * (a duplicate job waits on the runner's lock, then finds it done).
   */
  async enqueueCheckpoint(e: EnqueueCheckpoint): Promise<EvaluationView> {
    const experiment = await this.contexts.experiment(e.experimentId);
    if (!experiment) throw new NotFoundException(`experimentId: experiment ${e.experimentId} not found`);
    if ((e.checkpointId === null) !== (e.epoch === 0)) {
      throw new BadRequestException(`epoch: ${e.epoch} with checkpoint ${e.checkpointId ?? 'none'}; epoch 0 is the base model (no checkpoint), later epochs need their checkpoint`);
    }
    const backend = e.backend ?? experiment.hyperParams.evalBackend ?? 'torch';
    const suites: EvaluationSuite[] = evaluationSuites(experiment.hyperParams);
    const { row, inserted } = await this.evaluations.insertOnce({
      experimentId: e.experimentId,
      checkpointId: e.checkpointId,
      baseModelId: e.checkpointId === null ? experiment.baseModelId : null,
      epoch: e.epoch,
      backend,
      suites,
    });
    if (inserted || row.status === 'queued') await this.queue.send(JobName.EvaluateCheckpoint, { evaluationId: row.id });
    return evaluationView(row);
  }

  /** Every request the evaluation of this experiment's checkpoints asks (its trainer answers them after each epoch). */
  planCheckpointRequests(experimentId: string): Promise<BackendRequest[]> {
    return this.planner.requestsFor(experimentId);
  }

  /** Evaluates a checkpoint now from its trainer's results when they match the plan; else it stays queued. */
  scoreFromTrainerResults(evaluationId: string): Promise<boolean> {
    return this.runner.runFromTrainerResults(evaluationId);
  }

  /** POST /evaluations: evaluates one checkpoint again from scratch (or for the first time with another back-end). */
  async rerun(dto: RerunEvaluationDto, actorId: string | null): Promise<EvaluationView> {
    const experiment = await this.contexts.experiment(dto.experimentId);
    if (!experiment) throw new NotFoundException(`experimentId: experiment ${dto.experimentId} not found`);
    let checkpointId: number | null = null;
    if (dto.epoch > 0) {
      const checkpoint = await this.contexts.checkpointAt(dto.experimentId, dto.epoch);
      if (!checkpoint) throw new NotFoundException(`epoch: experiment ${dto.experimentId} has no checkpoint for epoch ${dto.epoch}`);
      checkpointId = checkpoint.id;
    }
    const backend = dto.backend ?? experiment.hyperParams.evalBackend ?? 'torch';
    const existing = await this.evaluations.findFor(dto.experimentId, checkpointId, backend);
    if (existing) {
      if (!(await this.evaluations.restart(existing.id))) {
        throw new ConflictException(`Evaluation ${existing.id} of epoch ${dto.epoch} (${backend}) is ${existing.status}; cancel it or wait for it to finish`);
      }
      await this.audit.append({ actorId, entity: 'evaluation', entityId: existing.id, action: 'rerun' });
      await this.queue.send(JobName.EvaluateCheckpoint, { evaluationId: existing.id });
      return this.get(existing.id);
    }
    const view = await this.enqueueCheckpoint({ experimentId: dto.experimentId, checkpointId, epoch: dto.epoch, backend });
    await this.audit.append({ actorId, entity: 'evaluation', entityId: view.id, action: 'create' });
    return view;
  }

  async get(id: string): Promise<EvaluationView> {
    const row = await this.evaluations.find(id);
    if (!row) throw new NotFoundException(`Evaluation ${id} not found`);
    return evaluationView(row);
  }

  async listForExperiment(experimentId: string): Promise<EvaluationView[]> {
    if (!(await this.contexts.experiment(experimentId))) throw new NotFoundException(`Experiment ${experimentId} not found`);
    return (await this.evaluations.listForExperiment(experimentId)).map(evaluationView);
  }

  async resultsPage(id: string, filter: ResultsFilter, offset: number, limit: number): Promise<[ItemResultView[], number]> {
    await this.get(id);
    return this.results.page(id, filter, offset, limit);
  }

  async cancel(id: string, actorId: string | null): Promise<EvaluationView> {
    if (!(await this.evaluations.requestCancel(id))) {
      throw new ConflictException(`Evaluation ${id} is not queued or running (status: ${(await this.get(id)).status})`);
    }
    await this.audit.append({ actorId, entity: 'evaluation', entityId: id, action: 'cancel' });
    return this.get(id);
  }

  /** Continues a cancelled or failed evaluation: the items it stored are kept and not asked again. */
  async resume(id: string, actorId: string | null): Promise<EvaluationView> {
    if (!(await this.evaluations.requeue(id))) {
      throw new ConflictException(`Evaluation ${id} can only be resumed when cancelled or failed (status: ${(await this.get(id)).status})`);
    }
    await this.audit.append({ actorId, entity: 'evaluation', entityId: id, action: 'resume' });
    await this.queue.send(JobName.EvaluateCheckpoint, { evaluationId: id });
    return this.get(id);
  }

  itemAnswers(itemId: number): Promise<ItemAnswerView[]> {
    return this.results.answersForItem(itemId);
  }
}
