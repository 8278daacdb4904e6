import { ConflictException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service';
import { QueueService } from '../../queue/queue.service';
import { JobName } from '../../queue/jobs';
import { LlmEndpointsRepository } from '../endpoints/llm-endpoints.repository';
import type { DraftTaxonomyDto } from './dto/taxonomy.dto';
import { TaxonomiesRepository } from './taxonomies.repository';
import { TaxonomyDraftRunner } from './taxonomy-draft-runner';
import { TaxonomyDraftsRepository } from './taxonomy-drafts.repository';
import { DRAFT_PROMPT_KINDS, type DraftRunView, type DraftSettings } from './taxonomy-views';

/** LLM drafts of a taxonomy (issue 15 item 1): queued as a job; cancelled, resumed and followed here. */
@Injectable()
export class TaxonomyDraftsService {
  constructor(
    private readonly drafts: TaxonomyDraftsRepository,
    private readonly taxonomies: TaxonomiesRepository,
    private readonly endpoints: LlmEndpointsRepository,
    private readonly runner: TaxonomyDraftRunner,
    private readonly queue: QueueService,
    private readonly audit: AuditService,
  ) {}

  /** `enqueue: false`: the caller runs it in its own process (the CLI, with a progress bar). */
  async create(dto: DraftTaxonomyDto, actorId: string | null, opts: { enqueue: boolean } = { enqueue: true }): Promise<DraftRunView> {
    const name = dto.name.trim();
    if (!(await this.endpoints.findRow(dto.endpointId))) {
      throw new UnprocessableEntityException({ message: `No LLM endpoint ${dto.endpointId}`, errors: [{ field: 'endpointId', message: 'no such endpoint' }] });
    }
    if (await this.taxonomies.nameTaken(name)) throw new ConflictException({ message: `A taxonomy named "${name}" exists`, errors: [{ field: 'name', message: 'already taken' }] });
    const settings: DraftSettings = {
      language: dto.language ?? 'en',
      prompts: dto.prompts ?? [...DRAFT_PROMPT_KINDS],
      samplesPerPrompt: dto.samplesPerPrompt ?? 1,
      temperature: dto.temperature ?? 0.7,
      maxTokens: dto.maxTokens ?? 4096,
    };
    const planned = settings.prompts.length * settings.samplesPerPrompt;
    const id = await this.drafts.insertRun({ name, endpointId: dto.endpointId, settings, progress: { planned, done: 0, failed: 0 }, createdBy: actorId });
    await this.audit.append({ actorId, entity: 'synthesis_run', entityId: id, action: 'taxonomy-draft', after: { name, endpointId: dto.endpointId, settings } });
    if (opts.enqueue) await this.queue.send(JobName.DraftTaxonomy, { runId: id });
    return this.get(id);
  }

  async get(id: string): Promise<DraftRunView> {
    const run = await this.drafts.find(id);
    if (!run) throw new NotFoundException(`Taxonomy draft ${id} not found`);
    const { createdBy: _, ...view } = run;
    return { ...view, failures: await this.drafts.failures(id) };
  }

  async cancel(id: string, actorId: string | null = null): Promise<DraftRunView> {
    const run = await this.get(id);
    if (!(await this.drafts.requestCancel(id))) throw new ConflictException(`Draft ${id} is ${run.status}; only a queued or running draft can be cancelled`);
    await this.audit.append({ actorId, entity: 'synthesis_run', entityId: id, action: 'cancel', before: { status: run.status } });
    await this.runner.publish(id);
    return this.get(id);
  }

  /** A cancelled or failed draft queued again: it asks only for the completions it has not stored. */
  async resume(id: string, actorId: string | null = null, opts: { enqueue: boolean } = { enqueue: true }): Promise<DraftRunView> {
    const run = await this.get(id);
    if (!(await this.drafts.requeue(id))) throw new ConflictException(`Draft ${id} is ${run.status}; only a cancelled or failed draft can be resumed`);
    await this.audit.append({ actorId, entity: 'synthesis_run', entityId: id, action: 'resume', before: { status: run.status } });
    if (opts.enqueue) await this.queue.send(JobName.DraftTaxonomy, { runId: id });
    await this.runner.publish(id);
    return this.get(id);
  }
}
