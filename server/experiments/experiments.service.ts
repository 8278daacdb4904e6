import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { open } from 'node:fs/promises';
import { AuditService } from '../audit/audit.service';
import type { ListQuery } from '../common/list-query';
import { JobName } from '../queue/jobs';
import { QueueService } from '../queue/queue.service';
import { RecipesService } from '../recipes/recipes.service';
import { BaseModelsRepository } from './base-models.repository';
import type { CreateExperimentDto } from './dto/create-experiment.dto';
import { ExperimentEvents } from './experiment-events';
import { experimentView, type ExperimentRow } from './experiment-row';
import type { CheckpointView, ExperimentView, HyperParams, TrainingStepView } from './experiment-views';
import { RunQueuedHooks } from './run-queued-hooks';
import { ExperimentsRepository, type NewExperiment } from './experiments.repository';
import { DEFAULT_EXPERIMENT_SEED, resolveHyperParams, validateHyperParams } from './hyper-params';
import { TrainCountsService } from './train-counts.service';
import { TrainingRecordsRepository } from './training-records.repository';

/** A long run's log is answered from its end. */
const LOG_TAIL_BYTES = 2 * 1024 * 1024;

async function readTail(path: string, max: number): Promise<string> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const start = Math.max(0, size - max);
    const buf = Buffer.alloc(size - start);
    await fh.read(buf, 0, buf.length, start);
    // a cut may fall inside a UTF-8 sequence or a line: start at the next whole line
    const text = buf.toString('utf8');
    return start === 0 ? text : `[… ${start} earlier bytes left out]\n${text.slice(text.indexOf('\n') + 1)}`;
  } finally {
    await fh.close();
  }
}

export interface RunRequest {
  baseModelId: number;
  versionId: number;
  recipe?: string | null;
  hyperParams?: Partial<HyperParams>;
  /** a policy's own defaults, under the request's */
  policyHyperParams?: Partial<HyperParams>;
  seed?: number;
  name?: string;
  policyId?: number | null;
  /**
   * Answer an identical run that already exists (same base model, version, recipe revision, resolved hyper-parameters
   * and seed; not failed or cancelled) instead of registering a new one (`reused` true; nothing is queued).
   */
  reuseIdentical?: boolean;
}

export interface RunRegistration {
  view: ExperimentView;
  /** a new row was inserted (and queued) */
  created: boolean;
  /** an identical existing run was answered (reuseIdentical) */
  reused: boolean;
}

@Injectable()
export class ExperimentsService {
  constructor(
    private readonly repo: ExperimentsRepository,
    private readonly records: TrainingRecordsRepository,
    private readonly baseModels: BaseModelsRepository,
    private readonly recipes: RecipesService,
    private readonly queue: QueueService,
    private readonly events: ExperimentEvents,
    private readonly audit: AuditService,
    private readonly queuedHooks: RunQueuedHooks,
    private readonly trainCounts: TrainCountsService,
  ) {}

  create(dto: CreateExperimentDto, actorId: string | null): Promise<ExperimentView> {
    return this.createRun({ ...dto, hyperParams: validateHyperParams(dto.hyperParams) }, actorId).then((r) => r.view);
  }

  /**
   * Registers a run (base model × frozen version × recipe revision × resolved hyper-parameters × seed) and queues it.
   * A policy's run for a version and recipe exists once: asked again, the existing one is answered (`created`
   * false) and, while still queued, queued again (a duplicate train job waits on the run's lock and finds it done).
   */
  async createRun(req: RunRequest, actorId: string | null): Promise<RunRegistration> {
    const model = await this.baseModels.find(req.baseModelId);
    if (!model) throw new BadRequestException({ message: `baseModelId: no base model ${req.baseModelId}`, errors: [{ field: 'baseModelId', message: 'not found' }] });
    const version = await this.repo.version(req.versionId);
    if (!version) throw new BadRequestException({ message: `versionId: no dataset version ${req.versionId}`, errors: [{ field: 'versionId', message: 'not found' }] });
    if (version.status !== 'frozen') {
      throw new ConflictException({ message: `versionId: dataset version "${version.name}" is ${version.status}; only a frozen version can be trained on`, errors: [{ field: 'versionId', message: version.status }] });
    }
    const recipe = req.recipe ? await this.resolveRecipe(req.recipe) : null;
    const hyperParams = resolveHyperParams(recipe?.name ?? null, req.policyHyperParams, req.hyperParams);
    const seed = req.seed ?? DEFAULT_EXPERIMENT_SEED;
    // a policy asking again for its own run takes the path below (answered, and queued again while still queued)
    const reusable = (row: ExperimentRow) => !(req.policyId != null && row.policyId === req.policyId);
    if (req.reuseIdentical) {
      const same = await this.repo.findIdentical({ baseModelId: model.id, versionId: version.id, recipeId: recipe?.id ?? null, hyperParams, seed });
      if (same && reusable(same)) return this.reuse(same, req.policyId ?? null);
    }
    // fixed before the row exists, so every listener of a queued run sees them
    const trainCounts = await this.trainCounts.countsFor(version.id, recipe?.id ?? null, seed);
    const name = req.name?.trim() || `${model.name} · ${version.name} · ${recipe ? `${recipe.name}@${recipe.revision}` : 'full train split'} · seed ${seed}`;
    const fields: NewExperiment = {
      name,
      baseModelId: model.id,
      versionId: version.id,
      recipeId: recipe?.id ?? null,
      recipeName: recipe?.name ?? null,
      hyperParams,
      seed,
      policyId: req.policyId ?? null,
      createdBy: actorId,
      trainCounts,
    };
    let id: string | null;
    if (req.reuseIdentical) {
      // another request may have registered the same run since the look above
      const got = await this.repo.insertUnlessIdentical(fields);
      if ('existing' in got && reusable(got.existing)) return this.reuse(got.existing, req.policyId ?? null);
      id = 'existing' in got ? null : got.id;
    } else {
      id = await this.repo.insert(fields);
    }
    if (id) {
      await this.audit.append({ actorId, entity: 'experiment', entityId: id, action: 'create', after: { name, baseModelId: model.id, versionId: version.id, recipe: recipe?.name ?? null, policyId: req.policyId ?? null, seed, hyperParams } });
    }
    const row = id ? await this.repo.find(id) : await this.repo.findByPolicy(req.policyId!, version.id, recipe!.name);
    if (!row) throw new Error(`experiment for policy ${req.policyId}, version ${version.id}, recipe ${recipe?.name} vanished`);
    if (row.status === 'queued') await this.queue.send(JobName.TrainExperiment, { experimentId: row.id });
    const view = await this.view(row);
    if (id) {
      await this.events.progress(view);
      await this.queuedHooks.emit(view);
    }
    return { view, created: id !== null, reused: false };
  }

  /** An identical run answered instead of a new one; who asked (a policy) is told to the reuse listeners. */
  private async reuse(row: ExperimentRow, policyId: number | null): Promise<RunRegistration> {
    const view = await this.view(row);
    await this.queuedHooks.emitReused(view, { policyId });
    return { view, created: false, reused: true };
  }

  async list(q: ListQuery): Promise<[ExperimentView[], number]> {
    const [rows, total] = await this.repo.list(q);
    const best = await this.repo.best(rows.map((r) => r.id));
    return [rows.map((r) => experimentView(r, best.get(r.id) ?? null)), total];
  }

  async get(id: string): Promise<ExperimentView> {
    return this.view(await this.row(id));
  }

  async cancel(id: string, actorId: string | null): Promise<ExperimentView> {
    if (!(await this.repo.requestCancel(id))) {
      throw new ConflictException(`Experiment ${id} is not queued or running (status: ${(await this.row(id)).status})`);
    }
    await this.audit.append({ actorId, entity: 'experiment', entityId: id, action: 'cancel' });
    return this.publish(id);
  }

  /** A cancelled or failed run goes back to the queue; the trainer resumes after its last complete checkpoint. */
  async resume(id: string, actorId: string | null): Promise<ExperimentView> {
    if (!(await this.repo.requeue(id))) {
      throw new ConflictException(`Experiment ${id} can only be resumed when cancelled or failed (status: ${(await this.row(id)).status})`);
    }
    await this.audit.append({ actorId, entity: 'experiment', entityId: id, action: 'resume' });
    await this.queue.send(JobName.TrainExperiment, { experimentId: id });
    return this.publish(id);
  }

  async steps(id: string, after = 0): Promise<TrainingStepView[]> {
    await this.row(id);
    return this.records.steps(id, after);
  }

  async checkpoints(id: string): Promise<CheckpointView[]> {
    await this.row(id);
    return (await this.records.checkpoints(id)).map(({ id: _, ...c }) => c);
  }

  /** The trainer's log (its stderr and the worker's notes), as the worker wrote it. */
  async log(id: string): Promise<string> {
    const row = await this.row(id);
    if (!row.logPath) throw new NotFoundException(`Experiment ${id} has no log yet (status: ${row.status})`);
    const text = await readTail(row.logPath, LOG_TAIL_BYTES).catch(() => null);
    if (text === null) throw new NotFoundException(`Experiment ${id}: its log ${row.logPath} is not on this server's file system`);
    return text;
  }

  /** Publishes the run's current view (rooms `experiments` and `experiment:<id>`) and returns it. */
  async publish(id: string): Promise<ExperimentView> {
    const view = await this.get(id);
    await this.events.progress(view);
    return view;
  }

  private async resolveRecipe(ref: string): Promise<{ id: number; name: string; revision: number }> {
    try {
      return await this.recipes.resolve({ name: ref });
    } catch (e) {
      if (e instanceof NotFoundException || e instanceof BadRequestException) {
        throw new BadRequestException({ message: `recipe: ${(e as Error).message}`, errors: [{ field: 'recipe', message: (e as Error).message }] });
      }
      throw e;
    }
  }

  private async row(id: string): Promise<ExperimentRow> {
    const row = await this.repo.find(id);
    if (!row) throw new NotFoundException(`Experiment ${id} not found`);
    return row;
  }

  private async view(row: ExperimentRow): Promise<ExperimentView> {
    return experimentView(row, (await this.repo.best([row.id])).get(row.id) ?? null);
  }
}
