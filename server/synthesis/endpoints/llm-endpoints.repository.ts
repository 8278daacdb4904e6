import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ENDPOINT_COLUMNS, type EndpointRow } from './endpoint-row';

/** Reads `llm_endpoints` (the endpoints API adds the writes). */
@Injectable()
export class LlmEndpointsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async findRow(id: string): Promise<EndpointRow | null> {
    const [row] = await this.db.query(`SELECT ${ENDPOINT_COLUMNS} FROM llm_endpoints e WHERE e.id = $1`, [id]);
    return (row as EndpointRow | undefined) ?? null;
  }
}
