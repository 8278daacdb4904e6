import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Ability } from './ability.entity';
import { CreateAbilityDto, UpdateAbilityDto } from './dto/ability.dto';

@Injectable()
export class AbilitiesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<Ability[]> {
    return this.db.getRepository(Ability).find({ order: { id: 'ASC' } });
  }

  async get(id: number): Promise<Ability> {
    const ability = await this.db.getRepository(Ability).findOneBy({ id });
    if (!ability) throw new NotFoundException(`Ability ${id} not found`);
    return ability;
  }

  /** key → id for every ability, as imports resolve them. */
  async idsByKey(): Promise<Map<string, number>> {
    const rows = await this.db.getRepository(Ability).find({ select: { id: true, key: true } });
    return new Map(rows.map((r) => [r.key, r.id]));
  }

  async create(dto: CreateAbilityDto, actorId: string): Promise<Ability> {
    return this.db.transaction(async (m) => {
      const repo = m.getRepository(Ability);
      if (await repo.existsBy({ key: dto.key })) throw new ConflictException(`key: ability "${dto.key}" already exists`);
      const ability = await repo.save(repo.create({ ...dto, description: dto.description ?? '' }));
      await this.audit.append({ actorId, entity: 'ability', entityId: ability.id, action: 'create', after: ability }, m);
      return ability;
    });
  }

  async update(id: number, dto: UpdateAbilityDto, actorId: string): Promise<Ability> {
    return this.db.transaction(async (m) => {
      const repo = m.getRepository(Ability);
      const before = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!before) throw new NotFoundException(`Ability ${id} not found`);
      await repo.update(id, dto);
      const after = await repo.findOneByOrFail({ id });
      await this.audit.append({ actorId, entity: 'ability', entityId: id, action: 'update', before, after }, m);
      return after;
    });
  }
}
