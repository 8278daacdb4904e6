import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { SnapshotContent } from '../../datasets/freeze/item-snapshot';
import type { ChatMessage } from '../backends/chat-format';
import type { EvalItem } from '../suites/suite.types';

/** Reads a frozen version's validation and test items from their snapshots (what was frozen, not today's items). */
@Injectable()
export class VersionEvalItemsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** In a fixed order (ability, split, item id), so chunks and their stored results line up across resumed runs. */
  async evalItems(versionId: number): Promise<EvalItem[]> {
    const rows: Array<{ itemId: number; ability: string; split: 'valid' | 'test'; content: SnapshotContent }> = await this.db.query(
      `SELECT v.item_id::int AS "itemId", a.key AS ability, v.split, s.content
         FROM dataset_version_items v
         JOIN abilities a ON a.id = v.ability_id
         JOIN item_snapshots s ON s.hash = v.snapshot_hash
        WHERE v.version_id = $1 AND v.split IN ('valid', 'test')
        ORDER BY a.key, v.split, v.item_id`,
      [versionId],
    );
    return rows.map((r) => toEvalItem(r.itemId, r.ability, r.split, r.content));
  }
}

/**
 * A snapshot as an evaluation item. A system turn has no place in the conversation format (<user>/<assistant> only),
 * so it is put before the first user turn's text. Open-ended items carry [gold, fine, coarse] (the freeze only admits
 * a validation/test open-ended item with both approved distractors).
 */
export function toEvalItem(itemId: number, ability: string, split: 'valid' | 'test' | null, c: SnapshotContent): EvalItem {
  const messages = chatMessages(c.messages, itemId);
  const lastAssistant = [...messages].reverse().find((m) => m.role === 'assistant')?.content ?? null;
  const open = c.questionFormat === 1;
  return {
    itemId,
    ability,
    split,
    messages,
    questionFormat: c.questionFormat,
    answerType: c.answerType,
    gold: open ? (c.gold ?? lastAssistant) : c.gold,
    // without both distractors the suite skips the item and says why
    choices: open ? (c.distractors ? [c.gold ?? lastAssistant ?? '', c.distractors.fine, c.distractors.coarse] : null) : (c.choices ?? null),
    meta: {},
  };
}

function chatMessages(messages: SnapshotContent['messages'], itemId: number): ChatMessage[] {
  const out: ChatMessage[] = [];
  let system: string[] = [];
  for (const m of messages) {
    if (m.role === 'system') system.push(m.content);
    else if (m.role === 'user' || m.role === 'assistant') {
      const content = m.role === 'user' && system.length ? `${system.join('\n')}\n${m.content}` : m.content;
      if (m.role === 'user') system = [];
      out.push({ role: m.role, content });
    } else throw new Error(`item ${itemId}: message role ${JSON.stringify(m.role)} is not system, user or assistant`);
  }
  if (!out.some((m) => m.role === 'user')) throw new Error(`item ${itemId}: no user message to evaluate`);
  return out;
}
