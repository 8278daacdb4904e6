import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadImport, waitForImport } from '../utils/imports';
import { createPeople, type Person } from '../utils/people';
import { createTestApp, type TestApp } from '../utils/test-app';

/** Our own small files in C-Eval's layout, beside the adapter's unit test. */
const fixture = (name: string) => join(__dirname, '../../server/imports/adapters/specs/fixtures/ceval', name);

describe('C-Eval import through the API (issue 15 item 8): benchmark items, split from the file name', () => {
  let t: TestApp;
  let curator: Person;
  const imported: Record<string, any> = {};

  beforeAll(async () => {
    t = await createTestApp();
    [curator] = await createPeople(t, 'lead', 1);
    for (const [name, fields] of [
      ['logic_dev.csv', {}],
      ['logic_val.csv', {}],
      ['high_school_chinese_val.csv', {}],
      ['college_law_test.csv', { ability: 'ethics' }],
    ] as const) {
      const { id } = await uploadImport(t, curator.token, fixture(name), { adapter: 'ceval', ...fields });
      imported[name] = await waitForImport(t, curator.token, id);
    }
  }, 120_000);
  afterAll(() => t?.close());

  it('stores each row as a reference item of the C-Eval benchmark source, dev rows marked as exemplars', async () => {
    expect(imported['logic_dev.csv']).toMatchObject({ status: 'completed', itemsCreated: 2, errorCount: 0 });
    expect(imported['logic_val.csv']).toMatchObject({ status: 'completed', itemsCreated: 3, errorCount: 0 });
    // an out-of-domain subject takes the import's default ability
    expect(imported['college_law_test.csv']).toMatchObject({ status: 'completed', itemsCreated: 1, errorCount: 0 });
    const rows = await t.db.query(
      `SELECT s.name, s.kind, i.status, a.key AS ability, i.meta->>'subset' AS subset, i.meta->>'split' AS split,
              (i.meta->>'exemplar')::boolean AS exemplar, count(*)::int AS n
         FROM items i JOIN sources s ON s.id = i.source_id JOIN abilities a ON a.id = i.ability_id
        GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 5, 6`,
    );
    expect(rows).toEqual([
      { name: 'C-Eval', kind: 'benchmark', status: 'reference', ability: 'ethics', subset: 'college_law', split: 'test', exemplar: false, n: 1 },
      { name: 'C-Eval', kind: 'benchmark', status: 'reference', ability: 'chinese', subset: 'high_school_chinese', split: 'val', exemplar: false, n: 2 },
      { name: 'C-Eval', kind: 'benchmark', status: 'reference', ability: 'logical_reasoning', subset: 'logic', split: 'dev', exemplar: true, n: 2 },
      { name: 'C-Eval', kind: 'benchmark', status: 'reference', ability: 'logical_reasoning', subset: 'logic', split: 'val', exemplar: false, n: 3 },
    ]);
    const [dev] = await t.db.query(`SELECT meta->>'explanation' AS explanation FROM items WHERE meta->>'split' = 'dev' ORDER BY id LIMIT 1`);
    expect(dev.explanation).toMatch(/^1\. 企鹅是鸟但不会飞/);
  });

  it('reports the row whose answer is not A–D by file, line and column, and imports the others', async () => {
    const done = imported['high_school_chinese_val.csv'];
    expect(done).toMatchObject({ status: 'completed', itemsCreated: 2, errorCount: 1 });
    const errors = await t.http.get(`/api/imports/${done.id}/errors?range=[0,99]`).set('Authorization', `Bearer ${curator.token}`).expect(200);
    expect(errors.body.map((e: { file: string; line: number; field: string | null }) => [e.file, e.line, e.field])).toEqual([
      ['high_school_chinese_val.csv', 3, 'answer'],
    ]);
  });
});
