import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface AuditRecord {
  actorId: string | null;
  entity: string;
  entityId: string | number;
  action: string;
  before?: unknown;
  after?: unknown;
}

/** Appends to the audit log, inside the caller's transaction when one is given. */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async append(record: AuditRecord, manager: EntityManager = this.db.manager): Promise<void> {
    await manager.query(
      'INSERT INTO audit_log (actor_id, entity, entity_id, action, before, after) VALUES ($1, $2, $3, $4, $5, $6)',
      [
        record.actorId,
        record.entity,
        String(record.entityId),
        record.action,
        record.before === undefined ? null : JSON.stringify(record.before),
        record.after === undefined ? null : JSON.stringify(record.after),
      ],
    );
  }
}
