import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RoundKind, StageOrderView } from './review-views';

/** The review queue's stage order: one row, read by the lease function itself (see the QueueStageOrder migration). */
@Injectable()
export class StageOrderRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async get(): Promise<StageOrderView | null> {
    const [row] = await this.db.query(
      `SELECT s.stage_order AS stages,
              to_char(s.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "updatedAt", u.name AS "updatedBy"
         FROM review_queue_settings s LEFT JOIN users u ON u.id = s.updated_by WHERE s.id = 1`,
    );
    return row ?? null;
  }

  async save(stages: RoundKind[], actorId: string): Promise<void> {
    await this.db.query(
      `INSERT INTO review_queue_settings (id, stage_order, updated_by, updated_at) VALUES (1, $1, $2, now())
       ON CONFLICT (id) DO UPDATE SET stage_order = $1, updated_by = $2, updated_at = now()`,
      [stages, actorId],
    );
  }
}
