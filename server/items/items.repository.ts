import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { many, type FilterSchema, type ListQuery } from '../common/list-query';
import { ANSWER_TYPES, REVIEW_MODES } from './item-views';
import { Item } from './item.entity';
import { searchPatterns } from './item-search';

export const ITEM_SORTABLE = ['id', 'createdAt', 'status', 'abilityId', 'rawLine'] as const;
/** `id` (one or a list) is react-admin's getMany: the Items list's bulk actions read the selection's current statuses with it. */
export const ITEM_FILTERS: FilterSchema = { id: many('bigint'), abilityId: 'int', status: 'text', split: 'text', sourceId: 'uuid', importId: 'uuid', duplicateOf: 'bigint', reviewMode: { oneOf: REVIEW_MODES }, answerType: { oneOf: ANSWER_TYPES }, q: 'text' };

@Injectable()
export class ItemsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(q: ListQuery): Promise<[Item[], number]> {
    const qb = this.db.getRepository(Item).createQueryBuilder('i');
    const f = q.filter;
    if (f.id !== undefined) qb.andWhere('i.id = ANY (CAST(:ids AS bigint[]))', { ids: (Array.isArray(f.id) ? f.id : [f.id]).map(String) });
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

  /** Items among `ids` that a frozen (or freezing) dataset version holds and whose split `split` would change (at most `limit`). */
  async splitLockedIds(ids: number[], split: string | null, limit = 20): Promise<number[]> {
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT DISTINCT i.id FROM items i
         JOIN dataset_version_items v ON v.item_id = i.id
         JOIN dataset_versions dv ON dv.id = v.version_id AND dv.status IN ('frozen', 'freezing')
        WHERE i.id = ANY ($1::bigint[]) AND i.split IS DISTINCT FROM $2
        ORDER BY i.id LIMIT $3`,
      [ids, split, limit],
    );
    return rows.map((r) => Number(r.id));
  }

  /** Sets the split of those of `ids` whose split differs, auditing each change; returns the items changed. */
  async setSplit(ids: number[], split: string | null, actorId: string): Promise<number[]> {
    const rows: Array<{ entity_id: string }> = await this.db.query(
      `WITH old AS (SELECT id, split FROM items WHERE id = ANY ($2::bigint[]) AND split IS DISTINCT FROM $3 FOR UPDATE),
       changed AS (UPDATE items i SET split = $3, updated_at = now() FROM old WHERE i.id = old.id RETURNING i.id, old.split AS before)
       INSERT INTO audit_log (actor_id, entity, entity_id, action, before, after)
       SELECT $1, 'item', id::text, 'split', jsonb_build_object('split', before), jsonb_build_object('split', $3::text) FROM changed
       RETURNING entity_id`,
      [actorId, ids, split],
    );
    return rows.map((r) => Number(r.entity_id)).sort((a, b) => a - b);
  }

  findById(id: number, m: EntityManager = this.db.manager): Promise<Item | null> {
    return m.getRepository(Item).findOne({ where: { id }, lock: m.queryRunner?.isTransactionActive ? { mode: 'pessimistic_write' } : undefined });
  }
}
