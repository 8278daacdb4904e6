import { Injectable } from '@nestjs/common';
import type { ReviewMode } from '../../synthesis/synthesis-contract';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { SnapshotContent } from '../freeze/item-snapshot';

import type { AbilityDiff, DiffKind } from '../dataset-views';

export { DIFF_KINDS, type AbilityDiff, type DiffKind } from '../dataset-views';

const PAIRS = `
  WITH a AS (SELECT item_id, ability_id, split, snapshot_hash FROM dataset_version_items WHERE version_id = $1),
       b AS (SELECT item_id, ability_id, split, snapshot_hash FROM dataset_version_items WHERE version_id = $2)`;

const KIND_WHERE: Record<DiffKind, string> = {
  added: 'a.item_id IS NULL',
  removed: 'b.item_id IS NULL',
  changed: 'a.snapshot_hash <> b.snapshot_hash',
  moved: 'a.ability_id <> b.ability_id',
};


@Injectable()
export class DiffRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Per ability: added and changed count where the item is in `b`, removed and moved out where it was in `a`. */
  async summary(a: number, b: number): Promise<{ byAbility: AbilityDiff[]; unchanged: number; splitChanged: number }> {
    const rows: Array<AbilityDiff & { ability_id: number }> = await this.db.query(
      `${PAIRS},
       per AS (
         SELECT coalesce(b.ability_id, a.ability_id) AS ability_id,
                (a.item_id IS NULL)::int AS added, (b.item_id IS NULL)::int AS removed,
                (a.snapshot_hash <> b.snapshot_hash)::int AS changed, (a.ability_id <> b.ability_id)::int AS moved_in, 0 AS moved_out
           FROM a FULL JOIN b ON a.item_id = b.item_id
         UNION ALL
         SELECT a.ability_id, 0, 0, 0, 0, 1 FROM a JOIN b ON a.item_id = b.item_id WHERE a.ability_id <> b.ability_id
       )
       SELECT x.key AS ability, sum(added)::int AS added, sum(removed)::int AS removed, coalesce(sum(changed), 0)::int AS changed,
              coalesce(sum(moved_in), 0)::int AS "movedIn", sum(moved_out)::int AS "movedOut"
         FROM per JOIN abilities x ON x.id = per.ability_id
        GROUP BY x.key ORDER BY x.key`,
      [a, b],
    );
    const [totals] = await this.db.query(
      `${PAIRS}
       SELECT count(*) FILTER (WHERE a.snapshot_hash = b.snapshot_hash AND a.ability_id = b.ability_id)::int AS unchanged,
              count(*) FILTER (WHERE a.split <> b.split)::int AS "splitChanged"
         FROM a JOIN b ON a.item_id = b.item_id`,
      [a, b],
    );
    return { byAbility: rows, unchanged: totals.unchanged, splitChanged: totals.splitChanged };
  }

  async page(a: number, b: number, kind: DiffKind, offset: number, limit: number) {
    const from = `${PAIRS} SELECT %s FROM a FULL JOIN b ON a.item_id = b.item_id
                  LEFT JOIN abilities xa ON xa.id = a.ability_id LEFT JOIN abilities xb ON xb.id = b.ability_id
                  WHERE ${KIND_WHERE[kind]}`;
    const rows: Array<Record<string, any>> = await this.db.query(
      `${from.replace('%s', `coalesce(a.item_id, b.item_id) AS item_id, xa.key AS ability_a, xb.key AS ability_b,
          a.split AS split_a, b.split AS split_b, a.snapshot_hash AS hash_a, b.snapshot_hash AS hash_b,
          (SELECT i.review_mode FROM items i WHERE i.id = coalesce(a.item_id, b.item_id)) AS review_mode`)}
       ORDER BY 1 OFFSET ${offset} LIMIT ${limit}`,
      [a, b],
    );
    const [{ n }] = await this.db.query(from.replace('%s', 'count(*)::int AS n'), [a, b]);
    return {
      total: n as number,
      rows: rows.map((r) => ({
        itemId: Number(r.item_id),
        abilityA: r.ability_a as string | null,
        abilityB: r.ability_b as string | null,
        splitA: r.split_a as string | null,
        splitB: r.split_b as string | null,
        hashA: (r.hash_a as Buffer | null)?.toString('hex') ?? null,
        hashB: (r.hash_b as Buffer | null)?.toString('hex') ?? null,
        reviewMode: r.review_mode as ReviewMode,
      })),
    };
  }

  async snapshots(hashes: string[]): Promise<Map<string, SnapshotContent>> {
    if (hashes.length === 0) return new Map();
    const rows: Array<{ hash: string; content: SnapshotContent }> = await this.db.query(
      `SELECT encode(hash, 'hex') AS hash, content FROM item_snapshots WHERE hash = ANY ($1::bytea[])`,
      [hashes.map((h) => Buffer.from(h, 'hex'))],
    );
    return new Map(rows.map((r) => [r.hash, r.content]));
  }
}
