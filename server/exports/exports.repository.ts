import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { FilterSchema, ListQuery } from '../common/list-query';
import { emptyProgress, type ExportFormat, type ExportProgress, type ExportStatus } from './export-types';
import type { Manifest } from './writers/manifest';
import type { ExportRow } from './export-views';
import { claimRun, claimStale, requestCancel, requeueEnded, saveProgress } from '../sql/job-row-transitions';

export type { ExportRow } from './export-views';

const COLUMNS = `id, version_id AS "versionId", recipe_id AS "recipeId", recipe_name AS "recipeName", seed, formats,
  output_dir AS "outputDir", status, progress, manifest, manifest_sha256 AS "manifestSha256",
  failure_reason AS "failureReason", created_by AS "createdBy", created_at AS "createdAt",
  started_at AS "startedAt", finished_at AS "finishedAt"`;

export const EXPORT_SORTABLE = ['createdAt', 'status', 'versionId'] as const;
export const EXPORT_FILTERS: FilterSchema = { versionId: 'int', status: 'text' };
const SORT_COLUMNS: Record<(typeof EXPORT_SORTABLE)[number], string> = {
  createdAt: 'created_at',
  status: 'status',
  versionId: 'version_id',
};

function toRow(r: ExportRow): ExportRow {
  return { ...r, progress: { ...emptyProgress(), ...r.progress } };
}

@Injectable()
export class ExportsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(e: Pick<ExportRow, 'versionId' | 'recipeId' | 'recipeName' | 'seed' | 'formats' | 'outputDir' | 'createdBy'>): Promise<ExportRow> {
    const [row] = await this.db.query(
      `INSERT INTO exports (version_id, recipe_id, recipe_name, seed, formats, output_dir, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
      [e.versionId, e.recipeId, e.recipeName, e.seed, e.formats, e.outputDir, e.createdBy],
    );
    return toRow(row);
  }

  async find(id: string): Promise<ExportRow | null> {
    const [row] = await this.db.query(`SELECT ${COLUMNS} FROM exports WHERE id = $1`, [id]);
    return row ? toRow(row) : null;
  }

  async list(q: ListQuery): Promise<[ExportRow[], number]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.filter.versionId !== undefined) {
      params.push(Number(q.filter.versionId));
      where.push(`version_id = $${params.length}`);
    }
    if (typeof q.filter.status === 'string') {
      params.push(q.filter.status);
      where.push(`status = $${params.length}`);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const order = `${SORT_COLUMNS[q.sort.field as keyof typeof SORT_COLUMNS]} ${q.sort.order}, id`;
    const rows: ExportRow[] = await this.db.query(
      `SELECT ${COLUMNS} FROM exports ${clause} ORDER BY ${order} OFFSET ${q.offset} LIMIT ${q.limit}`,
      params,
    );
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM exports ${clause}`, params);
    return [rows.map(toRow), n];
  }

  /** queued → cancelled at once; running → cancelling. */
  requestCancel(id: string): Promise<boolean> {
    return requestCancel(this.db, 'exports', id);
  }

  /** A cancelled or failed export queued again; the files it finished are kept (checked by SHA-256). */
  requeue(id: string): Promise<boolean> {
    return requeueEnded(this.db, 'exports', id);
  }

  /** Claims a queued (or interrupted running) export for a runner; false when there is nothing to run. */
  start(id: string): Promise<boolean> {
    return claimRun(this.db, 'exports', id);
  }

  /** Saves progress and returns the status after it (a user may have asked to cancel meanwhile). */
  saveProgress(id: string, progress: ExportProgress): Promise<ExportStatus> {
    return saveProgress<ExportStatus>(this.db, 'exports', id, progress);
  }

  /** Runs whose worker went silent: see claimStale. */
  requeueStale(staleSeconds: number): Promise<string[]> {
    return claimStale(this.db, 'exports', staleSeconds);
  }

  async finish(
    id: string,
    status: 'completed' | 'cancelled' | 'failed',
    extra: { manifest?: Manifest; manifestSha256?: string; failureReason?: string } = {},
  ): Promise<void> {
    await this.db.query(
      `UPDATE exports SET status = $2, manifest = coalesce($3, manifest), manifest_sha256 = coalesce($4, manifest_sha256),
              failure_reason = $5, finished_at = now(), updated_at = now()
        WHERE id = $1`,
      [id, status, extra.manifest ? JSON.stringify(extra.manifest) : null, extra.manifestSha256 ?? null, extra.failureReason ?? null],
    );
  }
}
