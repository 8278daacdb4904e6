import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../common/current-user.decorator';
import type { FilterSchema, ListQuery } from '../common/list-query';
import type { ChangeDecisionDto } from './dto/change-decision.dto';
import { MyWorkRepository, type MyWorkFilter, type MyWorkRow } from './my-work.repository';
import { publicDecision } from './public-decision';
import { MY_WORK_KINDS, MY_WORK_OUTCOMES, type DecisionChanged, type MyWorkEntry, type MyWorkItemView } from './review-views';
import { ReviewsLiveService } from './reviews-live.service';
import { ReviewsRepository } from './reviews.repository';
import { checkReasons, ReviewsService } from './reviews.service';

export const MY_WORK_SORTABLE = ['at'] as const;
export const MY_WORK_FILTERS: FilterSchema = {
  kind: { oneOf: MY_WORK_KINDS },
  outcome: { oneOf: MY_WORK_OUTCOMES },
  abilityId: 'int',
  from: 'day',
  to: 'day',
};

/**
 * "My work" (issue 16 item 1): the caller's own decisions, revisions and distractors, and changing a decision while
 * its round is open. Blind review holds throughout: the co-reviewer's decision shows only once the round is decided,
 * and a change is told to nobody but its author.
 */
@Injectable()
export class MyWorkService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: MyWorkRepository,
    private readonly reviewsRepo: ReviewsRepository,
    private readonly reviews: ReviewsService,
    private readonly audit: AuditService,
    private readonly live: ReviewsLiveService,
  ) {}

  async list(user: AuthUser, q: ListQuery): Promise<readonly [MyWorkEntry[], number]> {
    const f: MyWorkFilter = {
      kind: (q.filter.kind || undefined) as MyWorkFilter['kind'],
      outcome: (q.filter.outcome || undefined) as MyWorkFilter['outcome'],
      abilityId: q.filter.abilityId === undefined || q.filter.abilityId === '' || q.filter.abilityId === null ? undefined : Number(q.filter.abilityId),
      from: (q.filter.from || undefined) as string | undefined,
      to: (q.filter.to || undefined) as string | undefined,
    };
    const [rows, total] = await this.repo.page(this.db.manager, user.id, f, q.sort.order, q.offset, q.limit);
    const decided = rows.filter((r) => r.kind === 'decision' && r.outcome !== null).map((r) => r.round_id!);
    const decisions = decided.length ? await this.reviewsRepo.submittedDecisions(this.db.manager, decided) : [];
    return [
      rows.map((r) => {
        const other = r.kind === 'decision' && r.outcome !== null ? decisions.find((d) => d.round_id === r.round_id && d.reviewer_id !== user.id) : undefined;
        return entry(r, other ? publicDecision(other) : null);
      }),
      total,
    ] as const;
  }

  /** An item the caller worked on, with the rounds they may see (GET /items/:id/reviews's rule); 404 otherwise. */
  async item(user: AuthUser, itemId: number): Promise<MyWorkItemView> {
    if (!(await this.repo.workedOn(this.db.manager, user.id, itemId))) throw new NotFoundException(`Item ${itemId} is not in your work`);
    const r = (await this.repo.itemContent(this.db.manager, itemId))!;
    return {
      item: {
        id: Number(r.id),
        messages: r.messages,
        gold: r.gold,
        choices: r.choices,
        questionFormat: r.question_format,
        answerType: r.answer_type,
        status: r.status,
      },
      ability: { id: r.ability_id, key: r.ability_key, nameEn: r.name_en, nameZh: r.name_zh },
      rounds: await this.reviews.roundsOfItem(user, itemId),
    };
  }

  /**
   * Changes the caller's decision while its round is open; 409 once the round is decided (its outcome, the item's
   * status and the agreement counts were settled with the decisions it had). The round's row lock orders this against
   * the co-reviewer's submission: theirs either came first (the round is decided: 409) or comes after and decides the
   * round with the changed decision. The number of decisions does not change, so the two-reviews rule stands; the
   * reviewer's running tally moves its approval with the decision.
   */
  async changeDecision(user: AuthUser, leaseId: string, dto: ChangeDecisionDto): Promise<DecisionChanged> {
    const reasons = checkReasons(dto);
    const comment = dto.comment?.trim() || null;
    const changed = await this.db.transaction(async (m) => {
      const a = await this.reviewsRepo.lockAssignment(m, leaseId);
      if (!a || a.reviewer_id !== user.id) throw new NotFoundException(`Decision ${leaseId} is not one of your decisions`);
      if (a.state !== 'submitted') throw new ConflictException(`Lease ${leaseId} has no decision to change (it is ${a.state}); submit one first`);
      const round = await this.reviewsRepo.lockRound(m, a.round_id);
      if (round.status === 'decided') {
        throw new ConflictException(`Round ${round.id} is already decided (${round.outcome}): its decisions are final; a lead can send the item to revision`);
      }
      const [mine] = (await this.reviewsRepo.submittedDecisions(m, [round.id])).filter((d) => d.id === a.id);
      const before = { decision: mine.decision, reasons: mine.reasons, comment: mine.comment };
      const after = { decision: dto.decision, reasons, comment };
      const result = (changedAt: Date): DecisionChanged => ({ leaseId, roundId: round.id, itemId: Number(round.item_id), ...after, changedAt });
      if (JSON.stringify(before) === JSON.stringify(after)) return { result: result((await this.repo.changedAt(m, a.id)) ?? mine.submitted_at), moved: false };

      const changedAt = await this.repo.changeDecision(m, a.id, after);
      if (before.decision !== after.decision) await this.repo.recountApproval(m, round, user.id, after.decision === 'approve' ? 1 : -1);
      await this.audit.append(
        { actorId: user.id, entity: 'review', entityId: a.id, action: 'change', before: { roundId: round.id, itemId: round.item_id, ...before }, after: { roundId: round.id, itemId: round.item_id, ...after } },
        m,
      );
      return { result: result(changedAt), moved: true };
    });
    if (changed.moved) this.live.decisionChanged(user.id);
    return changed.result;
  }
}

function entry(r: MyWorkRow, coReviewer: MyWorkEntry['coReviewer']): MyWorkEntry {
  return {
    id: `${r.kind}-${r.ref_id}`,
    kind: r.kind,
    refId: r.ref_id,
    itemId: Number(r.item_id),
    abilityId: r.ability_id,
    abilityKey: r.ability_key,
    instruction: r.instruction,
    at: r.at,
    changedAt: r.changed_at,
    roundKind: r.round_kind,
    decision: r.decision,
    reasons: r.reasons ?? [],
    comment: r.comment,
    distractorKind: r.distractor_kind,
    outcome: r.outcome,
    decidedAt: r.outcome ? r.decided_at : null,
    coReviewer,
    changeable: r.kind === 'decision' && r.outcome === null,
  };
}
