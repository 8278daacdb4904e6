import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createWriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { once } from 'node:events';
import { DataSource } from 'typeorm';

const PAGE = 2000;

/** Writes a run's train set from the frozen version's snapshots: JSONL of `{"messages": […]}`, one item a line. */
@Injectable()
export class TrainSetRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** `itemIds` in sample order (a recipe's sample), or null for the version's whole train split; returns the count. */
  async write(file: string, versionId: number, itemIds: string[] | null): Promise<number> {
    const partial = `${file}.partial`;
    const out = createWriteStream(partial, { encoding: 'utf8' });
    let n = 0;
    const put = async (messages: unknown) => {
      if (!out.write(`${JSON.stringify({ messages })}\n`)) await once(out, 'drain');
      n++;
    };
    try {
      if (itemIds) {
        for (let i = 0; i < itemIds.length; i += PAGE) {
          const page = itemIds.slice(i, i + PAGE);
          const rows: { id: string; messages: unknown }[] = await this.db.query(
            `SELECT v.item_id::text AS id, s.content->'messages' AS messages
               FROM dataset_version_items v JOIN item_snapshots s ON s.hash = v.snapshot_hash
              WHERE v.version_id = $1 AND v.split = 'train' AND v.item_id = ANY($2::bigint[])`,
            [versionId, page],
          );
          const byId = new Map(rows.map((r) => [r.id, r.messages]));
          for (const id of page) {
            if (!byId.has(id)) throw new Error(`item ${id} is not in the train split of dataset version ${versionId}`);
            await put(byId.get(id));
          }
        }
      } else {
        for (let after = '0'; ; ) {
          const rows: { id: string; messages: unknown }[] = await this.db.query(
            `SELECT v.item_id::text AS id, s.content->'messages' AS messages
               FROM dataset_version_items v JOIN item_snapshots s ON s.hash = v.snapshot_hash
              WHERE v.version_id = $1 AND v.split = 'train' AND v.item_id > $2::bigint ORDER BY v.item_id LIMIT ${PAGE}`,
            [versionId, after],
          );
          for (const r of rows) await put(r.messages);
          if (rows.length < PAGE) break;
          after = rows[rows.length - 1].id;
        }
      }
      out.end();
      await once(out, 'finish');
      await rename(partial, file);
      return n;
    } catch (e) {
      out.destroy();
      throw e;
    }
  }
}
