import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { PoolClient } from 'pg';
import { copyRows, unexportable, type CopiedRow } from './copy-rows';
import { SPLITS, type ExportItem, type SnapshotContent, type Split } from './export-types';
import { LineBuffer, LineRenderer } from './writers/line-render';
import { lineSql, type LineKind } from './writers/record-sql';
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
const NEWLINE = Buffer.from('\n');

/** A run of one ability's items: a whole split, or sampled train items (in sample order). */
export interface SegmentRef {
  ability: string;
  abilityId: number;
  split: Split;
  itemIds?: string[];
}

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

  /**
   * Exported items per review mode: the version's valid and test items, and its train items (only `trainItemIds` when
   * a recipe sampled them).
   */
  async reviewModeCounts(versionId: number, trainItemIds: string[] | null): Promise<Record<'dual' | 'single' | 'none', number>> {
    const rows: Array<{ review_mode: 'dual' | 'single' | 'none'; n: number }> = await this.db.query(
      `SELECT i.review_mode, count(*)::int AS n
         FROM dataset_version_items v JOIN items i ON i.id = v.item_id
        WHERE v.version_id = $1 AND ($2::bigint[] IS NULL OR v.split <> 'train' OR v.item_id = ANY($2::bigint[]))
        GROUP BY i.review_mode`,
      [versionId, trainItemIds],
    );
    const out = { dual: 0, single: 0, none: 0 };
    for (const r of rows) out[r.review_mode] = r.n;
    return out;
  }

  /** A segment's items (parsed snapshots), for the Parquet writer. */
  async *items(versionId: number, seg: SegmentRef): AsyncGenerator<ExportItem[]> {
    for await (const rows of this.segmentRows(versionId, seg, 's.content')) {
      // jsonb's binary form is a version byte (1) and the text
      yield rows.map((r) => ({ id: r.id, ability: seg.ability, content: JSON.parse(r.value.toString('utf8', 1)) as SnapshotContent }));
    }
  }

  /** A segment's snapshots as their jsonb text (after jsonb's version byte), a page at a time. */
  snapshots(versionId: number, seg: SegmentRef): AsyncGenerator<CopiedRow[]> {
    return this.segmentRows(versionId, seg, 's.content');
  }

  /**
   * A segment's JSON lines (record-sql.ts's rendering), each ending in a newline: built in Node from the snapshots'
   * jsonb text (line-render.ts), and by the database for a snapshot not of the shape a freeze writes.
   */
  async *lines(versionId: number, seg: SegmentRef, kind: LineKind): AsyncGenerator<{ rows: number; bytes: Buffer }> {
    const out = new LineBuffer();
    for await (const rows of this.snapshots(versionId, seg)) yield { rows: rows.length, bytes: await this.renderLines(versionId, seg, kind, rows, out) };
  }

  /** The lines of a page of `snapshots`, rendered into `out` and taken from it. */
  async renderLines(versionId: number, seg: SegmentRef, kind: LineKind, rows: CopiedRow[], out: LineBuffer): Promise<Buffer> {
    const renderer = new LineRenderer(kind, seg.ability);
    for (const r of rows) {
      // jsonb's binary form is a version byte (1) and the text
      if (r.value[0] === 1 && renderer.append(r.value, 1, r.value.length, r.id, out)) continue;
      out.put(await this.renderedLine(versionId, r.id, seg.ability, kind));
      out.put(NEWLINE);
    }
    return out.take();
  }

  /** One item's line rendered by the database (record-sql.ts), for content line-render.ts leaves to it. */
  private async renderedLine(versionId: number, itemId: string, ability: string, kind: LineKind): Promise<Buffer> {
    const [row]: Array<{ line: string | null }> = await this.db.query(
      `SELECT ${lineSql(kind, 's.content', 'v.item_id', ability)} AS line
         FROM dataset_version_items v JOIN item_snapshots s ON s.hash = v.snapshot_hash
        WHERE v.version_id = $1 AND v.item_id = $2`,
      [versionId, itemId],
    );
    if (row?.line == null) throw new Error(unexportable(itemId));
    return Buffer.from(row.line, 'utf8');
  }

  /**
   * `SELECT item_id, <value of the snapshot s>` over a segment: a whole split of one ability by item id, or sampled
   * train items in sample order (an id outside the version's train split is an error). The snapshot is looked up
   * per row (a subquery): as a join, the planner hashed every snapshot of the database for each segment. COPY takes
   * no parameters: every value inlined is a checked integer, one of three split names or a checked ability key.
   */
  private async *segmentRows(versionId: number, seg: SegmentRef, value: string): AsyncGenerator<CopiedRow[]> {
    const snapshot = `(SELECT ${value} FROM item_snapshots s WHERE s.hash = v.snapshot_hash)`;
    if (!seg.itemIds) {
      yield* this.streamed(`SELECT v.item_id, ${snapshot} FROM dataset_version_items v
        WHERE v.version_id = ${int(versionId)} AND v.split = '${SPLITS.find((x) => x === seg.split)}' AND v.ability_id = ${int(seg.abilityId)}
        ORDER BY v.item_id`);
      return;
    }
    for (let at = 0; at < seg.itemIds.length; at += SAMPLED_PER_QUERY) {
      const ids = seg.itemIds.slice(at, at + SAMPLED_PER_QUERY);
      const select = `SELECT v.item_id, ${snapshot}
          FROM unnest('{${ids.map(int).join(',')}}'::bigint[]) WITH ORDINALITY AS u(id, ord)
          JOIN LATERAL (SELECT item_id, snapshot_hash FROM dataset_version_items
                         WHERE version_id = ${int(versionId)} AND item_id = u.id AND split = 'train') v ON true
         ORDER BY u.ord`;
      let seen = 0;
      for await (const page of this.streamed(select)) {
        // in sample order, so an id missing from the version shows where the next id should have been
        for (const row of page) if (row.id !== ids[seen++]) throw notInTrain(ids[seen - 1], seg.ability, versionId);
        yield page;
      }
      if (seen !== ids.length) throw notInTrain(ids[seen], seg.ability, versionId);
    }
  }

  private async *streamed(select: string): AsyncGenerator<CopiedRow[]> {
    const runner = this.db.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    try {
      yield* copyRows(client, select, PAGE_ROWS);
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
