import { BadRequestException, ConflictException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import type { ListQuery } from '../../common/list-query';
import { JobName } from '../../queue/jobs';
import { QueueService } from '../../queue/queue.service';
import { priceTableFor } from '../endpoints/endpoint-row';
import { LlmEndpointsRepository } from '../endpoints/llm-endpoints.repository';
import { LlmError, type DryRunEstimate } from '../llm';
import type { Taxonomy } from '../glan';
import type { SynthesisRunStatus } from '../synthesis-contract';
import type { CreateRunDto, UpdateRunCapsDto } from './dto/run.dto';
import { estimateRun, parseGenerationSettings, runDisciplines, SettingsError } from './generation-settings';
import { SynthesisRunsRepository, type RunRow } from './synthesis-runs.repository';

/** A run with its estimate; answered as JSON it is a RunView (server/synthesis/synthesis-views.ts: timestamps as strings). */
export type RunRecord = RunRow & { estimate: DryRunEstimate | null };

/** Generation runs (issue 15 items 2, 3): create (or only estimate), follow, pause, resume, cancel, raise caps. */
@Injectable()
export class SynthesisRunsService {
  constructor(
    private readonly repo: SynthesisRunsRepository,
    private readonly endpoints: LlmEndpointsRepository,
    private readonly queue: QueueService,
  ) {}

  async create(dto: CreateRunDto, actorId: string | null, opts: { enqueue?: boolean } = {}): Promise<RunRecord | { dryRun: true; estimate: DryRunEstimate }> {
    const { taxonomyId, revision, tree } = await this.resolveTaxonomy(dto);
    const question = await this.endpoints.findRow(dto.endpointId);
    if (!question) throw invalid('endpointId', `no LLM endpoint ${dto.endpointId}`);
    const answer = dto.answerEndpointId ? await this.endpoints.findRow(dto.answerEndpointId) : question;
    if (!answer) throw invalid('answerEndpointId', `no LLM endpoint ${dto.answerEndpointId}`);
    const settings = checked(() => parseGenerationSettings(dto.settings));
    const disciplines = checked(() => runDisciplines(tree, settings));
    if (!disciplines.length) throw invalid('taxonomyId', 'the taxonomy revision has no disciplines to generate for');
    const estimate = checked(() => estimateRun(tree, settings, { question: question.model, answer: answer.model }, priceTableFor([question, answer])));
    if (dto.dryRun) return { dryRun: true, estimate };
    if (taxonomyId) await this.repo.keepRevision(taxonomyId, revision, tree);
    const id = await this.repo.insert(
      { name: dto.name.trim(), taxonomyId, taxonomyRevision: revision, endpointId: question.id, answerEndpointId: dto.answerEndpointId ?? null, reviewMode: dto.reviewMode ?? 'dual', settings },
      actorId,
    );
    // the CLI runs it in its own process instead
    if (opts.enqueue !== false) await this.queue.send(JobName.SynthesisRun, { runId: id });
    return this.get(id);
  }

  async list(q: ListQuery): Promise<[RunRow[], number]> {
    return this.repo.list(q);
  }

  /** The run with its dry-run estimate (computed from its revision, settings and endpoints' prices). */
  async get(id: string): Promise<RunRecord> {
    const run = await this.mustFind(id);
    let estimate: DryRunEstimate | null = null;
    const revision = await this.repo.revisionTree(run.taxonomyRevision, run.taxonomyId);
    const question = run.endpointId ? await this.endpoints.findRow(run.endpointId) : null;
    const answer = run.answerEndpointId ? await this.endpoints.findRow(run.answerEndpointId) : question;
    if (revision && question && answer) {
      try {
        estimate = estimateRun(revision.tree, run.settings, { question: question.model, answer: answer.model }, priceTableFor([question, answer]));
      } catch {
        estimate = null; // a revision or endpoint changed under the run: its detail still shows
      }
    }
    return { ...run, estimate };
  }

  /** A queued run pauses at once; a running one is asked to (it stops between calls, aborting those in flight). */
  async pause(id: string): Promise<RunRecord> {
    await this.move(id, ['queued', 'running'], `CASE WHEN status = 'queued' THEN 'paused' ELSE 'pausing' END`, `, pause_reason = 'user'`, 'pause');
    return this.get(id);
  }

  async resume(id: string, opts: { enqueue?: boolean } = {}): Promise<RunRecord> {
    await this.move(id, ['paused', 'failed'], `'queued'`, `, pause_reason = NULL, failure_reason = NULL`, 'resume');
    if (opts.enqueue !== false) await this.queue.send(JobName.SynthesisRun, { runId: id });
    return this.get(id);
  }

  async cancel(id: string): Promise<RunRecord> {
    await this.move(id, ['queued', 'paused', 'failed', 'running', 'pausing'], `CASE WHEN status IN ('running', 'pausing') THEN 'cancelling' ELSE 'cancelled' END`, `, finished_at = CASE WHEN status IN ('running', 'pausing') THEN NULL ELSE now() END`, 'cancel');
    return this.get(id);
  }

  /** New caps (null removes one); a run paused by its budget then continues when resumed. */
  async updateCaps(id: string, dto: UpdateRunCapsDto): Promise<RunRecord> {
    const run = await this.mustFind(id);
    const patch: Record<string, unknown> = {};
    if (dto.maxTotalTokens !== undefined) patch.maxTotalTokens = dto.maxTotalTokens;
    if (dto.maxCostUsd !== undefined) patch.maxCostUsd = dto.maxCostUsd;
    await this.repo.updateSettings(id, checked(() => parseGenerationSettings(patch, run.settings)));
    return this.get(id);
  }

  async failures(id: string, offset: number, limit: number) {
    await this.mustFind(id);
    return this.repo.failures(id, offset, limit);
  }

  async nodes(id: string, kind: string | null, offset: number, limit: number) {
    await this.mustFind(id);
    return this.repo.nodes(id, kind, offset, limit);
  }

  private async move(id: string, from: SynthesisRunStatus[], to: string, extra: string, verb: string): Promise<void> {
    const run = await this.mustFind(id);
    if (!(await this.repo.transition(id, from, to, extra))) throw new ConflictException(`cannot ${verb} a run that is ${run.status}`);
  }

  private async mustFind(id: string): Promise<RunRow> {
    const run = await this.repo.find(id);
    if (!run) throw new NotFoundException(`generation run ${id} not found`);
    return run;
  }

  private async resolveTaxonomy(dto: CreateRunDto): Promise<{ taxonomyId: string | null; revision: string; tree: Taxonomy }> {
    if (!dto.taxonomyId && !dto.taxonomyRevision) throw invalid('taxonomyId', 'give taxonomyId (its current revision is used) or taxonomyRevision');
    if (dto.taxonomyRevision) {
      const kept = await this.repo.revisionTree(dto.taxonomyRevision, dto.taxonomyId ?? null);
      if (!kept) throw invalid('taxonomyRevision', `no kept taxonomy revision ${dto.taxonomyRevision}${dto.taxonomyId ? ` of taxonomy ${dto.taxonomyId}` : ''}`);
      return { taxonomyId: kept.taxonomyId, revision: dto.taxonomyRevision, tree: kept.tree };
    }
    const current = await this.repo.currentTaxonomy(dto.taxonomyId!);
    if (!current) throw invalid('taxonomyId', `no taxonomy ${dto.taxonomyId}`);
    return { taxonomyId: dto.taxonomyId!, revision: current.revision, tree: current.tree };
  }
}

function invalid(field: string, message: string): UnprocessableEntityException {
  return new UnprocessableEntityException({ message: `${field}: ${message}`, errors: [{ field, message }] });
}

/** Settings problems become a 422 listing each field; an LLM configuration error (a price missing for a cap) a 422 too. */
function checked<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof SettingsError) throw new UnprocessableEntityException({ message: `Invalid settings: ${e.message}`, errors: e.problems });
    if (e instanceof LlmError) throw new UnprocessableEntityException({ message: e.message });
    if (e instanceof Error && /template/.test(e.message)) throw new BadRequestException(e.message);
    throw e;
  }
}
