import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import type { FilterSchema, ListQuery } from '../common/list-query';
import { ANSWER_TYPES, REVIEW_MODES } from './item-views';
import { Item } from './item.entity';
import { searchPatterns } from './item-search';

export const ITEM_SORTABLE = ['id', 'createdAt', 'status', 'abilityId', 'rawLine'] as const;
export const ITEM_FILTERS: FilterSchema = { abilityId: 'int', status: 'text', split: 'text', sourceId: 'uuid', importId: 'uuid', duplicateOf: 'bigint', reviewMode: { oneOf: REVIEW_MODES }, answerType: { oneOf: ANSWER_TYPES }, q: 'text' };

@Injectable()
export class ItemsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(q: ListQuery): Promise<[Item[], number]> {
    const qb = this.db.getRepository(Item).createQueryBuilder('i');
    const f = q.filter;
    if (f.abilityId !== undefined) qb.andWhere('i.abilityId = :abilityId', { abilityId: Number(f.abilityId) });
    if (typeof f.status === 'string') qb.andWhere('i.status = :status', { status: f.status });
    if (typeof f.split === 'string') qb.andWhere('i.split = :split', { split: f.split });
    if (typeof f.reviewMode === 'string') qb.andWhere('i.reviewMode = :reviewMode', { reviewMode: f.reviewMode });
    if (typeof f.answerType === 'string') qb.andWhere('i.answerType = :answerType', { answerType: f.answerType });
    if (typeof f.sourceId === 'string') qb.andWhere('i.sourceId = :sourceId', { sourceId: f.sourceId });
    if (typeof f.importId === 'string') qb.andWhere('i.importId = :importId', { importId: f.importId });
    if (f.duplicateOf !== undefined) qb.andWhere('i.duplicateOf = :dup', { dup: Number(f.duplicateOf) });
    if (typeof f.q === 'string') this.whereTextMatches(qb, f.q);
    return qb.orderBy(`i.${q.sort.field}`, q.sort.order).skip(q.offset).take(q.limit).getManyAndCount();
  }

  /**
   * Every term in some message's content (not in the JSON around it: `user` or `content` match nothing extra).
   * The conversation's text is built once per row; no index serves a substring search, so it is a scan.
   */
  private whereTextMatches(qb: SelectQueryBuilder<Item>, q: string): void {
    const groups = searchPatterns(q);
    if (groups.length === 0) return;
    const params = Object.fromEntries(groups.map((patterns, k) => [`term${k}`, patterns]));
    const all = groups.map((_, k) => `s.text ILIKE ANY (CAST(:term${k} AS text[]))`).join(' AND ');
    qb.andWhere(
      `EXISTS (SELECT 1 FROM (SELECT string_agg(m->>'content', E'\\n') AS text FROM jsonb_array_elements(i.messages) m) s WHERE ${all})`,
      params,
    );
  }

  /** Where each import's file is kept and what it was called, by import id. */
  async importFilesOf(importIds: string[]): Promise<Map<string, { filePath: string; originalName: string }>> {
    if (!importIds.length) return new Map();
    const rows: Array<{ id: string; filePath: string; originalName: string }> = await this.db.query(
      'SELECT id, file_path AS "filePath", original_name AS "originalName" FROM imports WHERE id = ANY ($1::uuid[])',
      [importIds],
    );
    return new Map(rows.map(({ id, ...f }) => [id, f]));
  }

  /** Items among `ids` that a frozen (or freezing) dataset version holds and whose split `split` would change. */
  async splitLockedIds(ids: number[], split: string | null): Promise<number[]> {
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT DISTINCT i.id FROM items i
         JOIN dataset_version_items v ON v.item_id = i.id
         JOIN dataset_versions dv ON dv.id = v.version_id AND dv.status IN ('frozen', 'freezing')
        WHERE i.id = ANY ($1::bigint[]) AND i.split IS DISTINCT FROM $2
        ORDER BY i.id LIMIT 20`,
      [ids, split],
    );
    return rows.map((r) => Number(r.id));
  }

  findById(id: number, m: EntityManager = this.db.manager): Promise<Item | null> {
    return m.getRepository(Item).findOne({ where: { id }, lock: m.queryRunner?.isTransactionActive ? { mode: 'pessimistic_write' } : undefined });
  }
}
