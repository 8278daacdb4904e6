import { BadRequestException, ConflictException, GoneException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createTwoFilesPatch } from 'diff';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CURATORS, LEADS } from '../common/access.decorators';
import type { AuthUser } from '../common/current-user.decorator';
import { lockForUser } from '../common/per-user-lock';
import { env } from '../config/env';
import { contentHash, dedupNormalize } from '../imports/dedup';
import { assertNotPaused, REVIEWERS } from '../reviews/reviewers';
import { ReviewsLiveService } from '../reviews/reviews-live.service';
import { ReviewsRepository } from '../reviews/reviews.repository';
import { reviewsNeeded } from '../reviews/review-mode-rules';
import { checkTransition, ItemTransitionError, revisionActionFor } from '../items/item-lifecycle';
import { ItemStatusRepository, type MoveSelection, type StatusActor } from '../items/item-status.repository';
import type { ItemStatus } from '../items/item.entity';
import type { AssignRevisionDto } from './dto/assign-revision.dto';
import type { SubmitRevisionDto } from './dto/submit-revision.dto';
import { renderContent, type ItemContent } from './item-content';
import { RevisionsRepository } from './revisions.repository';
import type { AssignResult, ItemRevisionView, RevisionRecord, RevisionSubmitted, RevisionTaskView } from './revision-views';

export type { AssignResult, RevisionSubmitted } from './revision-views';

@Injectable()
export class RevisionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: RevisionsRepository,
    private readonly reviews: ReviewsRepository,
    private readonly audit: AuditService,
    private readonly live: ReviewsLiveService,
    private readonly status: ItemStatusRepository,
  ) {}

  /**
   * Sends items to the revision queue: rejected and unanswered ones (send_to_revision), and accepted ones only when
   * the request confirms re-opening them (reopen, leads and admins). By item id, an accepted item without
   * `confirmReopen` refuses the whole request (409, nothing sent); items no action applies to are reported as skipped.
   */
  async assign(actor: AuthUser, dto: AssignRevisionDto): Promise<AssignResult> {
    if (!dto.itemIds && !dto.abilityIds) throw new BadRequestException('Give itemIds or abilityIds to send to revision');
    const who: StatusActor = { id: actor.id, role: actor.role };
    const note = { confirmed: dto.confirmReopen === true, reason: dto.reason?.trim() || null };
    const out = await this.db.transaction(async (m): Promise<AssignResult> => {
      const statuses: ItemStatus[] = dto.statuses ?? (dto.itemIds ? ['rejected', 'needs_answer', 'accepted'] : ['rejected', 'needs_answer']);
      const skipped: AssignResult['skipped'] = [];
      let sel: MoveSelection;
      let reopenSel: MoveSelection | null = null;
      if (dto.itemIds) {
        const found = await this.status.lockStatuses(m, dto.itemIds);
        const byId = new Map(found.map((r) => [Number(r.id), r.status]));
        const send: number[] = [];
        const reopen: number[] = [];
        for (const id of new Set(dto.itemIds)) {
          const status = byId.get(id);
          const action = status && statuses.includes(status) ? revisionActionFor(status) : null;
          if (action === 'send_to_revision') send.push(id);
          else if (action === 'reopen') reopen.push(id);
          else skipped.push({ itemId: id, status: status ?? null, reason: skipReason(status, statuses) });
        }
        if (reopen.length) await this.refuseUnconfirmedReopen(m, who, reopen, note.confirmed);
        sel = { itemIds: send, limit: dto.limit };
        reopenSel = reopen.length ? { itemIds: reopen } : null;
      } else {
        if (statuses.includes('accepted')) checkTransition('reopen', who.role, { confirmed: note.confirmed });
        sel = { abilityIds: dto.abilityIds, statuses, limit: dto.limit };
        reopenSel = statuses.includes('accepted') ? { abilityIds: dto.abilityIds, statuses: ['accepted'] } : null;
      }
      const sent = sel.itemIds?.length === 0 ? [] : await this.status.move(m, 'send_to_revision', who, sel);
      const left = dto.limit === undefined ? undefined : dto.limit - sent.length;
      const reopened = !reopenSel || left === 0 ? [] : await this.reopen(m, who, { ...reopenSel, limit: left }, note);
      const ids = [...sent, ...reopened].map((r) => Number(r.id)).sort((a, b) => a - b);
      return {
        sent: ids.length,
        itemIds: ids,
        ...(reopened.length ? { reopened: reopened.map((r) => Number(r.id)) } : {}),
        ...(skipped.length ? { skipped } : {}),
      };
    });
    if (out.sent) this.live.queueChanged();
    return out;
  }

  /** Accepted items go back to revision only when confirmed; the 409 names them and the frozen versions that hold them. */
  private async refuseUnconfirmedReopen(m: EntityManager, who: StatusActor, itemIds: number[], confirmed: boolean): Promise<void> {
    checkTransition('reopen', who.role, { confirmed: true });
    if (confirmed) return;
    const frozen = await this.status.frozenVersionsOf(m, itemIds);
    const named = itemIds.map((id) => (frozen.has(String(id)) ? `${id} (frozen in ${frozen.get(String(id))!.join(', ')})` : String(id)));
    throw new ItemTransitionError(
      'unconfirmed',
      `Item${itemIds.length > 1 ? 's' : ''} ${named.join(', ')} ${itemIds.length > 1 ? 'are' : 'is'} accepted: re-opening ${itemIds.length > 1 ? 'them' : 'it'} needs confirmReopen: true. ` +
        'A re-opened item leaves every later version until it is accepted again; frozen versions keep their snapshot and the item keeps its split. Nothing was sent.',
    );
  }

  /** Re-opens accepted items; each audit entry says who (actor), why (reason) and that it was a re-open. */
  private reopen(m: EntityManager, who: StatusActor, sel: MoveSelection, note: { confirmed: boolean; reason: string | null }) {
    return this.status.move(m, 'reopen', who, sel, note);
  }

  async next(user: AuthUser, abilityId?: number): Promise<RevisionTaskView | null> {
    assertNotPaused(user);
    const id = await this.db.transaction(async (m) => {
      await lockForUser(m, 'revisions.next', user.id);
      await this.repo.reclaimExpired(m);
      const mine = await this.repo.findActiveLease(m, user.id);
      if (mine) return mine;
      // an item this reviser skipped comes back to them only when nothing else waits
      const leased =
        (await this.repo.leaseNext(m, user.id, abilityId, env().REVIEW_LEASE_S, true)) ??
        (await this.repo.leaseNext(m, user.id, abilityId, env().REVIEW_LEASE_S));
      if (!leased) return null;
      await this.audit.append({ actorId: user.id, entity: 'item', entityId: leased.item_id, action: 'status', before: { status: 'in_revision' }, after: { status: 'revising' } }, m);
      return leased.id;
    });
    if (!id) return null;
    this.live.queueChanged();
    return this.view(id);
  }

  async submit(user: AuthUser, id: string, dto: SubmitRevisionDto): Promise<RevisionSubmitted> {
    checkConversation(dto.messages);
    const done = await this.db.transaction(async (m): Promise<RevisionSubmitted> => {
      const r = await this.repo.lock(m, id);
      if (!r || r.reviser_id !== user.id) throw new NotFoundException(`Revision ${id} is not one of your leases`);
      if (r.state === 'submitted') {
        if (r.submit_key === dto.idempotencyKey) return this.replay(m, r.id, Number(r.item_id));
        throw new ConflictException(`Revision ${id} was already submitted (with a different idempotencyKey)`);
      }
      if (r.state !== 'leased') throw new GoneException(`Revision lease ${id} ${r.state}; the item went back to the revision queue`);
      const keyUsedBy = await this.repo.findBySubmitKey(m, user.id, dto.idempotencyKey);
      if (keyUsedBy) throw new ConflictException(`idempotencyKey "${dto.idempotencyKey}" was already used for revision ${keyUsedBy}`);

      const item = await this.repo.lockItem(m, r.item_id);
      const before: ItemContent = { messages: item.messages, gold: item.gold, choices: item.choices, abilityId: item.abilityId };
      const after: ItemContent = {
        messages: dto.messages.map((msg) => ({ role: msg.role, content: msg.content })),
        gold: dto.gold === undefined ? item.gold : dto.gold,
        choices: dto.choices === undefined ? item.choices : dto.choices,
        abilityId: dto.abilityId ?? item.abilityId,
      };
      const afterKey = after.abilityId === item.abilityId ? item.abilityKey : await this.repo.abilityKey(m, after.abilityId);
      if (!afterKey) throw new UnprocessableEntityException({ message: `Unknown ability ${after.abilityId}`, errors: [{ field: 'abilityId', message: 'no such ability' }] });
      const diff = createTwoFilesPatch(`item-${item.id}`, `item-${item.id}`, renderContent(before, item.abilityKey), renderContent(after, afterKey), 'before', 'after');

      const hash = contentHash(dedupNormalize(after.messages.map((msg) => msg.content).join('\n')));
      checkTransition('submit_revision', user.role, { from: item.status as ItemStatus, itemId: item.id });
      if (!(await this.repo.saveRevisedItem(m, item.id, after, hash))) throw new ConflictException(`Item ${item.id} is no longer being revised`);
      await this.repo.markSubmitted(m, r.id, { after, diff, comment: dto.comment?.trim() || null, submitKey: dto.idempotencyKey });
      const excluded = await this.validationExclusions(m, item.id, user.id);
      const roundId = await this.reviews.createRound(m, {
        itemId: item.id,
        kind: 'validation',
        abilityId: after.abilityId,
        sourceId: item.sourceId,
        revisionId: r.id,
        excluded,
        reviewsNeeded: reviewsNeeded(item.reviewMode),
      });
      await this.audit.append({ actorId: user.id, entity: 'revision', entityId: r.id, action: 'submit', before, after: { ...after, diff } }, m);
      await this.audit.append({ actorId: user.id, entity: 'item', entityId: item.id, action: 'status', before: { status: item.status }, after: { status: 'validating', roundId } }, m);
      return { revisionId: r.id, itemId: Number(item.id), validationRoundId: roundId, excludedReviewers: excluded };
    });
    this.live.queueChanged();
    return done;
  }

  async release(user: AuthUser, id: string): Promise<{ released: boolean }> {
    await this.db.transaction(async (m) => {
      const r = await this.repo.lock(m, id);
      if (!r || (r.reviser_id !== user.id && !LEADS.includes(user.role))) throw new NotFoundException(`Revision ${id} is not one of your leases`);
      if (r.state !== 'leased') throw new ConflictException(`Revision lease ${id} is ${r.state}, not active`);
      await this.repo.release(m, r);
      await this.audit.append({ actorId: user.id, entity: 'revision', entityId: r.id, action: 'release', before: { reviserId: r.reviser_id } }, m);
    });
    this.live.queueChanged();
    return { released: true };
  }

  async get(user: AuthUser, id: string): Promise<RevisionRecord> {
    const r = await this.repo.find(this.db.manager, id);
    if (!r || (!CURATORS.includes(user.role) && r.reviserId !== user.id)) throw new NotFoundException(`Revision ${id} not found`);
    return r;
  }

  ofItem(itemId: number): Promise<ItemRevisionView[]> {
    return this.repo.ofItem(this.db.manager, itemId);
  }

  /** The item under revision with why it was sent: its earlier rounds' decisions (all decided). */
  async view(id: string): Promise<RevisionTaskView> {
    const r = await this.repo.find(this.db.manager, id);
    const [item] = await this.db.query(
      `SELECT i.id, i.messages, i.gold, i.choices, i.question_format AS "questionFormat", i.answer_type AS "answerType", i.status,
              jsonb_build_object('id', a.id, 'key', a.key, 'nameEn', a.name_en, 'nameZh', a.name_zh) AS ability,
              jsonb_build_object('id', s.id, 'name', s.name) AS source
       FROM items i JOIN abilities a ON a.id = i.ability_id JOIN sources s ON s.id = i.source_id WHERE i.id = $1`,
      [r.itemId],
    );
    const rounds = (await this.reviews.roundsOfItem(this.db.manager, Number(r.itemId))).filter((x) => x.status === 'decided');
    const decisions = await this.reviews.submittedDecisions(this.db.manager, rounds.map((x) => x.id));
    return {
      revision: { id: r.id, leasedAt: r.leasedAt, expiresAt: r.expiresAt, state: r.state },
      item: { ...item, id: Number(item.id) },
      history: rounds.map((x) => ({
        roundId: x.id,
        kind: x.kind,
        outcome: x.outcome,
        decisions: decisions.filter((d) => d.round_id === x.id).map((d) => ({ decision: d.decision, reasons: d.reasons, comment: d.comment })),
      })),
    };
  }

  /** The reviser never validates their own work; first-round reviewers stay off too when two others can validate. */
  private async validationExclusions(m: EntityManager, itemId: string, reviserId: string): Promise<string[]> {
    const earlier = (await this.reviews.reviewersOf(m, itemId, ['filter', 'validation'])).filter((id) => id !== reviserId);
    if (earlier.length === 0) return [reviserId];
    const others = await this.repo.countReviewersOutside(m, [reviserId, ...earlier], REVIEWERS);
    return others >= 2 ? [reviserId, ...earlier] : [reviserId];
  }

  private async replay(m: EntityManager, revisionId: string, itemId: number): Promise<RevisionSubmitted> {
    const [round] = await m.query(`SELECT id, excluded_reviewers FROM review_rounds WHERE revision_id = $1`, [revisionId]);
    return { revisionId, itemId, validationRoundId: round.id, excludedReviewers: round.excluded_reviewers };
  }
}

/** Why an item asked for by id is not moved: no such item, no action applies to its status, or the request left its status out. */
function skipReason(status: ItemStatus | undefined, asked: readonly ItemStatus[]): string {
  if (!status) return 'no such item';
  if (!revisionActionFor(status)) return `${status} items cannot be sent to revision`;
  return `${status} is not among the statuses asked for (${asked.join(', ')})`;
}

function checkConversation(messages: SubmitRevisionDto['messages']): void {
  const errors: { field: string; message: string }[] = [];
  const turns = messages.filter((msg) => msg.role !== 'system');
  turns.forEach((msg, i) => {
    const expected = i % 2 === 0 ? 'user' : 'assistant';
    if (msg.role !== expected) errors.push({ field: `messages[${messages.indexOf(msg)}].role`, message: `expected "${expected}" (turns alternate, starting with the user)` });
    if (!msg.content.trim()) errors.push({ field: `messages[${messages.indexOf(msg)}].content`, message: 'empty' });
  });
  if (turns.at(-1)?.role !== 'assistant') errors.push({ field: 'messages', message: 'the conversation must end with an assistant answer' });
  if (errors.length) throw new UnprocessableEntityException({ message: 'The revised conversation is not valid', errors });
}
