import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ListQuery } from '../common/list-query';
import { Item } from './item.entity';

export const ITEM_SORTABLE = ['id', 'createdAt', 'status', 'abilityId', 'rawLine'] as const;

@Injectable()
export class ItemsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(q: ListQuery): Promise<[Item[], number]> {
    const qb = this.db.getRepository(Item).createQueryBuilder('i');
    const f = q.filter;
    if (f.abilityId !== undefined) qb.andWhere('i.abilityId = :abilityId', { abilityId: Number(f.abilityId) });
    if (typeof f.status === 'string') qb.andWhere('i.status = :status', { status: f.status });
    if (typeof f.split === 'string') qb.andWhere('i.split = :split', { split: f.split });
    if (typeof f.sourceId === 'string') qb.andWhere('i.sourceId = :sourceId', { sourceId: f.sourceId });
    if (typeof f.importId === 'string') qb.andWhere('i.importId = :importId', { importId: f.importId });
    if (f.duplicateOf !== undefined) qb.andWhere('i.duplicateOf = :dup', { dup: Number(f.duplicateOf) });
    if (typeof f.q === 'string' && f.q !== '') qb.andWhere('i.messages::text ILIKE :q', { q: `%${f.q}%` });
    return qb.orderBy(`i.${q.sort.field}`, q.sort.order).skip(q.offset).take(q.limit).getManyAndCount();
  }

  findById(id: number, m: EntityManager = this.db.manager): Promise<Item | null> {
    return m.getRepository(Item).findOne({ where: { id }, lock: m.queryRunner?.isTransactionActive ? { mode: 'pessimistic_write' } : undefined });
  }
}
