import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CreateSourceDto, UpdateSourceDto } from './dto/source.dto';
import { Source } from './source.entity';

@Injectable()
export class SourcesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<Source[]> {
    return this.db.getRepository(Source).find({ order: { name: 'ASC' } });
  }

  async get(id: string): Promise<Source> {
    const source = await this.db.getRepository(Source).findOneBy({ id });
    if (!source) throw new NotFoundException(`Source ${id} not found`);
    return source;
  }

  async create(dto: CreateSourceDto, actorId: string | null): Promise<Source> {
    return this.db.transaction(async (m) => {
      if (await m.getRepository(Source).existsBy({ name: dto.name })) {
        throw new ConflictException(`name: a source named "${dto.name}" already exists`);
      }
      return this.insert(m, dto, actorId);
    });
  }

  /** The source with this name, created from `defaults` when it does not exist yet. */
  async findOrCreate(name: string, defaults: Omit<CreateSourceDto, 'name'>, actorId: string | null): Promise<Source> {
    return this.db.transaction(async (m) => {
      const existing = await m.getRepository(Source).findOneBy({ name });
      return existing ?? this.insert(m, { ...defaults, name }, actorId);
    });
  }

  async update(id: string, dto: UpdateSourceDto, actorId: string): Promise<Source> {
    return this.db.transaction(async (m) => {
      const repo = m.getRepository(Source);
      const before = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!before) throw new NotFoundException(`Source ${id} not found`);
      await repo.update(id, dto);
      const after = await repo.findOneByOrFail({ id });
      await this.audit.append({ actorId, entity: 'source', entityId: id, action: 'update', before, after }, m);
      return after;
    });
  }

  private async insert(m: EntityManager, dto: CreateSourceDto, actorId: string | null): Promise<Source> {
    const repo = m.getRepository(Source);
    const source = await repo.save(
      repo.create({ name: dto.name, kind: dto.kind, license: dto.license ?? null, notes: dto.notes ?? '', createdBy: actorId }),
    );
    await this.audit.append({ actorId, entity: 'source', entityId: source.id, action: 'create', after: source }, m);
    return source;
  }
}
