import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ItemStatus } from './item.entity';
import { checkTransition, ITEM_TRANSITIONS, type Actor, type ItemAction } from './item-lifecycle';

export interface StatusActor {
  /** The user, or null for the server acting on its own (a lease timing out). */
  id: string | null;
  role: Actor;
}

export interface MoveSelection {
  itemIds?: (number | string)[];
  abilityIds?: number[];
  /** Narrows the action's from-states to these (never widens them). */
  statuses?: readonly ItemStatus[];
  /** At most this many items, oldest first. */
  limit?: number;
}

export interface MoveNote {
  confirmed?: boolean;
  /** Why, in the actor's words; written to the audit log. */
  reason?: string | null;
  /** More to record beside the status in the audit entry (the round that decided it, …). */
  extra?: Record<string, unknown>;
  /** The audit entry's action column: 'status' unless the move has an entry of its own name already (overrule_duplicate). */
  auditAs?: string;
}

export interface Moved {
  id: string;
  before: ItemStatus;
}

/**
 * The one way an item's status changes (item-lifecycle.ts): the action's from-states guard the UPDATE itself, so a
 * bulk move touches only items the action applies to, and each move is written to the audit log with its action.
 * Every method runs in the caller's transaction.
 */
@Injectable()
export class ItemStatusRepository {
  /** Moves the selected items that are in a state `action` applies to; others are left as they are. */
  async move(m: EntityManager, action: ItemAction, actor: StatusActor, sel: MoveSelection, note: MoveNote = {}): Promise<Moved[]> {
    const to = checkTransition(action, actor.role, { confirmed: note.confirmed });
    const t = ITEM_TRANSITIONS[action];
    const after = { action, ...(note.reason ? { reason: note.reason } : {}), ...note.extra, status: to };
    const params: unknown[] = [actor.id, t.from, to, JSON.stringify(after), note.auditAs ?? 'status'];
    let where = `status = ANY ($2::text[])`;
    if (sel.itemIds) where += ` AND id = ANY ($${params.push(sel.itemIds.map(String))}::bigint[])`;
    if (sel.abilityIds) where += ` AND ability_id = ANY ($${params.push(sel.abilityIds)}::int[])`;
    if (sel.statuses) where += ` AND status = ANY ($${params.push(sel.statuses)}::text[])`;
    const limit = sel.limit ? ` LIMIT $${params.push(sel.limit)}` : '';
    const rows: { id: string; before: ItemStatus }[] = await m.query(
      `WITH pick AS (SELECT id, status FROM items WHERE ${where} ORDER BY id${limit} FOR UPDATE),
       moved AS (
         UPDATE items i SET status = $3, updated_at = now() FROM pick WHERE i.id = pick.id AND i.status = ANY ($2::text[])
         RETURNING i.id, pick.status AS before
       ), audited AS (
         INSERT INTO audit_log (actor_id, entity, entity_id, action, before, after)
         SELECT $1, 'item', id::text, $5, jsonb_build_object('status', before), $4::jsonb FROM moved
       )
       SELECT id::text AS id, before FROM moved ORDER BY moved.id`,
      params,
    );
    return rows;
  }

  /** Moves one item, refusing (409, naming its status) when the action does not apply to it. Returns its status before. */
  async moveOne(m: EntityManager, action: ItemAction, actor: StatusActor, itemId: number | string, note: MoveNote = {}): Promise<ItemStatus> {
    const [row] = await this.lockStatuses(m, [itemId]);
    if (!row) throw new Error(`Item ${itemId} does not exist`);
    checkTransition(action, actor.role, { from: row.status, confirmed: note.confirmed, itemId });
    const [moved] = await this.move(m, action, actor, { itemIds: [itemId] }, note);
    return moved.before;
  }

  /** The current status of each given item (those that exist), locked for the caller's transaction. */
  lockStatuses(m: EntityManager, itemIds: (number | string)[]): Promise<{ id: string; status: ItemStatus }[]> {
    return m.query(`SELECT id::text AS id, status FROM items WHERE id = ANY ($1::bigint[]) ORDER BY items.id FOR UPDATE`, [itemIds.map(String)]);
  }

  /** The frozen (or freezing) dataset versions holding each of these items: what a re-open leaves untouched. */
  async frozenVersionsOf(m: EntityManager, itemIds: (number | string)[]): Promise<Map<string, string[]>> {
    const rows: { item_id: string; names: string[] }[] = await m.query(
      `SELECT v.item_id::text AS item_id, array_agg(dv.name ORDER BY dv.id) AS names
         FROM dataset_version_items v JOIN dataset_versions dv ON dv.id = v.version_id AND dv.status IN ('frozen', 'freezing')
        WHERE v.item_id = ANY ($1::bigint[]) GROUP BY v.item_id`,
      [itemIds.map(String)],
    );
    return new Map(rows.map((r) => [r.item_id, r.names]));
  }

  /** SQL guard for statements that move items inside a larger query: `status = ANY (from)` and the `to` status. */
  static guard(action: ItemAction): { from: readonly ItemStatus[]; to: ItemStatus } {
    const t = ITEM_TRANSITIONS[action];
    return { from: t.from, to: t.to };
  }
}
