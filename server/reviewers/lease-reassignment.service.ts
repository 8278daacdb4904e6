import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../common/current-user.decorator';
import { env } from '../config/env';
import { EventsService } from '../events/events.service';
import { REVIEWERS } from '../reviews/reviewers';
import { ReviewsLiveService, ROOMS } from '../reviews/reviews-live.service';
import type { ReassignLeaseDto } from './dto/reassign-lease.dto';
import { LeaseHandoverRepository, type HeldLease, type LeaseKind } from './lease-handover.repository';
import type { Reassigned } from './reviewer-views';

export type { Reassigned } from './reviewer-views';

const AUDIT_ENTITY: Record<LeaseKind, string> = { review: 'review', revision: 'revision', distractor: 'distractor_task' };

/** Leads take held work away from one reviewer and give it to another, or back to the pool. */
@Injectable()
export class LeaseReassignmentService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly leases: LeaseHandoverRepository,
    private readonly audit: AuditService,
    private readonly events: EventsService,
    private readonly live: ReviewsLiveService,
  ) {}

  async reassign(actor: AuthUser, dto: ReassignLeaseDto): Promise<Reassigned> {
    const to = dto.toReviewerId ?? null;
    const done = await this.db.transaction(async (m): Promise<Reassigned> => {
      const lease = await this.leases.lock(m, dto.kind, dto.leaseId);
      if (!lease) throw new NotFoundException(`No ${dto.kind} lease ${dto.leaseId}`);
      if (lease.state !== 'leased' || !lease.live) {
        throw new ConflictException(`The ${dto.kind} lease ${lease.id} is no longer held (${lease.live ? lease.state : 'expired'}); nothing to reassign`);
      }
      if (to) await this.assertMayTake(m, lease, to);
      const leaseId = to ? await this.leases.handOver(m, lease, to, env().REVIEW_LEASE_S) : null;
      if (!to) await this.leases.toPool(m, lease);
      await this.audit.append(
        {
          actorId: actor.id,
          entity: AUDIT_ENTITY[lease.kind],
          entityId: lease.id,
          action: 'reassign',
          before: { holderId: lease.holderId, leaseId: lease.id },
          after: { holderId: to, leaseId, itemId: lease.itemId },
        },
        m,
      );
      return { kind: lease.kind, itemId: lease.itemId, releasedLeaseId: lease.id, fromReviewerId: lease.holderId, leaseId, toReviewerId: to };
    });
    await this.events.publish(ROOMS.user(done.fromReviewerId), 'lease.revoked', { kind: done.kind, leaseId: done.releasedLeaseId, itemId: done.itemId });
    if (done.toReviewerId) await this.events.publish(ROOMS.user(done.toReviewerId), 'lease.assigned', { kind: done.kind, leaseId: done.leaseId, itemId: done.itemId });
    else this.live.queueChanged();
    return done;
  }

  /** The rules a reviewer meets when asking for work themselves: active, not paused, and for a review, eligible for the round. */
  private async assertMayTake(m: EntityManager, lease: HeldLease, to: string): Promise<void> {
    if (to === lease.holderId) throw new ConflictException(`Reviewer ${to} already holds this lease`);
    const reviewer = await this.leases.lockReviewer(m, to, REVIEWERS);
    if (!reviewer) throw new NotFoundException(`Reviewer ${to} not found`);
    if (!reviewer.active) throw new ConflictException(`Reviewer ${to} is deactivated`);
    if (reviewer.paused) throw new ConflictException(`Reviewer ${to} is paused; resume them first`);
    if (lease.kind !== 'review') return;
    if (lease.excluded.includes(to)) throw new ConflictException(`Reviewer ${to} may not review item ${lease.itemId} in this round (they revised it or reviewed it before)`);
    if (await this.leases.inRound(m, lease.roundId!, to)) {
      throw new ConflictException(`Reviewer ${to} already had item ${lease.itemId} in this round; a round takes two different reviewers`);
    }
  }
}
