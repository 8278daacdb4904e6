import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadImport, waitForImport } from '../utils/imports';
import { createPeople, type Person } from '../utils/people';
import { createTestApp, type TestApp } from '../utils/test-app';

/** Our own small prompt file in IFEval's layout, beside the adapter's unit test: four good lines, bad lines 3, 4 and 5. */
const FIXTURE = join(__dirname, '../../server/imports/adapters/specs/fixtures/ifeval/input_data.jsonl');

describe('IFEval import through the API (issue 15 item 7): benchmark items with their instructions in meta', () => {
  let t: TestApp;
  let curator: Person;
  let done: Record<string, any>;

  beforeAll(async () => {
    t = await createTestApp();
    [curator] = await createPeople(t, 'lead', 1);
    const { id } = await uploadImport(t, curator.token, FIXTURE, { adapter: 'ifeval', ability: 'creative_writing' });
    done = await waitForImport(t, curator.token, id);
  }, 120_000);
  afterAll(() => t?.close());

  it('stores each good prompt as a reference item of the IFEval benchmark source, no gold, instruction ids and kwargs in meta', async () => {
    expect(done).toMatchObject({ status: 'completed', itemsCreated: 3, errorCount: 3 });
    const rows = await t.db.query(
      `SELECT s.name, s.kind, s.license, i.status, a.key AS ability, i.source_record_id AS key, i.gold,
              i.meta->'instruction_id_list' AS ids, i.meta->'kwargs' AS kwargs
         FROM items i JOIN sources s ON s.id = i.source_id JOIN abilities a ON a.id = i.ability_id
        ORDER BY i.source_record_id`,
    );
    expect(rows.map((r: Record<string, unknown>) => [r.name, r.kind, r.license, r.status, r.ability, r.key, r.gold])).toEqual(
      ['9001', '9002', '9006'].map((key) => ['IFEval', 'benchmark', 'Apache-2.0', 'reference', 'creative_writing', key, null]),
    );
    expect(rows[0]).toMatchObject({
      ids: ['keywords:existence', 'length_constraints:number_words'],
      kwargs: [{ keywords: ['maple', 'frost'] }, { num_words: 40, relation: 'at least' }],
    });
    expect(rows[2]).toMatchObject({ ids: ['detectable_format:number_bullet_lists'], kwargs: [{ num_bullets: 3 }] });
  });

  it('reports the unknown instruction id, the misaligned kwargs and the missing argument by line and field', async () => {
    const errors = await t.http.get(`/api/imports/${done.id}/errors?range=[0,99]`).set('Authorization', `Bearer ${curator.token}`).expect(200);
    expect(errors.body.map((e: { line: number; field: string | null }) => [e.line, e.field])).toEqual([
      [3, 'instruction_id_list[0]'],
      [4, 'kwargs'],
      [5, 'kwargs[0].num_words'],
    ]);
  });
});
