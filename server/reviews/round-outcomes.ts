import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ItemStatusRepository, type StatusActor } from '../items/item-status.repository';
import type { RoundOutcome } from './review-round.entity';
import { ReviewsRepository, type RoundRow } from './reviews.repository';

/** What a decided round changes: the item's status, or the distractor's (and with it the item's PPL readiness). */
@Injectable()
export class RoundOutcomes {
  constructor(
    private readonly repo: ReviewsRepository,
    private readonly audit: AuditService,
    private readonly status: ItemStatusRepository,
  ) {}

  /** A filtering or validation round moves its item (accept / reject of the item life-cycle); 409 if the item left that round's state. */
  async apply(m: EntityManager, round: RoundRow, outcome: RoundOutcome, actor: StatusActor): Promise<void> {
    if (round.kind === 'distractor') return this.applyToDistractor(m, round, outcome, actor.id!);
    // the audit says when one decision decided the item (a single-review round); dual rounds' entries stay as they were
    const extra = round.reviews_needed === 1 ? { roundId: round.id, reviewsNeeded: 1 } : { roundId: round.id };
    await this.status.moveOne(m, outcome === 'accepted' ? 'accept' : 'reject', actor, round.item_id, { extra });
  }

  private async applyToDistractor(m: EntityManager, round: RoundRow, outcome: RoundOutcome, actorId: string): Promise<void> {
    const status = outcome === 'accepted' ? 'approved' : 'rejected';
    await m.query(`UPDATE distractors SET status = $2, decided_at = now() WHERE id = $1`, [round.distractor_id, status]);
    await this.audit.append(
      { actorId, entity: 'distractor', entityId: round.distractor_id!, action: 'status', before: { status: 'pending_review' }, after: { status } },
      m,
    );
    if (status !== 'approved') return;
    const [{ kinds }] = await m.query(
      `SELECT count(DISTINCT kind)::int AS kinds FROM distractors WHERE item_id = $1 AND status = 'approved'`,
      [round.item_id],
    );
    if (kinds < 2) return;
    await m.query(`UPDATE items SET ppl_ready = true, updated_at = now() WHERE id = $1`, [round.item_id]);
    await this.audit.append(
      { actorId, entity: 'item', entityId: round.item_id, action: 'ppl_ready', before: { pplReady: false }, after: { pplReady: true } },
      m,
    );
  }
}
