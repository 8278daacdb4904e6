import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chineseQa } from '../factories/records';
import { uploadImport, waitForImport } from '../utils/imports';
import { createTestApp, TestApp } from '../utils/test-app';

/** Found by the importer fuzz (issue 11): on main a record some 5,000 levels deep overflowed the stack and failed the import. */
describe('deeply nested records', () => {
  let t: TestApp;
  let token: string;
  let dir: string;

  beforeAll(async () => {
    t = await createTestApp();
    token = await t.tokenFor('lead');
    dir = await mkdtemp(join(tmpdir(), 'pace-deep-'));
  });
  afterAll(() => t.close());

  it('issue 11 fuzzing: a record nested thousands of levels deep is reported, not a crash of the whole import', async () => {
    const deep = (n: number) => `${'['.repeat(n)}0${']'.repeat(n)}`;
    const jsonl = join(dir, 'deep.jsonl');
    await writeFile(jsonl, [JSON.stringify(chineseQa(20)), `{"deep":${deep(6000)},${JSON.stringify(chineseQa(21)).slice(1)}`, deep(6000), JSON.stringify(chineseQa(22))].join('\n') + '\n');
    const array = join(dir, 'deep.json');
    await writeFile(array, `[${JSON.stringify(chineseQa(23))},${deep(6000)},${JSON.stringify(chineseQa(24))}]`);
    for (const [file, lines] of [[jsonl, [2, 3]], [array, [1]]] as const) {
      const { id } = await uploadImport(t, token, file, { sourceName: 'deep', adapter: 'messages' });
      const done = await waitForImport(t, token, id);
      expect(done, done.failureReason ?? '').toMatchObject({ status: 'completed', itemsCreated: 2, errorCount: lines.length });
      const errors = await t.http.get(`/api/imports/${id}/errors?range=[0,99]`).set('Authorization', `Bearer ${token}`).expect(200);
      expect(errors.body.map((e: { line: number; code: string; reason: string }) => [e.line, e.code, e.reason])).toEqual(
        lines.map((l) => [l, 'too_deep', 'JSON nested more than 256 levels deep']),
      );
    }
  });

});
