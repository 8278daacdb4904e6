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
import { ReviewsRepository, type DecisionRow, type RoundRow } from './reviews.repository';
import { RoundOutcomes } from './round-outcomes';

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

interface Submitted {
  result: SubmitResult;
  round: RoundRow;
  decisions: DecisionRow[] | null;
}

@Injectable()
export class ReviewsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: ReviewsRepository,
    private readonly outcomes: RoundOutcomes,
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

  async submit(user: AuthUser, leaseId: string, dto: SubmitReviewDto): Promise<SubmitResult> {
    const reasons = checkReasons(dto);
    const done = await this.db.transaction(async (m): Promise<Submitted> => {
      const a = await this.repo.lockAssignment(m, leaseId);
      if (!a || a.reviewer_id !== user.id) throw new NotFoundException(`Lease ${leaseId} is not one of your leases`);
      const round = await this.repo.lockRound(m, a.round_id);
      const result = (outcome: RoundOutcome | null): SubmitResult => ({
        leaseId,
        roundId: round.id,
        itemId: Number(round.item_id),
        decision: a.decision ?? dto.decision,
        outcome,
      });
      if (a.state === 'submitted') {
        if (a.submit_key === dto.idempotencyKey) return { result: result(round.outcome), round, decisions: null };
        throw new ConflictException(`Lease ${leaseId} already has a decision (submitted with a different idempotencyKey)`);
      }
      if (a.state !== 'leased') {
        throw new GoneException(`Lease ${leaseId} ${a.state === 'expired' ? 'expired' : 'was released'}; the item went back to the pool — ask for the next item`);
      }
      const keyUsedBy = await this.repo.findBySubmitKey(m, user.id, dto.idempotencyKey);
      if (keyUsedBy) throw new ConflictException(`idempotencyKey "${dto.idempotencyKey}" was already used for lease ${keyUsedBy}`);

      const timeSpentMs = await this.repo.saveDecision(m, a.id, {
        decision: dto.decision,
        reasons,
        comment: dto.comment?.trim() || null,
        timeSpentMs: dto.timeSpentMs ?? null,
        submitKey: dto.idempotencyKey,
      });
      await this.audit.append(
        { actorId: user.id, entity: 'review', entityId: a.id, action: 'submit', after: { roundId: round.id, itemId: round.item_id, kind: round.kind, decision: dto.decision, reasons, comment: dto.comment ?? null } },
        m,
      );
      const decisions = await this.repo.submittedDecisions(m, [round.id]);
      // a round needs two decisions, or one where the item's review mode is single (a synthetic source's choice)
      const outcome: RoundOutcome | null =
        decisions.length < round.reviews_needed ? null : decisions.every((d) => d.decision === 'approve') ? 'accepted' : 'rejected';
      if (outcome) {
        await this.repo.decide(m, round, outcome, decisions);
        await this.outcomes.apply(m, round, outcome, { id: user.id, role: user.role });
      }
      await this.repo.countSubmission(m, round, user.id, dto.decision === 'approve', timeSpentMs);
      return { result: result(outcome), round, decisions };
    });
    if (done.decisions) this.live.decisionSubmitted(done.round, done.result.outcome, done.decisions, user.id);
    return done.result;
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
