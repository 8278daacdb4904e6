import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { LeaseState } from '../reviews/review-assignment.entity';
import { ItemStatusRepository } from '../items/item-status.repository';
import type { ReviewMode } from '../synthesis/synthesis-contract';
import type { ItemContent } from './item-content';
import { updateReturning } from '../sql/update-returning';

export interface RevisionRow {
  id: string;
  item_id: string;
  reviser_id: string;
  state: LeaseState;
  submit_key: string | null;
  expires_at: Date;
}

export interface ItemForRevision extends ItemContent {
  id: string;
  sourceId: string;
  abilityKey: string;
  status: string;
  reviewMode: ReviewMode;
}

const RETURN = ItemStatusRepository.guard('return_revision');
const LEASE = ItemStatusRepository.guard('lease_revision');
const SUBMIT = ItemStatusRepository.guard('submit_revision');

/**
 * Revision leases and the item moves around them (lease_revision, return_revision and submit_revision of the item
 * life-cycle, whose from-states guard each UPDATE). Every method runs in the caller's transaction.
 */
@Injectable()
export class RevisionsRepository {
  /** Expired revision leases: the lease is marked expired and its item returns to the revision queue. */
  async reclaimExpired(m: EntityManager): Promise<void> {
    await m.query(`
      WITH due AS (
        SELECT id FROM revisions WHERE state = 'leased' AND expires_at < now() LIMIT 500 FOR UPDATE SKIP LOCKED
      ), gone AS (
        UPDATE revisions r SET state = 'expired' FROM due WHERE r.id = due.id RETURNING r.item_id
      )
      UPDATE items i SET status = $2, updated_at = now() FROM gone WHERE i.id = gone.item_id AND i.status = ANY ($1::text[])`, [RETURN.from, RETURN.to]);
  }

  async findActiveLease(m: EntityManager, reviserId: string): Promise<string | null> {
    const rows = await m.query(
      `SELECT id FROM revisions WHERE reviser_id = $1 AND state = 'leased' AND expires_at > now() ORDER BY id LIMIT 1`,
      [reviserId],
    );
    return rows[0]?.id ?? null;
  }

  /** The oldest item waiting for revision; with `passOverSkipped`, none this reviser handed back before. */
  async leaseNext(
    m: EntityManager,
    reviserId: string,
    abilityId: number | undefined,
    leaseSeconds: number,
    passOverSkipped = false,
  ): Promise<{ id: string; item_id: string } | null> {
    const params: unknown[] = [reviserId, leaseSeconds, LEASE.from, LEASE.to];
    const ability = abilityId === undefined ? '' : ` AND ability_id = $${params.push(abilityId)}`;
    const skipped = passOverSkipped
      ? ` AND NOT EXISTS (SELECT 1 FROM revisions v WHERE v.item_id = items.id AND v.reviser_id = $1 AND v.state = 'released')`
      : '';
    const rows = await m.query(
      `WITH pick AS (
         SELECT id FROM items WHERE status = ANY ($3::text[])${ability}${skipped}
         ORDER BY status, ability_id, id LIMIT 1 FOR UPDATE SKIP LOCKED
       ), it AS (
         UPDATE items i SET status = $4, updated_at = now() FROM pick WHERE i.id = pick.id
         RETURNING i.id, i.messages, i.gold, i.choices, i.ability_id
       )
       INSERT INTO revisions (item_id, reviser_id, expires_at, before)
       SELECT id, $1, now() + make_interval(secs => $2),
              jsonb_build_object('messages', messages, 'gold', gold, 'choices', choices, 'abilityId', ability_id)
       FROM it RETURNING id, item_id`,
      params,
    );
    return rows[0] ?? null;
  }

  async lock(m: EntityManager, id: string): Promise<RevisionRow | null> {
    const rows = await m.query(
      `SELECT id, item_id, reviser_id, state, submit_key, expires_at FROM revisions WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0] ?? null;
  }

  async findBySubmitKey(m: EntityManager, reviserId: string, key: string): Promise<string | null> {
    const rows = await m.query(`SELECT id FROM revisions WHERE reviser_id = $1 AND submit_key = $2`, [reviserId, key]);
    return rows[0]?.id ?? null;
  }

  async lockItem(m: EntityManager, itemId: string): Promise<ItemForRevision> {
    const [r] = await m.query(
      `SELECT i.id, i.messages, i.gold, i.choices, i.ability_id, i.source_id, i.status, i.review_mode, a.key AS ability_key
       FROM items i JOIN abilities a ON a.id = i.ability_id WHERE i.id = $1 FOR UPDATE OF i`,
      [itemId],
    );
    return {
      id: r.id,
      messages: r.messages,
      gold: r.gold,
      choices: r.choices,
      abilityId: r.ability_id,
      sourceId: r.source_id,
      status: r.status,
      abilityKey: r.ability_key,
      reviewMode: r.review_mode,
    };
  }

  async abilityKey(m: EntityManager, abilityId: number): Promise<string | null> {
    const rows = await m.query(`SELECT key FROM abilities WHERE id = $1`, [abilityId]);
    return rows[0]?.key ?? null;
  }

  /** Stores the revised content and moves the item on to validation; false when the item is no longer being revised. */
  async saveRevisedItem(m: EntityManager, itemId: string, c: ItemContent, contentHash: Buffer): Promise<boolean> {
    const rows = await updateReturning<{ id: string }>(
      m,
      `UPDATE items SET messages = $2, gold = $3, choices = $4, ability_id = $5, content_hash = $6, status = $8,
         updated_at = now() WHERE id = $1 AND status = ANY ($7::text[]) RETURNING id`,
      [itemId, JSON.stringify(c.messages), c.gold, c.choices === null ? null : JSON.stringify(c.choices), c.abilityId, contentHash, SUBMIT.from, SUBMIT.to],
    );
    return rows.length === 1;
  }

  async markSubmitted(m: EntityManager, id: string, r: { after: ItemContent; diff: string; comment: string | null; submitKey: string }) {
    await m.query(
      `UPDATE revisions SET state = 'submitted', submitted_at = now(), after = $2, diff = $3, comment = $4, submit_key = $5 WHERE id = $1`,
      [id, JSON.stringify(r.after), r.diff, r.comment, r.submitKey],
    );
  }

  async release(m: EntityManager, r: RevisionRow): Promise<void> {
    await m.query(`UPDATE revisions SET state = 'released' WHERE id = $1`, [r.id]);
    await m.query(`UPDATE items SET status = $3, updated_at = now() WHERE id = $1 AND status = ANY ($2::text[])`, [r.item_id, RETURN.from, RETURN.to]);
  }

  /** Active reviewers outside `excluded`: are there enough to keep an item's first-round reviewers off its validation? */
  async countReviewersOutside(m: EntityManager, excluded: string[], roles: string[]): Promise<number> {
    const [r] = await m.query(
      `SELECT count(*)::int AS n FROM users WHERE active AND role = ANY ($1) AND NOT (id = ANY ($2::uuid[]))`,
      [roles, excluded],
    );
    return r.n;
  }

  async find(m: EntityManager, id: string) {
    const rows = await m.query(
      `SELECT v.id, v.item_id AS "itemId", v.reviser_id AS "reviserId", u.name AS "reviserName", v.state, v.leased_at AS "leasedAt",
              v.expires_at AS "expiresAt", v.submitted_at AS "submittedAt", v.before, v.after, v.diff, v.comment
       FROM revisions v JOIN users u ON u.id = v.reviser_id WHERE v.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  ofItem(m: EntityManager, itemId: number) {
    return m.query(
      `SELECT v.id, v.item_id AS "itemId", v.reviser_id AS "reviserId", u.name AS "reviserName", v.state, v.submitted_at AS "submittedAt",
              v.before, v.after, v.diff, v.comment
       FROM revisions v JOIN users u ON u.id = v.reviser_id WHERE v.item_id = $1 AND v.state = 'submitted' ORDER BY v.id`,
      [itemId],
    );
  }
}
