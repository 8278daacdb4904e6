import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { FilterSchema, ListQuery } from '../common/list-query';
import { DatasetVersionView, progressView, type DecontaminationConfig, type VersionStatus } from './dataset-version';
import type { SplitConfig } from './splits/splits.service';
import type { VersionFilter } from './version-filter';
import type { ExclusionReason, ExclusionView } from './dataset-views';
import type { Split } from '../items/item-views';
import { updateReturning } from '../sql/update-returning';

export const VERSION_SORTABLE = ['id', 'name', 'createdAt', 'status', 'itemCount'] as const;
export const VERSION_FILTERS: FilterSchema = { status: 'text', q: 'text' };
const SORT_COLUMNS: Record<(typeof VERSION_SORTABLE)[number], string> = {
  id: 'v.id',
  name: 'v.name',
  createdAt: 'v.created_at',
  status: 'v.status',
  itemCount: 'v.item_count',
};

const SELECT_VIEW = `
  SELECT v.*, p.name AS parent_name, u.name AS created_by_name
    FROM dataset_versions v
    LEFT JOIN dataset_versions p ON p.id = v.parent_id
    LEFT JOIN users u ON u.id = v.created_by`;

export interface NewVersion {
  name: string;
  parentId: number | null;
  notes: string;
  filter: VersionFilter;
  splitConfig: SplitConfig;
  decontamination: DecontaminationConfig;
  createdBy: string | null;
}

@Injectable()
export class VersionsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(m: EntityManager, v: NewVersion): Promise<number> {
    const [row] = await m.query(
      `INSERT INTO dataset_versions (name, parent_id, notes, filter, split_config, decontamination, status, progress, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, 'freezing', '{"phase":"queued"}', $7) RETURNING id`,
      [v.name, v.parentId, v.notes, JSON.stringify(v.filter), JSON.stringify(v.splitConfig), JSON.stringify(v.decontamination), v.createdBy],
    );
    return row.id;
  }

  async nameTaken(name: string): Promise<boolean> {
    const rows = await this.db.query('SELECT 1 FROM dataset_versions WHERE name = $1', [name]);
    return rows.length > 0;
  }

  async idByName(name: string): Promise<number | null> {
    const [row] = await this.db.query('SELECT id FROM dataset_versions WHERE name = $1', [name]);
    return row?.id ?? null;
  }

  async findById(id: number, m: DataSource | EntityManager = this.db): Promise<DatasetVersionView | null> {
    const [row] = await m.query(`${SELECT_VIEW} WHERE v.id = $1`, [id]);
    return row ? toView(row) : null;
  }

  async list(q: ListQuery): Promise<[DatasetVersionView[], number]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (typeof q.filter.status === 'string') {
      params.push(q.filter.status);
      where.push(`v.status = $${params.length}`);
    }
    if (typeof q.filter.q === 'string' && q.filter.q !== '') {
      params.push(`%${q.filter.q}%`);
      where.push(`v.name ILIKE $${params.length}`);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const order = `${SORT_COLUMNS[q.sort.field as keyof typeof SORT_COLUMNS]} ${q.sort.order} NULLS LAST, v.id ${q.sort.order}`;
    const rows = await this.db.query(`${SELECT_VIEW} ${clause} ORDER BY ${order} OFFSET ${q.offset} LIMIT ${q.limit}`, params);
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM dataset_versions v ${clause}`, params);
    return [rows.map(toView), n];
  }

  /**
   * Moves a version between states; false when it was not in one of `from`. The heartbeat is cleared: a cancelled
   * run stops, and a resumed one is queued, not held by a runner, until a runner writes its first checkpoint.
   */
  async transition(id: number, from: VersionStatus[], to: VersionStatus, failureReason: string | null = null): Promise<boolean> {
    const rows = await updateReturning(
      this.db,
      `UPDATE dataset_versions SET status = $3, failure_reason = $4, heartbeat_at = NULL
        WHERE id = $1 AND status = ANY ($2::text[]) RETURNING id`,
      [id, from, to, failureReason],
    );
    return rows.length > 0;
  }

  /** Deletes a version that never froze (its partial rows go with it). */
  async deleteUnfrozen(id: number): Promise<boolean> {
    const rows = await updateReturning(
      this.db,
      `DELETE FROM dataset_versions WHERE id = $1 AND status IN ('cancelled', 'failed') RETURNING id`,
      [id],
    );
    return rows.length > 0;
  }

  async hasChildren(id: number): Promise<boolean> {
    const rows = await this.db.query('SELECT 1 FROM dataset_versions WHERE parent_id = $1 LIMIT 1', [id]);
    return rows.length > 0;
  }

  /** A page of the items a freeze flagged, with whether a lead has since overruled (for the next freeze). */
  async exclusions(id: number, reason: string | null, offset: number, limit: number): Promise<readonly [ExclusionView[], number]> {
    const params = [id, reason];
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT e.item_id, a.key AS ability, e.split, e.reason, e.evidence, e.overruled,
              o.reason AS overrule_reason, o.created_at AS overruled_at, ou.name AS overruled_by_name
         FROM dataset_version_exclusions e
         JOIN abilities a ON a.id = e.ability_id
         LEFT JOIN decontamination_overrules o ON o.item_id = e.item_id
         LEFT JOIN users ou ON ou.id = o.overruled_by
        WHERE e.version_id = $1 AND ($2::text IS NULL OR e.reason = $2)
        ORDER BY e.reason, e.item_id OFFSET ${offset} LIMIT ${limit}`,
      params,
    );
    const [{ n }] = await this.db.query(
      `SELECT count(*)::int AS n FROM dataset_version_exclusions e WHERE e.version_id = $1 AND ($2::text IS NULL OR e.reason = $2)`,
      params,
    );
    return [
      rows.map((r) => ({
        id: Number(r.item_id),
        itemId: Number(r.item_id),
        ability: r.ability as string,
        split: r.split as Split,
        reason: r.reason as ExclusionReason,
        evidence: r.evidence as ExclusionView['evidence'],
        overruled: r.overruled as boolean,
        overrule: r.overrule_reason
          ? { reason: r.overrule_reason as string, at: r.overruled_at as Date, by: (r.overruled_by_name as string | null) ?? null }
          : null,
      })),
      n as number,
    ] as const;
  }
}

function toView(r: Record<string, any>): DatasetVersionView {
  const base = {
    id: r.id,
    name: r.name,
    parentId: r.parent_id,
    parentName: r.parent_name ?? null,
    notes: r.notes,
    filter: r.filter,
    splitConfig: r.split_config,
    decontamination: r.decontamination,
    status: r.status,
    failureReason: r.failure_reason,
    itemCount: r.item_count,
    counts: r.counts,
    missingPpl: r.missing_ppl,
    contentHash: r.content_hash,
    createdBy: r.created_by,
    createdByName: r.created_by_name ?? null,
    createdAt: r.created_at,
    frozenAt: r.frozen_at,
  };
  return { ...base, progress: progressView({ id: r.id, name: r.name, status: r.status, progress: r.progress }) };
}
