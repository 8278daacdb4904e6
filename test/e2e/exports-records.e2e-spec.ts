import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportItem } from '../../server/exports/export-types';
import { VersionItemsRepository } from '../../server/exports/version-items.repository';
import { doitRecord, hfRow, openaiRecord } from '../../server/exports/writers/records';
import { insertItems } from '../factories/items';
import { createTestApp, TestApp } from '../utils/test-app';

const awkward = 'quote " backslash \\ newline \n tab \t controls \u0001\u001f del \u007f emoji 😀 line sep \u2028 中文 </script> \\u0041';
const user = (content: string) => ({ role: 'user', content });
const assistant = (content: string) => ({ role: 'assistant', content });

/** Snapshot contents the JSONL renderings must agree on, byte for byte. */
const CONTENTS = [
  { messages: [user(awkward), assistant(awkward)], questionFormat: 0, answerType: 'single_choice', gold: 'B', choices: null },
  { messages: [user('q'), assistant('first'), user('again'), assistant('last')], questionFormat: 1, answerType: 'open', gold: null, choices: null, distractors: { fine: awkward, coarse: 'c' } },
  { messages: [user('q'), assistant('a')], questionFormat: 1, answerType: 'open', gold: 'gold "answer"', choices: null, distractors: { fine: 'f', coarse: 'c' } },
  { messages: [user('q'), assistant('a')], questionFormat: 1, answerType: 'open', gold: null, choices: null },
  { messages: [user('q')], questionFormat: 1, answerType: 'open', gold: null, choices: null, distractors: { fine: 'only fine' } },
  { messages: [{ role: 'user', content: 'named', name: 'dropped' }, assistant('')], questionFormat: 0, answerType: 'math', gold: null, choices: ['A', 'B'] },
  { messages: [], questionFormat: 0, answerType: 'cloze', gold: '', choices: null },
  // issue 15 item 4: an item of a synthetic source reviewed once or not at all names its review mode (DoIT lines only)
  { messages: [user('合成的问题'), assistant('a')], questionFormat: 1, answerType: 'open', gold: null, choices: null, distractors: { fine: 'f', coarse: 'c' }, reviewMode: 'single' },
  { messages: [user('q'), assistant('a')], questionFormat: 0, answerType: 'math', gold: '2', choices: null, reviewMode: 'none' },
];

describe('exports: JSON lines rendered by PostgreSQL equal the records rendered in Node', () => {
  let t: TestApp;
  let versionId: number;
  let abilityId: number;

  beforeAll(async () => {
    t = await createTestApp();
    const ids = await insertItems(t.db, { count: CONTENTS.length, ability: 'code' });
    const [item] = await t.db.query('SELECT source_id, ability_id FROM items WHERE id = $1', [ids[0]]);
    abilityId = item.ability_id;
    const [version] = await t.db.query(
      `INSERT INTO dataset_versions (name, split_config, decontamination, status) VALUES ('v-awkward', '{}', '{}', 'freezing') RETURNING id`,
    );
    versionId = version.id;
    for (const [i, content] of CONTENTS.entries()) {
      const hash = createHash('sha256').update(JSON.stringify(content)).digest();
      await t.db.query('INSERT INTO item_snapshots (hash, content) VALUES ($1, $2::jsonb)', [hash, JSON.stringify(content)]);
      await t.db.query(
        `INSERT INTO dataset_version_items (version_id, item_id, ability_id, source_id, split, snapshot_hash) VALUES ($1, $2, $3, $4, 'train', $5)`,
        [versionId, ids[i], abilityId, item.source_id, hash],
      );
    }
    await t.db.query(
      `UPDATE dataset_versions SET status = 'frozen', frozen_at = now(), item_count = $2, content_hash = repeat('a', 64) WHERE id = $1`,
      [versionId, CONTENTS.length],
    );
  });
  afterAll(() => t.close());

  const RENDER = { doit: doitRecord, hf: hfRow, openai: openaiRecord } as const;

  for (const kind of ['doit', 'hf', 'openai'] as const) {
    it(`renders ${kind} lines exactly as JSON.stringify does`, async () => {
      const repo = t.app.get(VersionItemsRepository);
      const seg = { ability: 'code', abilityId, split: 'train' as const };
      const items: ExportItem[] = [];
      for await (const page of repo.items(versionId, seg)) items.push(...page);
      expect(items.map((i) => i.content)).toEqual(CONTENTS);
      let fromDb = '';
      for await (const page of repo.lines(versionId, seg, kind)) fromDb += page.bytes.toString('utf8');
      const fromNode = items.map((i) => JSON.stringify(RENDER[kind](i)) + '\n').join('');
      expect(fromDb.split('\n')).toEqual(fromNode.split('\n'));
      expect(Buffer.from(fromDb).equals(Buffer.from(fromNode))).toBe(true);
    });
  }
});
