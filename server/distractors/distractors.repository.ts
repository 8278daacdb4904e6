import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { LeaseState } from '../reviews/review-assignment.entity';
import type { DistractorKind } from './distractor.entity';

export interface TaskRow {
  id: string;
  item_id: string;
  author_id: string;
  kinds: DistractorKind[];
  state: LeaseState;
  submit_key: string | null;
}

export interface GoldItem {
  id: string;
  abilityId: number;
  sourceId: string;
  gold: string;
  questionFormat: number;
}

const NEEDS_A_DISTRACTOR = `EXISTS (
  SELECT 1 FROM unnest(ARRAY['fine', 'coarse']) k
  WHERE NOT EXISTS (SELECT 1 FROM distractors d WHERE d.item_id = i.id AND d.kind = k AND d.status IN ('pending_review', 'approved')))`;

/** Distractor authoring leases and the distractors themselves. Every method runs in the caller's transaction. */
@Injectable()
export class DistractorsRepository {
  async reclaimExpired(m: EntityManager): Promise<void> {
    await m.query(`UPDATE distractor_tasks SET state = 'expired' WHERE state = 'leased' AND expires_at < now()`);
  }

  async findActiveTask(m: EntityManager, authorId: string): Promise<string | null> {
    const rows = await m.query(
      `SELECT id FROM distractor_tasks WHERE author_id = $1 AND state = 'leased' AND expires_at > now() ORDER BY id LIMIT 1`,
      [authorId],
    );
    return rows[0]?.id ?? null;
  }

  /**
   * Leases the oldest open-ended validation/test item still missing a distractor that nobody is writing; with
   * `passOverSkipped`, none this author handed back before.
   */
  async leaseNext(m: EntityManager, authorId: string, abilityId: number | undefined, leaseSeconds: number, passOverSkipped = false): Promise<string | null> {
    const params: unknown[] = [authorId, leaseSeconds];
    const ability = abilityId === undefined ? '' : ` AND i.ability_id = $${params.push(abilityId)}`;
    const skipped = passOverSkipped
      ? ` AND NOT EXISTS (SELECT 1 FROM distractor_tasks s WHERE s.item_id = i.id AND s.author_id = $1 AND s.state = 'released')`
      : '';
    const rows = await m.query(
      `WITH pick AS (
         SELECT i.id FROM items i
         WHERE i.status = 'accepted' AND i.question_format = 1 AND i.split IN ('valid', 'test') AND NOT i.ppl_ready${ability}${skipped}
           AND NOT EXISTS (SELECT 1 FROM distractor_tasks t WHERE t.item_id = i.id AND t.state = 'leased')
           AND ${NEEDS_A_DISTRACTOR}
         ORDER BY i.id LIMIT 1 FOR UPDATE OF i SKIP LOCKED
       )
       INSERT INTO distractor_tasks (item_id, author_id, kinds, expires_at)
       SELECT pick.id, $1,
              ARRAY(SELECT k FROM unnest(ARRAY['fine', 'coarse']) k WHERE NOT EXISTS (
                SELECT 1 FROM distractors d WHERE d.item_id = pick.id AND d.kind = k AND d.status IN ('pending_review', 'approved'))),
              now() + make_interval(secs => $2)
       FROM pick
       ON CONFLICT (item_id) WHERE state = 'leased' DO NOTHING
       RETURNING id`,
      params,
    );
    return rows[0]?.id ?? null;
  }

  async lockTask(m: EntityManager, id: string): Promise<TaskRow | null> {
    const rows = await m.query(`SELECT id, item_id, author_id, kinds, state, submit_key FROM distractor_tasks WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0] ?? null;
  }

  async findBySubmitKey(m: EntityManager, authorId: string, key: string): Promise<string | null> {
    const rows = await m.query(`SELECT id FROM distractor_tasks WHERE author_id = $1 AND submit_key = $2`, [authorId, key]);
    return rows[0]?.id ?? null;
  }

  async goldItem(m: EntityManager, itemId: number | string): Promise<GoldItem | null> {
    const rows = await m.query(
      `SELECT id, ability_id, source_id, question_format,
              COALESCE(gold, (SELECT x->>'content' FROM jsonb_array_elements(messages) WITH ORDINALITY AS t(x, n)
                              WHERE x->>'role' = 'assistant' ORDER BY n DESC LIMIT 1)) AS gold
       FROM items WHERE id = $1`,
      [itemId],
    );
    const r = rows[0];
    return r ? { id: r.id, abilityId: r.ability_id, sourceId: r.source_id, gold: r.gold ?? '', questionFormat: r.question_format } : null;
  }

  async insertDistractor(
    m: EntityManager,
    d: { itemId: string; taskId: string; kind: DistractorKind; authorId: string; text: string; editRatio: number },
  ): Promise<string> {
    const rows = await m.query(
      `INSERT INTO distractors (item_id, task_id, kind, author_id, text, edit_ratio) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [d.itemId, d.taskId, d.kind, d.authorId, d.text, d.editRatio],
    );
    return rows[0].id;
  }

  async markSubmitted(m: EntityManager, id: string, submitKey: string): Promise<void> {
    await m.query(`UPDATE distractor_tasks SET state = 'submitted', submitted_at = now(), submit_key = $2 WHERE id = $1`, [id, submitKey]);
  }

  async release(m: EntityManager, id: string): Promise<void> {
    await m.query(`UPDATE distractor_tasks SET state = 'released' WHERE id = $1`, [id]);
  }

  ofItem(m: EntityManager, itemId: number | string) {
    return m.query(
      `SELECT d.id, d.item_id AS "itemId", d.kind, d.author_id AS "authorId", u.name AS "authorName", d.text, d.edit_ratio AS "editRatio",
              d.status, d.created_at AS "createdAt", d.decided_at AS "decidedAt", r.id AS "roundId"
       FROM distractors d JOIN users u ON u.id = d.author_id LEFT JOIN review_rounds r ON r.distractor_id = d.id
       WHERE d.item_id = $1 ORDER BY d.id`,
      [itemId],
    );
  }

  async roundsOfTask(m: EntityManager, taskId: string) {
    return m.query(
      `SELECT d.id AS "distractorId", d.kind, r.id AS "roundId" FROM distractors d
       JOIN review_rounds r ON r.distractor_id = d.id WHERE d.task_id = $1 ORDER BY d.id`,
      [taskId],
    );
  }
}
