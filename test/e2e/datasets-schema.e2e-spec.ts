import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateDatasetVersions1763980000000 } from '../../migrations/1763980000000-CreateDatasetVersions';
import { MIGRATIONS } from '../../migrations';
import { dataSourceOptions } from '../../server/database/data-source';
import { insertItems } from '../factories/items';
import { createTestDatabase } from '../utils/test-database';

describe('dataset versions schema', () => {
  let database: { url: string; drop: () => Promise<void> };
  let db: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await new DataSource(dataSourceOptions(database.url)).initialize();
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  async function versionWithOneItem(name: string): Promise<{ versionId: number; itemId: number }> {
    const [itemId] = await insertItems(db, { count: 1, status: 'accepted', questionFormat: 0 });
    const [item] = await db.query(`SELECT ability_id, source_id FROM items WHERE id = $1`, [itemId]);
    const hash = Buffer.alloc(32, itemId % 256);
    await db.query(`INSERT INTO item_snapshots (hash, content) VALUES ($1, '{}') ON CONFLICT DO NOTHING`, [hash]);
    const [v] = await db.query(
      `INSERT INTO dataset_versions (name, split_config, decontamination, status) VALUES ($1, '{}', '{}', 'freezing') RETURNING id`,
      [name],
    );
    await db.query(
      `INSERT INTO dataset_version_items (version_id, item_id, ability_id, source_id, split, snapshot_hash) VALUES ($1, $2, $3, $4, 'train', $5)`,
      [v.id, itemId, item.ability_id, item.source_id, hash],
    );
    return { versionId: v.id, itemId };
  }

  async function freeze(versionId: number): Promise<void> {
    await db.query(
      `UPDATE dataset_versions SET status = 'frozen', frozen_at = now(), item_count = 1, content_hash = repeat('a', 64) WHERE id = $1`,
      [versionId],
    );
  }

  it('lets a freezing version change, and refuses any change to a frozen one but its notes', async () => {
    const { versionId, itemId } = await versionWithOneItem('schema-v1');
    await db.query(`UPDATE dataset_version_items SET split = 'test' WHERE version_id = $1`, [versionId]);
    await freeze(versionId);

    await expect(db.query(`UPDATE dataset_version_items SET split = 'train' WHERE version_id = $1`, [versionId])).rejects.toThrow(
      /is frozen/,
    );
    await expect(db.query(`DELETE FROM dataset_version_items WHERE version_id = $1`, [versionId])).rejects.toThrow(/is frozen/);
    await expect(
      db.query(
        `INSERT INTO dataset_version_exclusions (version_id, item_id, ability_id, split, reason) SELECT $1, $2, ability_id, 'train', 'contaminated' FROM items WHERE id = $2`,
        [versionId, itemId],
      ),
    ).rejects.toThrow(/is frozen/);
    await expect(db.query(`UPDATE dataset_versions SET name = 'renamed' WHERE id = $1`, [versionId])).rejects.toThrow(
      /only notes may change/,
    );
    await expect(db.query(`UPDATE dataset_versions SET counts = '{}' WHERE id = $1`, [versionId])).rejects.toThrow(/only notes/);
    await expect(db.query(`DELETE FROM dataset_versions WHERE id = $1`, [versionId])).rejects.toThrow(/DELETE refused/);
    await db.query(`UPDATE dataset_versions SET notes = 'still fine' WHERE id = $1`, [versionId]);

    const [row] = await db.query(`SELECT split FROM dataset_version_items WHERE version_id = $1`, [versionId]);
    expect(row.split).toBe('test');
    await expect(db.query(`UPDATE item_snapshots SET content = '{"x":1}'`)).rejects.toThrow(/immutable/);
  });

  it('deletes an unfrozen version with its rows', async () => {
    const { versionId } = await versionWithOneItem('schema-v2');
    await db.query(`DELETE FROM dataset_versions WHERE id = $1`, [versionId]);
    const rows = await db.query(`SELECT 1 FROM dataset_version_items WHERE version_id = $1`, [versionId]);
    expect(rows).toHaveLength(0);
  });

  it('has a down() that removes every table and function it made, and up() again', async () => {
    const { url, drop } = await createTestDatabase();
    const ds = await new DataSource(dataSourceOptions(url)).initialize();
    try {
      const runner = ds.createQueryRunner();
      // later migrations build on these tables: undo them first, newest first, and redo them after
      const later = MIGRATIONS.slice(MIGRATIONS.indexOf(CreateDatasetVersions1763980000000) + 1).map((M) => new M());
      for (const m of [...later].reverse()) await m.down(runner);
      const migration = new CreateDatasetVersions1763980000000();
      await migration.down(runner);
      const client = new Client(url);
      await client.connect();
      const left = await client.query(
        `SELECT tablename FROM pg_tables WHERE tablename IN ('item_snapshots', 'dataset_versions', 'dataset_version_items',
           'dataset_version_exclusions', 'decontamination_overrules')
         UNION ALL SELECT proname FROM pg_proc WHERE proname LIKE 'dataset_version%' OR proname LIKE 'item_snapshots%'`,
      );
      await client.end();
      expect(left.rows).toEqual([]);
      await migration.up(runner);
      for (const m of later) await m.up(runner);
      await runner.release();
    } finally {
      await ds.destroy();
      await drop();
    }
  });
});
