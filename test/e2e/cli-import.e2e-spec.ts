import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chineseQa, writeJsonl } from '../factories/records';
import { exitOf, spawnTs } from '../utils/spawn-ts';
import { createTestApp, TestApp } from '../utils/test-app';

describe('npm run cli -- import', () => {
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    t = await createTestApp();
    dir = await mkdtemp(join(tmpdir(), 'pace-cli-'));
  });
  afterAll(() => t.close());

  const cli = (args: string[]) => spawnTs('server/cli/main.ts', args, { DATABASE_URL: process.env.DATABASE_URL!, PACE_DATA_DIR: t.dataDir });

  it('imports a file with a default ability, drawing a progress bar and a summary', async () => {
    const file = join(dir, 'history.jsonl');
    const records = Array.from({ length: 3000 }, (_, i) => {
      const { type: _drop, ...rest } = chineseQa(i);
      return rest;
    });
    await writeJsonl(file, [...records, { messages: 'broken' }]);
    const child = cli(['import', file, '--ability', 'history', '--source', 'cli-test']);
    const code = await exitOf(child);
    const out = child.output();
    expect(code, out).toBe(0);
    expect(out).toMatch(/Import [0-9a-f-]{36}: .*history\.jsonl with the "messages" adapter/);
    expect(out).toMatch(/█+.* 100% \| 3001 lines \| \d+ lines\/s \| 3000 new, 0 duplicates, 1 errors/);
    expect(out).toMatch(/completed: 3001 records read, 3000 new items/);
    expect(out).toMatch(/history\.jsonl:3001 \[messages\] /);
    const [{ n, key }] = await t.db.query(
      `SELECT count(*)::int AS n, min(a.key) AS key FROM items i JOIN abilities a ON a.id = i.ability_id JOIN sources s ON s.id = i.source_id WHERE s.name = 'cli-test'`,
    );
    expect({ n, key }).toEqual({ n: 3000, key: 'history' });
  });

  it('names the problem and exits non-zero on a bad argument', async () => {
    const child = cli(['import', join(dir, 'missing.jsonl'), '--ability', 'history']);
    expect(await exitOf(child)).toBe(1);
    expect(child.output()).toMatch(/missing\.jsonl: no such file or folder/);
    const bad = cli(['import', join(dir, 'history.jsonl'), '--ability', 'astrology', '--source', 'x']);
    expect(await exitOf(bad)).toBe(1);
    expect(bad.output()).toMatch(/unknown ability "astrology"/);
  });
});
