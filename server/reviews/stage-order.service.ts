import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { DEFAULT_STAGE_ORDER, type StageOrderRequest, type StageOrderView } from './review-views';
import { StageOrderRepository } from './stage-order.repository';

/**
 * The queue's priority between stages (issue 16 item 2), set by a lead: POST /reviews/next serves the first kind
 * of round in the order that has work for the caller. Stored in one row the lease function reads in the same call.
 */
@Injectable()
export class StageOrderService {
  constructor(
    private readonly repo: StageOrderRepository,
    private readonly audit: AuditService,
  ) {}

  async get(): Promise<StageOrderView> {
    return (await this.repo.get()) ?? { stages: [...DEFAULT_STAGE_ORDER], updatedAt: null, updatedBy: null };
  }

  async set(req: StageOrderRequest, actorId: string): Promise<StageOrderView> {
    const before = await this.get();
    await this.repo.save(req.stages, actorId);
    const after = await this.get();
    await this.audit.append({ actorId, entity: 'review_queue', entityId: '1', action: 'update', before, after });
    return after;
  }
}
