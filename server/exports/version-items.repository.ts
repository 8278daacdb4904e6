import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ExportItem, SnapshotContent, Split } from './export-types';
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

  /** One ability's items of a split, by item id (keyset pages). */
  async *splitPages(versionId: number, split: Split, abilityId: number, ability: string): AsyncGenerator<ExportItem[]> {
    let after = '0';
    for (;;) {
      const rows: Array<{ id: string; content: SnapshotContent }> = await this.db.query(
        `SELECT v.item_id::text AS id, s.content
           FROM dataset_version_items v JOIN item_snapshots s ON s.hash = v.snapshot_hash
          WHERE v.version_id = $1 AND v.split = $2 AND v.ability_id = $3 AND v.item_id > $4
          ORDER BY v.item_id LIMIT $5`,
        [versionId, split, abilityId, after, PAGE_ROWS],
      );
      if (rows.length === 0) return;
      after = rows[rows.length - 1].id;
      yield rows.map((r) => ({ id: r.id, ability, content: r.content }));
      if (rows.length < PAGE_ROWS) return;
    }
  }

  /** The given train items in the given (sample) order; an id outside the version's train split is an error. */
  async *sampledPages(versionId: number, itemIds: string[], ability: string): AsyncGenerator<ExportItem[]> {
    for (let at = 0; at < itemIds.length; at += PAGE_ROWS) {
      const ids = itemIds.slice(at, at + PAGE_ROWS);
      const rows: Array<{ id: string; content: SnapshotContent }> = await this.db.query(
        `SELECT u.id::text AS id, s.content
           FROM unnest($2::bigint[]) WITH ORDINALITY AS u(id, ord)
           JOIN dataset_version_items v ON v.version_id = $1 AND v.item_id = u.id AND v.split = 'train'
           JOIN item_snapshots s ON s.hash = v.snapshot_hash
          ORDER BY u.ord`,
        [versionId, ids],
      );
      if (rows.length !== ids.length) {
        const found = new Set(rows.map((r) => r.id));
        const missing = ids.find((id) => !found.has(id));
        throw new Error(`the recipe sampled item ${missing} (${ability}), which is not in version ${versionId}'s train split`);
      }
      yield rows.map((r) => ({ id: r.id, ability, content: r.content }));
    }
  }
}
