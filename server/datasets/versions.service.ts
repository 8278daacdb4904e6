import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { ListQuery } from '../common/list-query';
import { JobName } from '../queue/jobs';
import { QueueService } from '../queue/queue.service';
import type { DatasetVersionView } from './dataset-version';
import { CONTAMINATION_NGRAM } from './decontamination/contamination-ngrams';
import { FreezeVersionDto } from './dto/freeze-version.dto';
import { SplitsService } from './splits/splits.service';
import { VersionsRepository } from './versions.repository';

export const DEFAULT_NGRAM = CONTAMINATION_NGRAM;

@Injectable()
export class VersionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: VersionsRepository,
    private readonly splits: SplitsService,
    private readonly queue: QueueService,
    private readonly audit: AuditService,
  ) {}

  /** Registers a version in state `freezing` and queues the job that freezes it. */
  async freeze(dto: FreezeVersionDto, actorId: string | null): Promise<DatasetVersionView> {
    if (await this.repo.nameTaken(dto.name)) throw new ConflictException(`name: a version named "${dto.name}" already exists`);
    if (dto.parentId !== undefined) {
      const parent = await this.repo.findById(dto.parentId);
      if (!parent) throw new BadRequestException(`parentId: no version ${dto.parentId}`);
      if (parent.status !== 'frozen') throw new BadRequestException(`parentId: version "${parent.name}" is ${parent.status}, not frozen`);
    }
    await this.splits.resolveFilter(dto.filter); // refuses unknown abilities now rather than in the job
    const filter = dto.filter ?? {};
    const splitConfig = this.splits.splitConfig(dto);
    const id = await this.db.transaction(async (m) => {
      const created = await this.repo
        .insert(m, {
          name: dto.name,
          parentId: dto.parentId ?? null,
          notes: dto.notes ?? '',
          filter,
          splitConfig,
          decontamination: { ngram: dto.ngram ?? DEFAULT_NGRAM },
          createdBy: actorId,
        })
        .catch((e: { code?: string }) => {
          if (e.code === '23505') throw new ConflictException(`name: a version named "${dto.name}" already exists`);
          throw e;
        });
      await this.audit.append(
        { actorId, entity: 'dataset_version', entityId: created, action: 'create', after: { name: dto.name, filter, splitConfig, ngram: dto.ngram ?? DEFAULT_NGRAM } },
        m,
      );
      return created;
    });
    await this.queue.send(JobName.FreezeDataset, { versionId: id });
    return this.get(id);
  }

  async idByName(name: string): Promise<number> {
    const id = await this.repo.idByName(name);
    if (id === null) throw new NotFoundException(`No dataset version named "${name}"`);
    return id;
  }

  list(q: ListQuery) {
    return this.repo.list(q);
  }

  async get(id: number): Promise<DatasetVersionView> {
    const v = await this.repo.findById(id);
    if (!v) throw new NotFoundException(`Dataset version ${id} not found`);
    return v;
  }

  /** Stops a freeze at its next batch; what it wrote stays for `resume`. */
  async cancel(id: number, actorId: string | null): Promise<DatasetVersionView> {
    if (!(await this.repo.transition(id, ['freezing'], 'cancelled'))) {
      throw new ConflictException(`Dataset version ${id} is not freezing (status: ${(await this.get(id)).status})`);
    }
    await this.audit.append({ actorId, entity: 'dataset_version', entityId: id, action: 'cancel' });
    return this.get(id);
  }

  /** Continues a cancelled or failed freeze from its last committed batch. */
  async resume(id: number, actorId: string | null): Promise<DatasetVersionView> {
    if (!(await this.repo.transition(id, ['cancelled', 'failed'], 'freezing'))) {
      throw new ConflictException(`Dataset version ${id} can only be resumed when cancelled or failed (status: ${(await this.get(id)).status})`);
    }
    await this.audit.append({ actorId, entity: 'dataset_version', entityId: id, action: 'resume' });
    await this.queue.send(JobName.FreezeDataset, { versionId: id });
    return this.get(id);
  }

  /** Removes a version that never froze, freeing its name. Frozen versions are permanent. */
  async remove(id: number, actorId: string | null): Promise<void> {
    const v = await this.get(id);
    if (await this.repo.hasChildren(id)) throw new ConflictException(`Dataset version "${v.name}" is the parent of another version`);
    if (!(await this.repo.deleteUnfrozen(id))) {
      throw new ConflictException(`Dataset version "${v.name}" is ${v.status}: only cancelled or failed versions can be deleted`);
    }
    await this.audit.append({ actorId, entity: 'dataset_version', entityId: id, action: 'delete', before: { name: v.name, status: v.status } });
  }

  async exclusions(id: number, reason: unknown, offset: number, limit: number) {
    await this.get(id);
    if (reason !== undefined && reason !== 'contaminated' && reason !== 'not_ppl_ready') {
      throw new BadRequestException('filter.reason: expected "contaminated" or "not_ppl_ready"');
    }
    return this.repo.exclusions(id, (reason as string | undefined) ?? null, offset, limit);
  }
}
