import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { LeaseState } from '../common/lease-columns';
import { ItemStatusRepository } from '../items/item-status.repository';

import type { LeaseKind } from './reviewer-views';

export { LEASE_KINDS, type LeaseKind } from './reviewer-views';

export interface HeldLease {
  kind: LeaseKind;
  id: string;
  itemId: number;
  holderId: string;
  state: LeaseState;
  /** False once the lease ran out, even if no one has reclaimed it yet. */
  live: boolean;
  /** Review leases only: the round, and the people who may not review it. */
  roundId: string | null;
  excluded: string[];
}

export interface Reviewer {
  id: string;
  active: boolean;
  paused: boolean;
}

/**
 * Moves a held lease (review, revision or distractor task) to another reviewer or back to the pool. The old lease is
 * marked released rather than rewritten, so its holder's late submit meets a released lease (410) and the audit keeps
 * both; the new holder gets a new lease of the full length. Every method runs in the caller's transaction.
 */
@Injectable()
export class LeaseHandoverRepository {
  /** Review leases lock the assignment, then its round: the order submit and release use, so they cannot deadlock. */
  async lock(m: EntityManager, kind: LeaseKind, id: string): Promise<HeldLease | null> {
    const sql: Record<LeaseKind, string> = {
      review: `SELECT id, NULL AS item_id, reviewer_id AS holder_id, state, expires_at > now() AS live, round_id FROM review_assignments WHERE id = $1 FOR UPDATE`,
      revision: `SELECT id, item_id, reviser_id AS holder_id, state, expires_at > now() AS live, NULL AS round_id FROM revisions WHERE id = $1 FOR UPDATE`,
      distractor: `SELECT id, item_id, author_id AS holder_id, state, expires_at > now() AS live, NULL AS round_id FROM distractor_tasks WHERE id = $1 FOR UPDATE`,
    };
    const [r] = await m.query(sql[kind], [id]);
    if (!r) return null;
    const lease: HeldLease = { kind, id: r.id, itemId: Number(r.item_id), holderId: r.holder_id, state: r.state, live: r.live, roundId: r.round_id, excluded: [] };
    if (kind === 'review') {
      const [round] = await m.query(`SELECT item_id, excluded_reviewers FROM review_rounds WHERE id = $1 FOR UPDATE`, [r.round_id]);
      lease.itemId = Number(round.item_id);
      lease.excluded = round.excluded_reviewers;
    }
    return lease;
  }

  /** Locked so a pause cannot land between the check and the handover. */
  async lockReviewer(m: EntityManager, id: string, roles: string[]): Promise<Reviewer | null> {
    const [r] = await m.query(`SELECT id, active, paused FROM users WHERE id = $1 AND role = ANY ($2) FOR SHARE`, [id, roles]);
    return r ?? null;
  }

  /** Whether the reviewer ever held a lease in this round (a round takes two different people, expired leases included). */
  async inRound(m: EntityManager, roundId: string, reviewerId: string): Promise<boolean> {
    const rows = await m.query(`SELECT 1 FROM review_assignments WHERE round_id = $1 AND reviewer_id = $2`, [roundId, reviewerId]);
    return rows.length > 0;
  }

  /** Ends the lease and gives `to` a new one on the same work; returns the new lease's id. */
  async handOver(m: EntityManager, lease: HeldLease, to: string, leaseSeconds: number): Promise<string> {
    const sql: Record<LeaseKind, string> = {
      review: `WITH old AS (UPDATE review_assignments SET state = 'released' WHERE id = $1 RETURNING round_id)
               INSERT INTO review_assignments (round_id, reviewer_id, expires_at)
               SELECT round_id, $2, now() + make_interval(secs => $3) FROM old RETURNING id`,
      revision: `WITH old AS (UPDATE revisions SET state = 'released' WHERE id = $1 RETURNING item_id, before)
                 INSERT INTO revisions (item_id, reviser_id, expires_at, before)
                 SELECT item_id, $2, now() + make_interval(secs => $3), before FROM old RETURNING id`,
      distractor: `WITH old AS (UPDATE distractor_tasks SET state = 'released' WHERE id = $1 RETURNING item_id, kinds)
                   INSERT INTO distractor_tasks (item_id, author_id, kinds, expires_at)
                   SELECT item_id, $2, kinds, now() + make_interval(secs => $3) FROM old RETURNING id`,
    };
    const [row] = await m.query(sql[lease.kind], [lease.id, to, leaseSeconds]);
    return row.id;
  }

  /** Ends the lease and puts its work back where the next reviewer who asks will get it. */
  async toPool(m: EntityManager, lease: HeldLease): Promise<void> {
    if (lease.kind === 'review') {
      await m.query(`UPDATE review_assignments SET state = 'released' WHERE id = $1`, [lease.id]);
      await m.query(`UPDATE review_rounds SET open_slots = open_slots + 1 WHERE id = $1`, [lease.roundId]);
    } else if (lease.kind === 'revision') {
      await m.query(`UPDATE revisions SET state = 'released' WHERE id = $1`, [lease.id]);
      const { from, to } = ItemStatusRepository.guard('return_revision');
      await m.query(`UPDATE items SET status = $3, updated_at = now() WHERE id = $1 AND status = ANY ($2::text[])`, [lease.itemId, from, to]);
    } else {
      await m.query(`UPDATE distractor_tasks SET state = 'released' WHERE id = $1`, [lease.id]);
    }
  }
}
