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
import type { AssignRevisionDto } from './dto/assign-revision.dto';
import type { SubmitRevisionDto } from './dto/submit-revision.dto';
import { renderContent, type ItemContent } from './item-content';
import { RevisionsRepository } from './revisions.repository';

export interface RevisionSubmitted {
  revisionId: string;
  itemId: number;
  validationRoundId: string;
  /** Reviewers kept off the validation round: the reviser, and the first-round reviewers when enough others exist. */
  excludedReviewers: string[];
}

@Injectable()
export class RevisionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: RevisionsRepository,
    private readonly reviews: ReviewsRepository,
    private readonly audit: AuditService,
    private readonly live: ReviewsLiveService,
  ) {}

  async assign(actor: AuthUser, dto: AssignRevisionDto): Promise<{ sent: number; itemIds: number[] }> {
    if (!dto.itemIds && !dto.abilityIds) throw new BadRequestException('Give itemIds or abilityIds to send to revision');
    const ids = await this.db.transaction((m) =>
      this.repo.sendToRevision(m, actor.id, {
        itemIds: dto.itemIds,
        abilityIds: dto.abilityIds,
        statuses: dto.statuses ?? (dto.itemIds ? ['rejected', 'needs_answer', 'accepted'] : ['rejected', 'needs_answer']),
        limit: dto.limit,
      }),
    );
    if (ids.length) this.live.queueChanged();
    return { sent: ids.length, itemIds: ids.map(Number) };
  }

  async next(user: AuthUser, abilityId?: number) {
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
      await this.repo.saveRevisedItem(m, item.id, after, hash);
      await this.repo.markSubmitted(m, r.id, { after, diff, comment: dto.comment?.trim() || null, submitKey: dto.idempotencyKey });
      const excluded = await this.validationExclusions(m, item.id, user.id);
      const roundId = await this.reviews.createRound(m, {
        itemId: item.id,
        kind: 'validation',
        abilityId: after.abilityId,
        sourceId: item.sourceId,
        revisionId: r.id,
        excluded,
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

  async get(user: AuthUser, id: string) {
    const r = await this.repo.find(this.db.manager, id);
    if (!r || (!CURATORS.includes(user.role) && r.reviserId !== user.id)) throw new NotFoundException(`Revision ${id} not found`);
    return r;
  }

  ofItem(itemId: number) {
    return this.repo.ofItem(this.db.manager, itemId);
  }

  /** The item under revision with why it was sent: its earlier rounds' decisions (all decided). */
  async view(id: string) {
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
