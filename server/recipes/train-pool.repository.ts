import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { SourceKind } from '../sources/source.entity';
import { sampleKeySql } from './sample-order';

/** Which train items of a version a part of a recipe may draw from. */
export interface PoolFilter {
  versionId: number;
  kinds: SourceKind[];
  /** Restrict to these sources; null = every source of `kinds`. */
  sourceIds: string[] | null;
}

export interface SourceRef {
  id: string;
  name: string;
  kind: SourceKind;
}

/** Queries over a frozen version's train split, and the names recipes refer to. */
@Injectable()
export class TrainPoolRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async versionStatus(versionId: number): Promise<string | null> {
    const [row] = await this.db.query(`SELECT status FROM dataset_versions WHERE id = $1`, [versionId]);
    return row?.status ?? null;
  }

  async abilityKeys(): Promise<string[]> {
    const rows: { key: string }[] = await this.db.query(`SELECT key FROM abilities ORDER BY key COLLATE "C"`);
    return rows.map((r) => r.key);
  }

  /** Sources by id or by name, in the order asked; unknown ones are missing from the map. */
  async sourcesByRef(refs: string[]): Promise<Map<string, SourceRef>> {
    const rows: SourceRef[] = await this.db.query(`SELECT id, name, kind FROM sources WHERE id::text = ANY($1) OR name = ANY($1)`, [refs]);
    const out = new Map<string, SourceRef>();
    for (const ref of refs) {
      const hit = rows.find((r) => r.id === ref.toLowerCase()) ?? rows.find((r) => r.name === ref);
      if (hit) out.set(ref, hit);
    }
    return out;
  }

  async countByAbility(pool: PoolFilter): Promise<Map<string, number>> {
    const rows: { key: string; n: number }[] = await this.db.query(
      `SELECT a.key, count(*)::int AS n FROM dataset_version_items v
       JOIN sources s ON s.id = v.source_id JOIN abilities a ON a.id = v.ability_id
       WHERE ${WHERE_POOL} GROUP BY a.key`,
      poolParams(pool),
    );
    return new Map(rows.map((r) => [r.key, r.n]));
  }

  /** The first `takes[key]` items of each ability in seeded order, as decimal strings. */
  async takeByAbility(pool: PoolFilter, seed: number, takes: Map<string, number>): Promise<Map<string, string[]>> {
    const wanted = [...takes].filter(([, n]) => n > 0);
    const out = new Map<string, string[]>(wanted.map(([k]) => [k, []]));
    if (wanted.length === 0) return out;
    // per ability a top-N sort through the (version, split, ability) index: cheap when quotas are small
    const rows: { key: string; id: string }[] = await this.db.query(
      `WITH q AS (SELECT a.id AS ability_id, a.key, q.take FROM unnest($4::text[], $5::int[]) AS q(key, take) JOIN abilities a ON a.key = q.key)
       SELECT q.key, x.item_id::text AS id FROM q CROSS JOIN LATERAL (
         SELECT v.item_id, ${sampleKeySql('$6', 'v.item_id')} AS k
         FROM dataset_version_items v JOIN sources s ON s.id = v.source_id
         WHERE v.ability_id = q.ability_id AND ${WHERE_POOL}
         ORDER BY k, v.item_id LIMIT q.take
       ) x ORDER BY q.key COLLATE "C", x.k, x.item_id`,
      [...poolParams(pool), wanted.map(([k]) => k), wanted.map(([, n]) => n), String(seed)],
    );
    for (const r of rows) out.get(r.key)!.push(r.id);
    return out;
  }
}

const WHERE_POOL = `v.version_id = $1 AND v.split = 'train' AND s.kind = ANY($2) AND ($3::uuid[] IS NULL OR v.source_id = ANY($3))`;

function poolParams(pool: PoolFilter): unknown[] {
  return [pool.versionId, pool.kinds, pool.sourceIds];
}
