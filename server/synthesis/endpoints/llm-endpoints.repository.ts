import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ListQuery } from '../../common/list-query';
import { updateReturning } from '../../sql/update-returning';
import type { ApiKeyRef } from '../llm';
import { ENDPOINT_COLUMNS, type EndpointRow } from './endpoint-row';

export type StoredEndpoint = EndpointRow & { createdAt: Date; updatedAt: Date };

export const ENDPOINT_SORTABLE = ['name', 'model', 'createdAt'] as const;
const SORT_SQL: Record<(typeof ENDPOINT_SORTABLE)[number], string> = { name: 'e.name', model: 'e.model', createdAt: 'e.created_at' };

export interface EndpointFields {
  name: string;
  baseUrl: string;
  model: string;
  maxConcurrency: number;
  requestsPerMinute: number | null;
  tokensPerMinute: number | null;
  inputPer1M: number | null;
  outputPer1M: number | null;
}

const COLUMNS = `${ENDPOINT_COLUMNS}, e.created_at AS "createdAt", e.updated_at AS "updatedAt"`;

/** `llm_endpoints`: the only SQL of the endpoints API and the jobs' reads. */
@Injectable()
export class LlmEndpointsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async findRow(id: string): Promise<EndpointRow | null> {
    const [row] = await this.db.query(`SELECT ${ENDPOINT_COLUMNS} FROM llm_endpoints e WHERE e.id = $1`, [id]);
    return (row as EndpointRow | undefined) ?? null;
  }

  async findStored(id: string): Promise<StoredEndpoint | null> {
    const [row] = await this.db.query(`SELECT ${COLUMNS} FROM llm_endpoints e WHERE e.id = $1`, [id]);
    return (row as StoredEndpoint | undefined) ?? null;
  }

  async list(q: ListQuery): Promise<[StoredEndpoint[], number]> {
    const sort = SORT_SQL[q.sort.field as keyof typeof SORT_SQL] ?? 'e.created_at';
    const rows = await this.db.query(`SELECT ${COLUMNS}, count(*) OVER () AS total FROM llm_endpoints e ORDER BY ${sort} ${q.sort.order}, e.id LIMIT $1 OFFSET $2`, [q.limit, q.offset]);
    const total = rows.length ? Number(rows[0].total) : Number((await this.db.query(`SELECT count(*) AS n FROM llm_endpoints`))[0].n);
    return [rows.map(({ total: _t, ...r }: StoredEndpoint & { total: string }) => r), total];
  }

  nameTaken(name: string, exceptId?: string): Promise<boolean> {
    return this.db.query(`SELECT 1 FROM llm_endpoints WHERE name = $1 AND id IS DISTINCT FROM $2`, [name, exceptId ?? null]).then((r) => r.length > 0);
  }

  /** The id first: an encrypted key is bound to it (endpointKeyContext), so it must be known before the key is stored. */
  async create(id: string, f: EndpointFields, apiKeyRef: ApiKeyRef, createdBy: string | null): Promise<void> {
    await this.db.query(
      `INSERT INTO llm_endpoints (id, name, base_url, model, api_key_ref, max_concurrency, requests_per_minute, tokens_per_minute, input_per_1m, output_per_1m, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [id, f.name, f.baseUrl, f.model, JSON.stringify(apiKeyRef), f.maxConcurrency, f.requestsPerMinute, f.tokensPerMinute, f.inputPer1M, f.outputPer1M, createdBy],
    );
  }

  async update(id: string, f: EndpointFields, apiKeyRef: ApiKeyRef): Promise<void> {
    await this.db.query(
      `UPDATE llm_endpoints SET name = $2, base_url = $3, model = $4, api_key_ref = $5, max_concurrency = $6, requests_per_minute = $7,
              tokens_per_minute = $8, input_per_1m = $9, output_per_1m = $10, updated_at = now()
        WHERE id = $1`,
      [id, f.name, f.baseUrl, f.model, JSON.stringify(apiKeyRef), f.maxConcurrency, f.requestsPerMinute, f.tokensPerMinute, f.inputPer1M, f.outputPer1M],
    );
  }

  /** Runs keep their history: their endpoint reference is set to null by the foreign key. */
  async delete(id: string): Promise<boolean> {
    const rows = await updateReturning(this.db, `DELETE FROM llm_endpoints WHERE id = $1 RETURNING id`, [id]);
    return rows.length > 0;
  }
}
