import { createHash } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedFrozenVersion } from '../../bench/export-seed';
import { startExport, waitForExport } from '../utils/exports';
import { exitOf, spawnTs } from '../utils/spawn-ts';
import { createTestApp, TestApp } from '../utils/test-app';

describe('npm run cli -- export', () => {
  let t: TestApp;
  let out: string;
  let versionId: number;

  beforeAll(async () => {
    t = await createTestApp();
    out = await mkdtemp(join(tmpdir(), 'pace-cli-export-'));
    ({ versionId } = await seedFrozenVersion(t.db, { name: 'v-cli', perAbility: { train: 20, valid: 4, test: 4 }, abilities: ['biology', 'code'] }));
  });
  afterAll(() => t.close());

  const cli = (args: string[]) => spawnTs('server/cli/main.ts', args, { DATABASE_URL: process.env.DATABASE_URL!, PACE_DATA_DIR: t.dataDir });

  it('writes the same files as the API export, drawing a progress bar', async () => {
    const dir = join(out, 'curated-40');
    const child = cli(['export', 'v-cli', '--recipe', 'curated-40', '--seed', '1', '--out', dir]);
    const code = await exitOf(child);
    const output = child.output();
    expect(code, output).toBe(0);
    expect(output).toMatch(/Export [0-9a-f-]{36}: version \d+, recipe curated-40, seed 1, doit, hf, openai → .*curated-40/);
    expect(output).toMatch(/█+.* 100% \| 88\/88 rows \| 16\/16 files \| [\d.]+ MB/);
    expect(output).toMatch(/completed: 16 files, manifest SHA-256 [0-9a-f]{64}/);

    const token = await t.tokenFor('admin');
    const viaApi = await waitForExport(t, token, (await startExport(t, token, { versionId, recipe: 'curated-40', seed: 1 })).id);
    const manifest = await readFile(join(dir, 'manifest.json'));
    expect(createHash('sha256').update(manifest).digest('hex')).toBe(viaApi.manifestSha256);
    for (const f of viaApi.manifest.files) {
      const bytes = await readFile(join(dir, f.path));
      expect(createHash('sha256').update(bytes).digest('hex'), f.path).toBe(f.sha256);
    }
  });

  it('names the problem and exits non-zero on a bad argument', async () => {
    const missing = cli(['export', 'v-nope', '--out', join(out, 'x')]);
    expect(await exitOf(missing)).toBe(1);
    expect(missing.output()).toMatch(/Dataset version "v-nope" not found/);
    const format = cli(['export', 'v-cli', '--format', 'doit,xlsx', '--out', join(out, 'y')]);
    expect(await exitOf(format)).toBe(1);
    expect(format.output()).toMatch(/--format: unknown format "xlsx"; known: doit, hf, openai/);
  });
});
