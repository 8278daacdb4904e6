import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VersionItemsRepository } from '../../server/exports/version-items.repository';
import { lineSql } from '../../server/exports/writers/record-sql';
import { insertItems } from '../factories/items';
import { createTestApp, TestApp } from '../utils/test-app';

const user = (content: unknown) => ({ role: 'user', content });
const assistant = (content: string) => ({ role: 'assistant', content });

/**
 * Snapshots line-render.ts builds in Node mixed with ones it leaves to the database (odd shapes a freeze does not
 * write), in one segment: every line must be what the database renders (record-sql.ts), in item order.
 */
const MIXED = [
  { messages: [user('q'), assistant('a')], questionFormat: 1, answerType: 'open', gold: null, choices: null, distractors: { fine: 'f', coarse: 'c' } },
  { messages: [user(7), { role: true, content: { x: 'y "z"' } }, assistant('a')], questionFormat: 1, gold: null, distractors: { fine: 1.5, coarse: null } },
  { messages: [user('q')], questionFormat: 0, gold: 12, reviewMode: false },
  { messages: [{ role: 'user' }, assistant('last')], questionFormat: 1.0, gold: null, distractors: {} },
  { messages: [user('中文 "q"'), assistant('a')], questionFormat: 0, answerType: 'math', gold: '2', choices: null, reviewMode: 'none' },
  { messages: [user('q'), { role: 'assistant', content: null }], questionFormat: 1, gold: null, distractors: { fine: 'f' } },
];

describe('exports: lines of odd snapshots come from the database rendering', () => {
  let t: TestApp;
  let abilityId: number;
  let sourceId: string;
  let ids: number[];

  const addVersion = async (name: string, contents: unknown[]) => {
    const [version] = await t.db.query(
      `INSERT INTO dataset_versions (name, split_config, decontamination, status) VALUES ($1, '{}', '{}', 'freezing') RETURNING id`,
      [name],
    );
    for (const [i, content] of contents.entries()) {
      const hash = createHash('sha256').update(JSON.stringify(content)).digest();
      await t.db.query('INSERT INTO item_snapshots (hash, content) VALUES ($1, $2::jsonb) ON CONFLICT DO NOTHING', [hash, JSON.stringify(content)]);
      await t.db.query(
        `INSERT INTO dataset_version_items (version_id, item_id, ability_id, source_id, split, snapshot_hash) VALUES ($1, $2, $3, $4, 'train', $5)`,
        [version.id, ids[i], abilityId, sourceId, hash],
      );
    }
    await t.db.query(`UPDATE dataset_versions SET status = 'frozen', frozen_at = now(), item_count = $2, content_hash = repeat('b', 64) WHERE id = $1`, [
      version.id,
      contents.length,
    ]);
    return version.id as number;
  };

  beforeAll(async () => {
    t = await createTestApp();
    ids = await insertItems(t.db, { count: MIXED.length, ability: 'code' });
    const [item] = await t.db.query('SELECT source_id, ability_id FROM items WHERE id = $1', [ids[0]]);
    abilityId = item.ability_id;
    sourceId = item.source_id;
  });
  afterAll(() => t.close());

  for (const kind of ['doit', 'hf', 'openai'] as const) {
    it(`writes ${kind} lines equal to the database's rendering of every snapshot`, async () => {
      const versionId = await addVersion(`v-odd-${kind}`, MIXED);
      const seg = { ability: 'code', abilityId, split: 'train' as const };
      const chunks: Buffer[] = [];
      for await (const page of t.app.get(VersionItemsRepository).lines(versionId, seg, kind)) chunks.push(page.bytes);
      const rendered: Array<{ line: string }> = await t.db.query(
        `SELECT ${lineSql(kind, 's.content', 'v.item_id', 'code')} AS line
           FROM dataset_version_items v JOIN item_snapshots s ON s.hash = v.snapshot_hash WHERE v.version_id = $1 ORDER BY v.item_id`,
        [versionId],
      );
      expect(rendered).toHaveLength(MIXED.length);
      const expected = Buffer.from(rendered.map((r) => r.line + '\n').join(''));
      expect(Buffer.concat(chunks).toString()).toBe(expected.toString());
      expect(Buffer.concat(chunks).equals(expected)).toBe(true);
    });
  }

  it('fails naming the item whose snapshot the database cannot render (no question format)', async () => {
    const versionId = await addVersion('v-odd-null', [MIXED[0], { messages: [user('q')], gold: null }]);
    const seg = { ability: 'code', abilityId, split: 'train' as const };
    const read = async () => {
      for await (const page of t.app.get(VersionItemsRepository).lines(versionId, seg, 'doit')) void page;
    };
    await expect(read()).rejects.toThrow(`item ${ids[1]}: its snapshot cannot be exported`);
  });
});
