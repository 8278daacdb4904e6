import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ListQuery } from '../common/list-query';
import { publicFile } from '../imports/display-file';
import { initialStatus } from '../imports/pipeline/initial-status';
import { Item, type Split } from './item.entity';
import type { SplitAssigned } from './item-views';
import { ItemStatusRepository, type StatusActor } from './item-status.repository';
import { ItemsRepository } from './items.repository';

/** The life-cycle move that takes an overruled duplicate to where its import would have put it. */
const OVERRULE_TO = {
  pending_review: 'overrule_duplicate',
  needs_answer: 'overrule_duplicate_unanswered',
  accepted: 'overrule_duplicate_unreviewed',
} as const;

@Injectable()
export class ItemsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly items: ItemsRepository,
    private readonly status: ItemStatusRepository,
  ) {}

  async list(q: ListQuery): Promise<[Item[], number]> {
    const [rows, total] = await this.items.list(q);
    return [await this.withPublicFiles(rows), total];
  }

  /** The item with its file named as the user knows it (see publicFile), and the original it duplicates. */
  async get(id: number): Promise<Item & { duplicate?: Item | null }> {
    const item = await this.items.findById(id);
    if (!item) throw new NotFoundException(`Item ${id} not found`);
    const duplicate = item.duplicateOf ? await this.items.findById(item.duplicateOf) : undefined;
    await this.withPublicFiles(duplicate ? [item, duplicate] : [item]);
    return duplicate === undefined ? item : { ...item, duplicate };
  }

  /** Items as responses show them: `rawFile` names the file as the user knows it, never where the server keeps it. */
  private async withPublicFiles(items: Item[]): Promise<Item[]> {
    const imports = await this.items.importFilesOf([...new Set(items.map((i) => i.importId))]);
    for (const item of items) item.rawFile = publicFile(imports.get(item.importId) ?? null, item.rawFile);
    return items;
  }

  /**
   * Puts items in a split by hand (open-ended validation/test items then need distractors); logs each change. Items a
   * frozen version holds keep their split: they refuse the request, or with `skipFrozen` are skipped and named.
   */
  async assignSplit(itemIds: number[], split: Split | null, actorId: string, skipFrozen = false): Promise<SplitAssigned> {
    if (skipFrozen) return this.assignSplitSkippingFrozen(itemIds, split, actorId);
    const locked = await this.items.splitLockedIds(itemIds, split);
    if (locked.length) {
      throw new ConflictException(
        `items ${locked.join(', ')}${locked.length === 20 ? ' …' : ''}: already frozen into a dataset version, so their split can no longer change (a test item moved to train would leak)`,
      );
    }
    return { updated: (await this.items.setSplit(itemIds, split, actorId)).length };
  }

  private async assignSplitSkippingFrozen(itemIds: number[], split: Split | null, actorId: string): Promise<SplitAssigned> {
    const locked = new Set(await this.items.splitLockedIds(itemIds, split, itemIds.length));
    const free = itemIds.filter((id) => !locked.has(id));
    const changed = free.length ? await this.items.setSplit(free, split, actorId) : [];
    const skipped = [...locked].sort((a, b) => a - b).map((itemId) => ({ itemId, reason: 'frozen into a dataset version: its split can no longer change (a test item moved to train would leak)' }));
    return { updated: changed.length, itemIds: changed, ...(skipped.length ? { skipped } : {}) };
  }

  /**
   * A lead decides a flagged duplicate is a distinct item: it goes where its import would have put it had it not been a
   * duplicate (initialStatus): review, waiting for an answer, or, in review mode `none`, accepted (no review round ever
   * leases such an item). The link stays for the record.
   */
  async overruleDuplicate(id: number, actor: StatusActor): Promise<Item> {
    return this.db.transaction(async (m) => {
      const item = await this.items.findById(id, m);
      if (!item) throw new NotFoundException(`Item ${id} not found`);
      if (item.status !== 'duplicate') throw new ConflictException(`Item ${id} is not marked as a duplicate (status: ${item.status})`);
      const answered = item.messages.some((msg) => msg.role === 'assistant' && msg.content.trim() !== '');
      const to = initialStatus({ benchmark: false, duplicate: false, needsAnswer: !answered, reviewMode: item.reviewMode });
      await this.status.moveOne(m, OVERRULE_TO[to as keyof typeof OVERRULE_TO], actor, id, {
        auditAs: 'overrule_duplicate',
        extra: { duplicateOf: item.duplicateOf, duplicateKind: item.duplicateKind },
      });
      return (await this.items.findById(id, m))!;
    }).then(async (item) => (await this.withPublicFiles([item]))[0]);
  }
}
