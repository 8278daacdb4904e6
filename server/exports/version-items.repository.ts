import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { PoolClient } from 'pg';
import { copyRows } from './copy-rows';
import { SPLITS, type ExportItem, type Split } from './export-types';
import type { CardSource } from './writers/dataset-card';

export interface VersionInfo {
  id: number;
  name: string;
  status: string;
  contentHash: string | null;
  frozenAt: Date | null;
}

export interface AbilitySplitCount {
  abilityId: number;
  ability: string;
  split: Split;
  n: number;
}

/** Items are read a page at a time: enough to keep the writers busy, little memory. */
export const PAGE_ROWS = 2000;

/** Reads a frozen dataset version's items (dataset_version_items × item_snapshots) in export order. */
@Injectable()
export class VersionItemsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async findVersion(idOrName: number | string): Promise<VersionInfo | null> {
    const byId = typeof idOrName === 'number';
    const [row] = await this.db.query(
      `SELECT id, name, status, content_hash AS "contentHash", frozen_at AS "frozenAt"
         FROM dataset_versions WHERE ${byId ? 'id = $1' : 'name = $1'}`,
      [idOrName],
    );
    return row ?? null;
  }

  async countsByAbilityAndSplit(versionId: number): Promise<AbilitySplitCount[]> {
    return this.db.query(
      `SELECT v.ability_id AS "abilityId", a.key AS ability, v.split, count(*)::int AS n
         FROM dataset_version_items v JOIN abilities a ON a.id = v.ability_id
        WHERE v.version_id = $1 GROUP BY v.ability_id, a.key, v.split ORDER BY a.key, v.split`,
      [versionId],
    );
  }

  async sources(versionId: number): Promise<CardSource[]> {
    return this.db.query(
      `SELECT s.name, s.kind, s.license, count(*)::int AS items
         FROM dataset_version_items v JOIN sources s ON s.id = v.source_id
        WHERE v.version_id = $1 GROUP BY s.name, s.kind, s.license ORDER BY s.name`,
      [versionId],
    );
  }

  /** One ability's items of a split, by item id, streamed in pages. */
  async *splitPages(versionId: number, split: Split, abilityId: number, ability: string): AsyncGenerator<ExportItem[]> {
    // COPY takes no parameters: every value inlined here is a checked integer or one of three split names
    // The snapshot is looked up per row (a subquery): as a join, the planner hashes every snapshot of the database
    // for each segment, which made a 1M-item export scan the snapshots 30 times.
    const select = `SELECT v.item_id, (SELECT s.content FROM item_snapshots s WHERE s.hash = v.snapshot_hash)
      FROM dataset_version_items v
      WHERE v.version_id = ${int(versionId)} AND v.split = '${SPLITS.find((x) => x === split)}' AND v.ability_id = ${int(abilityId)}
      ORDER BY v.item_id`;
    yield* this.streamed(select, ability);
  }

  /** The given train items in the given (sample) order; an id outside the version's train split is an error. */
  async *sampledPages(versionId: number, itemIds: string[], ability: string): AsyncGenerator<ExportItem[]> {
    for (let at = 0; at < itemIds.length; at += SAMPLED_PER_QUERY) {
      const ids = itemIds.slice(at, at + SAMPLED_PER_QUERY);
      const select = `SELECT u.id, x.content
          FROM unnest('{${ids.map(int).join(',')}}'::bigint[]) WITH ORDINALITY AS u(id, ord)
          JOIN LATERAL (
            SELECT (SELECT s.content FROM item_snapshots s WHERE s.hash = v.snapshot_hash) AS content
              FROM dataset_version_items v WHERE v.version_id = ${int(versionId)} AND v.item_id = u.id AND v.split = 'train'
          ) x ON true
         ORDER BY u.ord`;
      let seen = 0;
      for await (const page of this.streamed(select, ability)) {
        // in sample order, so an id missing from the version shows where the next id should have been
        for (const item of page) if (item.id !== ids[seen++]) throw notInTrain(ids[seen - 1], ability, versionId);
        yield page;
      }
      if (seen !== ids.length) throw notInTrain(ids[seen], ability, versionId);
    }
  }

  private async *streamed(select: string, ability: string): AsyncGenerator<ExportItem[]> {
    const runner = this.db.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    try {
      for await (const rows of copyRows(client, select, PAGE_ROWS)) yield rows.map((r) => ({ id: r.id, ability, content: r.content }));
    } finally {
      await runner.release();
    }
  }
}

/** Sampled ids are looked up this many at a time (inlined in one COPY). */
const SAMPLED_PER_QUERY = 50_000;

function int(v: number | string): string {
  const s = String(v);
  if (!/^\d{1,19}$/.test(s)) throw new Error(`not an id: ${JSON.stringify(v)}`);
  return s;
}

function notInTrain(id: string | undefined, ability: string, versionId: number): Error {
  return new Error(`the recipe sampled item ${id} (${ability}), which is not in version ${versionId}'s train split`);
}
