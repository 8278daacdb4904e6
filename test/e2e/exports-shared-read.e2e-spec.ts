import { copyFile, mkdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedFrozenVersion } from '../../bench/export-seed';
import { ExportRunner } from '../../server/exports/export-runner';
import { ExportsService } from '../../server/exports/exports.service';
import { createTestApp, TestApp } from '../utils/test-app';

/**
 * A Hugging Face split's JSONL and Parquet files are written from one read of its snapshots; a resumed export that
 * kept one of the two (an export interrupted before that change) rewrites only the other, to the same bytes.
 */
describe('exports: one read for a Hugging Face split, one file of the pair kept on resume', () => {
  let t: TestApp;
  let versionId: number;

  beforeAll(async () => {
    t = await createTestApp();
    ({ versionId } = await seedFrozenVersion(t.db, { name: 'v-shared', perAbility: { train: 40, valid: 5, test: 5 }, abilities: ['code', 'history'] }));
  });
  afterAll(() => t.close());

  const exportHf = async () => {
    const exports = t.app.get(ExportsService);
    const exp = await exports.create({ versionId, seed: 1, formats: ['hf'] }, null, { enqueue: false });
    await t.app.get(ExportRunner).run(exp.id);
    return exports.get(exp.id);
  };

  it('keeps the finished JSONL file, writes its Parquet partner, and ends with the bytes of an uninterrupted export', async () => {
    const straight = await exportHf();
    expect(straight.status).toBe('completed');
    const files = straight.manifest!.files;
    expect(files.find((f) => f.path === 'hf/data/train.parquet')?.rows).toBe(80);
    expect(files.find((f) => f.path === 'hf/data/train.jsonl')?.rows).toBe(80);

    const exports = t.app.get(ExportsService);
    const again = await exports.create({ versionId, seed: 1, formats: ['hf'] }, null, { enqueue: false });
    const dirOf = (id: string) => join(t.dataDir, 'exports', id);
    const kept = files.find((f) => f.path === 'hf/data/train.jsonl')!;
    await mkdir(dirname(join(dirOf(again.id), kept.path)), { recursive: true });
    await copyFile(join(dirOf(straight.id), kept.path), join(dirOf(again.id), kept.path));
    const keptAt = (await stat(join(dirOf(again.id), kept.path))).mtimeMs;
    await t.db.query(`UPDATE exports SET status = 'failed', finished_at = now(), progress = jsonb_set(progress, '{files}', $2::jsonb) WHERE id = $1`, [
      again.id,
      JSON.stringify([kept]),
    ]);
    await exports.resume(again.id, null, { enqueue: false });
    await t.app.get(ExportRunner).run(again.id);

    const resumed = await exports.get(again.id);
    expect(resumed.status).toBe('completed');
    expect((await stat(join(dirOf(again.id), kept.path))).mtimeMs, 'kept, not rewritten').toBe(keptAt);
    expect(resumed.manifest!.files).toEqual(files);
    expect(resumed.manifestSha256).toBe(straight.manifestSha256);
    expect(resumed.progress).toMatchObject({ rowsWritten: resumed.progress.rowsTotal, filesDone: resumed.progress.filesTotal });
  });
});
