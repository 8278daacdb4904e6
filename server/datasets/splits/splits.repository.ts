import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CANDIDATES, filterParams, type ResolvedFilter } from '../version-filter';
import type { AbilitySplitState, FormatQuota } from './split-quotas';

/** Split assignments are serialized across freezes and manual assignment, so two never fill the same gap. */
const SPLIT_LOCK = 0x73706c74; // "splt"

export interface AssignedCounts {
  train: number;
  valid: number;
  test: number;
}

@Injectable()
export class SplitsRepository {
  async lock(m: EntityManager): Promise<void> {
    await m.query('SELECT pg_advisory_xact_lock($1)', [SPLIT_LOCK]);
  }

  /** Per ability: candidates already in valid/test, and unassigned ones by question format. */
  async states(m: EntityManager, filter: ResolvedFilter): Promise<AbilitySplitState[]> {
    const rows: Array<{ ability_id: number; question_format: number; split: string | null; n: number }> = await m.query(
      `SELECT i.ability_id, i.question_format, i.split, count(*)::int AS n
         FROM items i JOIN sources s ON s.id = i.source_id
        WHERE ${CANDIDATES}
        GROUP BY 1, 2, 3`,
      filterParams(filter),
    );
    const states = new Map<number, AbilitySplitState>();
    for (const r of rows) {
      const s = states.get(r.ability_id) ?? { abilityId: r.ability_id, valid: 0, test: 0, unassigned: new Map<number, number>() };
      states.set(r.ability_id, s);
      if (r.split === 'valid') s.valid += r.n;
      else if (r.split === 'test') s.test += r.n;
      else if (r.split === null) s.unassigned.set(r.question_format, (s.unassigned.get(r.question_format) ?? 0) + r.n);
    }
    return [...states.values()].sort((a, b) => a.abilityId - b.abilityId);
  }

  /**
   * Gives every unassigned candidate a split: within each (ability, question format), in order of
   * SHA-256(seed || ':' || item id), the first `test` go to test, the next `valid` to validation, the rest to
   * train. Each change is audited like a manual one.
   */
  async apply(m: EntityManager, filter: ResolvedFilter, quotas: FormatQuota[], seed: string, actorId: string | null): Promise<AssignedCounts> {
    if (quotas.length === 0) return { train: 0, valid: 0, test: 0 };
    const rows: Array<{ split: keyof AssignedCounts; n: number }> = await m.query(
      `WITH q AS (
         SELECT * FROM unnest($5::int[], $6::int[], $7::int[], $8::int[]) AS q(ability_id, question_format, n_test, n_valid)
       ), ranked AS (
         SELECT i.id, q.n_test, q.n_valid,
                row_number() OVER (PARTITION BY i.ability_id, i.question_format
                                   ORDER BY sha256(convert_to($9 || ':' || i.id, 'UTF8')), i.id) AS rank
           FROM items i JOIN sources s ON s.id = i.source_id
           JOIN q ON q.ability_id = i.ability_id AND q.question_format = i.question_format
          WHERE ${CANDIDATES} AND i.split IS NULL
       ), changed AS (
         UPDATE items i
            SET split = CASE WHEN r.rank <= r.n_test THEN 'test' WHEN r.rank <= r.n_test + r.n_valid THEN 'valid' ELSE 'train' END,
                updated_at = now()
           FROM ranked r
          WHERE i.id = r.id AND i.split IS NULL
          RETURNING i.id, i.split
       ), audited AS (
         INSERT INTO audit_log (actor_id, entity, entity_id, action, before, after)
         SELECT $10, 'item', id::text, 'split', '{"split":null}', jsonb_build_object('split', split, 'seed', $9::text) FROM changed
       )
       SELECT split, count(*)::int AS n FROM changed GROUP BY split`,
      [
        ...filterParams(filter),
        quotas.map((q) => q.abilityId),
        quotas.map((q) => q.questionFormat),
        quotas.map((q) => q.test),
        quotas.map((q) => q.valid),
        seed,
        actorId,
      ],
    );
    const out: AssignedCounts = { train: 0, valid: 0, test: 0 };
    for (const r of rows) out[r.split] = r.n;
    return out;
  }
}
