import { ConflictException, GoneException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { LEADS } from '../common/access.decorators';
import type { AuthUser } from '../common/current-user.decorator';
import { lockForUser } from '../common/per-user-lock';
import { env } from '../config/env';
import { assertNotPaused } from '../reviews/reviewers';
import { ReviewsLiveService } from '../reviews/reviews-live.service';
import { ReviewsRepository } from '../reviews/reviews.repository';
import { checkDistractor, type DistractorBounds, type DistractorCheck } from './distractor-rules';
import type { DistractorKind } from './distractor.entity';
import type { DistractorTaskView, ItemDistractorView } from './distractor-views';
import { DistractorsRepository } from './distractors.repository';
import type { CheckDistractorDto, SubmitDistractorsDto } from './dto/distractor.dto';

export interface DistractorsSubmitted {
  taskId: string;
  itemId: number;
  distractors: { distractorId: string; kind: DistractorKind; roundId: string }[];
}

@Injectable()
export class DistractorsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: DistractorsRepository,
    private readonly reviews: ReviewsRepository,
    private readonly audit: AuditService,
    private readonly live: ReviewsLiveService,
  ) {}

  bounds(): DistractorBounds {
    const e = env();
    return { fineMaxEditRatio: e.DISTRACTOR_FINE_MAX_EDIT_RATIO, coarseMinEditRatio: e.DISTRACTOR_COARSE_MIN_EDIT_RATIO };
  }

  /** The same rules submit applies, for the editor's inline feedback. */
  async check(dto: CheckDistractorDto): Promise<DistractorCheck> {
    const item = await this.repo.goldItem(this.db.manager, dto.itemId);
    if (!item) throw new NotFoundException(`Item ${dto.itemId} not found`);
    return checkDistractor(dto.kind, item.gold, dto.text, this.bounds());
  }

  async next(user: AuthUser, abilityId?: number) {
    assertNotPaused(user);
    const id = await this.db.transaction(async (m) => {
      await lockForUser(m, 'distractors.next', user.id);
      await this.repo.reclaimExpired(m);
      // an item this author skipped comes back to them only when nothing else waits
      return (
        (await this.repo.findActiveTask(m, user.id)) ??
        (await this.repo.leaseNext(m, user.id, abilityId, env().REVIEW_LEASE_S, true)) ??
        (await this.repo.leaseNext(m, user.id, abilityId, env().REVIEW_LEASE_S))
      );
    });
    return id ? this.view(id) : null;
  }

  async submit(user: AuthUser, taskId: string, dto: SubmitDistractorsDto): Promise<DistractorsSubmitted> {
    const done = await this.db.transaction(async (m): Promise<DistractorsSubmitted> => {
      const task = await this.repo.lockTask(m, taskId);
      if (!task || task.author_id !== user.id) throw new NotFoundException(`Distractor task ${taskId} is not one of your leases`);
      if (task.state === 'submitted') {
        if (task.submit_key !== dto.idempotencyKey) throw new ConflictException(`Distractor task ${taskId} was already submitted (with a different idempotencyKey)`);
        return { taskId, itemId: Number(task.item_id), distractors: await this.repo.roundsOfTask(m, taskId) };
      }
      if (task.state !== 'leased') throw new GoneException(`Distractor task ${taskId} ${task.state}; the item went back to the pool`);
      const keyUsedBy = await this.repo.findBySubmitKey(m, user.id, dto.idempotencyKey);
      if (keyUsedBy) throw new ConflictException(`idempotencyKey "${dto.idempotencyKey}" was already used for task ${keyUsedBy}`);

      const item = (await this.repo.goldItem(m, task.item_id))!;
      const checks = task.kinds.map((kind) => ({ kind, text: dto[kind], check: dto[kind] === undefined ? null : checkDistractor(kind, item.gold, dto[kind]!, this.bounds()) }));
      const errors = checks
        .filter((c) => !c.check?.ok)
        .map((c) => ({ field: c.kind, message: c.check?.message ?? `a ${c.kind}-grained distractor is required`, editRatio: c.check?.editRatio ?? null }));
      if (errors.length) throw new UnprocessableEntityException({ message: 'Distractors refused: nothing was saved', errors });

      const out: DistractorsSubmitted['distractors'] = [];
      for (const c of checks) {
        const distractorId = await this.repo.insertDistractor(m, { itemId: task.item_id, taskId, kind: c.kind, authorId: user.id, text: c.text!, editRatio: c.check!.editRatio });
        const roundId = await this.reviews.createRound(m, { itemId: task.item_id, kind: 'distractor', abilityId: item.abilityId, sourceId: item.sourceId, distractorId, excluded: [user.id] });
        await this.audit.append({ actorId: user.id, entity: 'distractor', entityId: distractorId, action: 'create', after: { itemId: task.item_id, kind: c.kind, text: c.text, editRatio: c.check!.editRatio } }, m);
        out.push({ distractorId, kind: c.kind, roundId });
      }
      await this.repo.markSubmitted(m, taskId, dto.idempotencyKey);
      return { taskId, itemId: Number(task.item_id), distractors: out };
    });
    this.live.queueChanged();
    return done;
  }

  async release(user: AuthUser, taskId: string): Promise<{ released: boolean }> {
    await this.db.transaction(async (m) => {
      const task = await this.repo.lockTask(m, taskId);
      if (!task || (task.author_id !== user.id && !LEADS.includes(user.role))) throw new NotFoundException(`Distractor task ${taskId} is not one of your leases`);
      if (task.state !== 'leased') throw new ConflictException(`Distractor task ${taskId} is ${task.state}, not active`);
      await this.repo.release(m, taskId);
    });
    return { released: true };
  }

  ofItem(itemId: number): Promise<ItemDistractorView[]> {
    return this.repo.ofItem(this.db.manager, itemId);
  }

  private async view(taskId: string): Promise<DistractorTaskView> {
    const [t] = await this.db.query(
      `SELECT t.id, t.kinds, t.leased_at AS "leasedAt", t.expires_at AS "expiresAt", i.id AS item_id, i.messages, i.split,
              jsonb_build_object('id', a.id, 'key', a.key, 'nameEn', a.name_en, 'nameZh', a.name_zh) AS ability
       FROM distractor_tasks t JOIN items i ON i.id = t.item_id JOIN abilities a ON a.id = i.ability_id WHERE t.id = $1`,
      [taskId],
    );
    const item = (await this.repo.goldItem(this.db.manager, t.item_id))!;
    return {
      task: { id: t.id, kinds: t.kinds, leasedAt: t.leasedAt, expiresAt: t.expiresAt },
      item: { id: Number(t.item_id), messages: t.messages, split: t.split, gold: item.gold },
      ability: t.ability,
      bounds: this.bounds(),
    };
  }
}
