import { ConflictException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { AbilitiesService } from '../../abilities/abilities.service';
import { AuditService } from '../../audit/audit.service';
import { JobName } from '../../queue/jobs';
import { ImportsService } from '../../imports/imports.service';
import { QueueService } from '../../queue/queue.service';
import type { IngestCancelled, IngestRequested } from '../synthesis-views';
import { IngestRepository } from './ingest.repository';

/** Starting (or re-running) the ingestion of a generation run's pairs by hand; the job does the work (IngestRunner). */
@Injectable()
export class IngestService {
  constructor(
    private readonly repo: IngestRepository,
    private readonly abilities: AbilitiesService,
    private readonly queue: QueueService,
    private readonly audit: AuditService,
    private readonly imports: ImportsService,
  ) {}

  /**
   * Queues the ingestion of a completed generation run. `ability` is the default ability for pairs whose discipline
   * the taxonomy maps to none (kept on the run for later re-runs).
   */
  async request(runId: string, ability: string | undefined, actorId: string): Promise<IngestRequested> {
    const run = await this.repo.run(runId);
    if (!run || run.kind !== 'generation') throw new NotFoundException(`Generation run ${runId} not found`);
    if (run.status !== 'completed') {
      throw new ConflictException(`Run ${runId} is ${run.status}: its pairs are ingested once its answers are done (status completed)`);
    }
    if (ability !== undefined) {
      if (!(await this.abilities.idsByKey()).has(ability)) {
        throw new UnprocessableEntityException({ message: `ability: no ability with key "${ability}"`, errors: [{ field: 'ability', message: `no ability with key "${ability}"` }] });
      }
      await this.repo.setDefaultAbility(runId, ability);
    }
    await this.audit.append({ actorId, entity: 'synthesis_run', entityId: runId, action: 'ingest', after: ability ? { defaultAbility: ability } : undefined });
    await this.queue.send(JobName.IngestSynthesis, { runId });
    const counts = await this.repo.counts(runId);
    return { runId, queued: true, stage: run.stage as IngestRequested['stage'], pairs: counts };
  }

  /**
   * Stops an ingestion: its import in progress is cancelled (it keeps what it committed), the ingestion job then
   * stops with the run left at stage ingest, and ingesting again resumes the import where it stopped.
   */
  async cancel(runId: string, actorId: string | null): Promise<IngestCancelled> {
    const run = await this.repo.run(runId);
    if (!run || run.kind !== 'generation') throw new NotFoundException(`Generation run ${runId} not found`);
    const active = (await this.repo.importsOf(runId)).filter((i) => i.status === 'queued' || i.status === 'running');
    if (active.length === 0) throw new ConflictException(`Run ${runId} has no ingestion import in progress to cancel`);
    for (const imp of active) await this.imports.cancel(imp.id, actorId);
    await this.audit.append({ actorId, entity: 'synthesis_run', entityId: runId, action: 'cancel_ingest' });
    return { runId, cancelled: active.map((i) => i.id) };
  }
}
