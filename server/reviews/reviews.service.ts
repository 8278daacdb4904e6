import { ConflictException, GoneException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../common/current-user.decorator';
import { LEADS } from '../common/access.decorators';
import { env } from '../config/env';
import { assertNotPaused } from './reviewers';
import { ReviewsLiveService } from './reviews-live.service';
import type { NextReviewDto } from './dto/next-review.dto';
import type { SubmitReviewDto } from './dto/submit-review.dto';
import { loadLeaseView, type LeaseView } from './lease-view';
import type { RoundOutcome } from './review-round.entity';
import type { ItemRoundView } from './review-views';
import { publicDecision } from './public-decision';
import type { ReasonCode } from './review-reasons';
import { ReviewsRepository, type SubmissionOutcome } from './reviews.repository';
import { checkTransition } from '../items/item-lifecycle';
import type { ItemStatus } from '../items/item.entity';

/** The refusal of a decided round's item move from a state it does not apply to, as ItemStatusRepository.moveOne words it. */
function itemMoveRefusal(role: AuthUser['role'], err: { message?: string; detail?: string; hint?: string }): Error {
  try {
    checkTransition(err.hint === 'accept' ? 'accept' : 'reject', role, { from: err.message as ItemStatus, itemId: err.detail });
  } catch (e) {
    return e as Error;
  }
  return new Error(`item ${err.detail} is ${err.message}, which its round's outcome (${err.hint}) does not move from`);
}

/** A decision's reasons as given, or a 422: a rejection needs one, reason "other" a comment. */
export function checkReasons(dto: { decision: string; reasons?: ReasonCode[]; comment?: string }): ReasonCode[] {
  const reasons = dto.reasons ?? [];
  if (dto.decision === 'reject' && reasons.length === 0) {
    throw new UnprocessableEntityException({ message: 'A rejection needs at least one reason', errors: [{ field: 'reasons', message: 'required when rejecting' }] });
  }
  if (reasons.includes('other') && !dto.comment?.trim()) {
    throw new UnprocessableEntityException({ message: 'Reason "other" needs a comment', errors: [{ field: 'comment', message: 'required with reason "other"' }] });
  }
  return reasons;
}

export interface SubmitResult {
  leaseId: string;
  roundId: string;
  itemId: number;
  decision: string;
  /** Set once the round's decisions are in (both, or the one a single-review round needs). */
  outcome: RoundOutcome | null;
}

@Injectable()
export class ReviewsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: ReviewsRepository,
    private readonly audit: AuditService,
    private readonly live: ReviewsLiveService,
  ) {}

  /**
   * The reviewer's current lease if they hold one, else work from the first stage in the lead's stage order
   * (default validation, distractor review, filtering; see StageOrderService) that has some for them: a slot in the
   * oldest open round of that kind they may review, and for filtering then a new round on the oldest item waiting.
   * Null when there is no work for them. With `prefetch`, the same for a second lease (at most two held), so the
   * client has the next item ready. With the pace-guided queue on and no ability asked for, the abilities inside a
   * stage come by a draw weighted by the lead's weights.
   */
  async next(user: AuthUser, f: NextReviewDto): Promise<LeaseView | null> {
    assertNotPaused(user);
    // the pace-guided queue (a lead's opt-in) prefers abilities by weight when the reviewer names none
    const weights = f.abilityId === undefined ? await this.repo.paceWeights(this.db.manager) : null;
    const taken = await this.repo.leaseNext(user.id, { ...f, weights: weights ?? undefined }, env().REVIEW_LEASE_S, this.db.manager);
    if (!taken) return null;
    const view = await loadLeaseView(this.db.manager, taken.id);
    if (taken.fresh) this.live.queueChanged();
    return view;
  }

  /**
   * Records the caller's decision on their lease in one statement (ReviewsRepository.submitDecision): idempotent per
   * idempotencyKey, blind (the live push names no decision of an open round), durable when it answers.
   */
  async submit(user: AuthUser, leaseId: string, dto: SubmitReviewDto): Promise<SubmitResult> {
    const reasons = checkReasons(dto);
    // a decided round moves its item: the caller's role must be one that may (the decision route admits only those)
    checkTransition('accept', user.role);
    checkTransition('reject', user.role);
    let r: SubmissionOutcome;
    try {
      r = await this.repo.submitDecision(this.db.manager, leaseId, user.id, {
        decision: dto.decision,
        reasons,
        comment: dto.comment?.trim() || null,
        auditComment: dto.comment ?? null,
        timeSpentMs: dto.timeSpentMs ?? null,
        submitKey: dto.idempotencyKey,
      });
    } catch (e) {
      const err = (e as { driverError?: { code?: string; message?: string; detail?: string; hint?: string } }).driverError;
      if (err?.code !== 'PA409') throw e;
      // the item left the state the round's outcome moves from (everything was rolled back)
      throw itemMoveRefusal(user.role, err);
    }
    switch (r.status) {
      case 'not_found':
        throw new NotFoundException(`Lease ${leaseId} is not one of your leases`);
      case 'other_key':
        throw new ConflictException(`Lease ${leaseId} already has a decision (submitted with a different idempotencyKey)`);
      case 'expired':
      case 'released':
        throw new GoneException(`Lease ${leaseId} ${r.status === 'expired' ? 'expired' : 'was released'}; the item went back to the pool — ask for the next item`);
      case 'key_used':
        throw new ConflictException(`idempotencyKey "${dto.idempotencyKey}" was already used for lease ${r.usedBy}`);
      case 'replay':
        return { leaseId, roundId: r.round.id, itemId: Number(r.round.item_id), decision: r.decision, outcome: r.outcome };
    }
    this.live.decisionSubmitted(r.round, r.outcome, r.decisions, user.id);
    return { leaseId, roundId: r.round.id, itemId: Number(r.round.item_id), decision: dto.decision, outcome: r.outcome };
  }

  async release(user: AuthUser, leaseId: string): Promise<{ released: boolean }> {
    await this.db.transaction(async (m) => {
      const a = await this.repo.lockAssignment(m, leaseId);
      const mayRevoke = LEADS.includes(user.role);
      if (!a || (a.reviewer_id !== user.id && !mayRevoke)) throw new NotFoundException(`Lease ${leaseId} is not one of your leases`);
      if (a.state !== 'leased') throw new ConflictException(`Lease ${leaseId} is ${a.state}, not active`);
      await this.repo.lockRound(m, a.round_id);
      await this.repo.release(m, a);
      await this.audit.append({ actorId: user.id, entity: 'review', entityId: a.id, action: 'release', before: { reviewerId: a.reviewer_id } }, m);
    });
    this.live.queueChanged();
    return { released: true };
  }

  /**
   * An item's rounds with the decisions the caller may see: in an open round only their own; in a decided round
   * leads, admins and researchers see both, annotators both only if they reviewed it.
   */
  async roundsOfItem(user: AuthUser, itemId: number): Promise<ItemRoundView[]> {
    const rounds = await this.repo.roundsOfItem(this.db.manager, itemId);
    if (!rounds.length) {
      const [exists] = await this.db.query(`SELECT 1 FROM items WHERE id = $1`, [itemId]);
      if (!exists) throw new NotFoundException(`Item ${itemId} not found`);
    }
    const decisions = await this.repo.submittedDecisions(this.db.manager, rounds.map((r) => r.id));
    const seesAll = user.role !== 'annotator';
    return rounds
      .map((r) => {
        const mine = decisions.filter((d) => d.round_id === r.id);
        const reviewedIt = mine.some((d) => d.reviewer_id === user.id);
        const visible = r.status === 'decided' && (seesAll || reviewedIt) ? mine : mine.filter((d) => d.reviewer_id === user.id);
        return { ...r, reviewsIn: mine.length, decisions: visible.map(publicDecision), visible: seesAll || reviewedIt };
      })
      .filter((r) => r.visible)
      .map(({ visible: _, ...r }) => r);
  }
}
