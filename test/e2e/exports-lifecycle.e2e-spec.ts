import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedFrozenVersion } from '../../bench/export-seed';
import { JobRunnerService } from '../../workers/job-runner.service';
import { startExport, waitForExport } from '../utils/exports';
import { createTestApp, TestApp } from '../utils/test-app';
import { until } from '../utils/until';

async function waitUntil(t: TestApp, id: string, ok: (row: { status: string; progress: { filesDone: number } }) => boolean, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await t.db.query('SELECT status, progress FROM exports WHERE id = $1', [id]);
    if (ok(row)) return row;
    if (Date.now() > deadline) throw new Error(`export ${id} still ${row.status}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('exports: progress, cancel and resume, rules', () => {
  let t: TestApp;
  let token: string;
  let versionId: number;

  beforeAll(async () => {
    t = await createTestApp();
    token = await t.tokenFor('lead');
    ({ versionId } = await seedFrozenVersion(t.db, { name: 'v-big', perAbility: { train: 6000, valid: 300, test: 300 }, abilities: ['code', 'history'] }));
  });
  afterAll(() => t.close());

  it('streams progress, cancels mid-export and resumes to the same bytes as an uninterrupted export', async () => {
    await t.app.listen(0, '127.0.0.1');
    const port = (t.app.getHttpServer().address() as { port: number }).port;
    const socket = io(`http://127.0.0.1:${port}`, { auth: { token }, transports: ['websocket'] });
    const events: Array<{ id: string; status: string; rowsWritten: number; rowsTotal: number; filesDone: number; percent: number }> = [];
    socket.on('export.progress', (e) => events.push(e));
    await new Promise<void>((res, rej) => socket.on('connect', () => res()).on('connect_error', rej));
    expect((await socket.emitWithAck('subscribe', { room: 'exports' })).ok).toBe(true);

    const { id } = await startExport(t, token, { versionId, seed: 7 });
    await waitUntil(t, id, (r) => r.status === 'running' && r.progress.filesDone >= 2);
    await t.http.post(`/api/exports/${id}/cancel`).set('Authorization', `Bearer ${token}`).expect(200);
    const cancelled = await waitForExport(t, token, id);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.progress.filesDone).toBeGreaterThanOrEqual(2);
    expect(cancelled.progress.filesDone).toBeLessThan(cancelled.progress.filesTotal);
    const dir = join(t.dataDir, 'exports', id);
    const [{ progress }] = await t.db.query('SELECT progress FROM exports WHERE id = $1', [id]);
    const keptTimes = new Map<string, number>();
    for (const f of progress.files as Array<{ path: string }>) keptTimes.set(f.path, (await stat(join(dir, f.path))).mtimeMs);
    const left = await readdir(dir, { recursive: true });
    expect(left.filter((p) => String(p).endsWith('.partial'))).toEqual([]);

    await t.http.post(`/api/exports/${id}/resume`).set('Authorization', `Bearer ${token}`).expect(200);
    const resumed = await waitForExport(t, token, id);
    expect(resumed.status).toBe('completed');
    expect(resumed.progress).toMatchObject({ percent: 100, filesDone: resumed.progress.filesTotal });
    for (const [path, mtime] of keptTimes) expect((await stat(join(dir, path))).mtimeMs, `${path} kept, not rewritten`).toBe(mtime);

    const straight = await waitForExport(t, token, (await startExport(t, token, { versionId, seed: 7 })).id);
    expect(straight.manifestSha256).toBe(resumed.manifestSha256);
    expect(resumed.manifest.files).toEqual(straight.manifest.files);
    expect(resumed.manifest.recipe).toBeNull();
    expect(resumed.manifest.files.find((f: { path: string }) => f.path === 'doit/curated/full/code.json').rows).toBe(6000);

    // the last event reaches the socket after the row reads completed: wait for it, not for a fixed time
    await until('the completed event', async () => events.filter((e) => e.id === id).some((e) => e.status === 'completed'), 15_000);
    socket.close();
    const mine = events.filter((e) => e.id === id);
    expect(mine.some((e) => e.status === 'running' && e.rowsWritten > 0 && e.rowsWritten < e.rowsTotal)).toBe(true);
    expect(mine.some((e) => e.status === 'cancelled')).toBe(true);
    expect(mine.at(-1)).toMatchObject({ status: 'completed', percent: 100 });
  });

  it('refuses annotators, versions that are not frozen, unknown recipes and formats, each with a reason', async () => {
    const annotator = await t.tokenFor('annotator');
    await t.http.post('/api/exports').set('Authorization', `Bearer ${annotator}`).send({ versionId, seed: 1 }).expect(403);
    await t.http.get('/api/exports').set('Authorization', `Bearer ${annotator}`).expect(403);

    const [draft] = await t.db.query(
      `INSERT INTO dataset_versions (name, split_config, decontamination, status) VALUES ('v-draft', '{}', '{}', 'freezing') RETURNING id`,
    );
    const post = (body: object) => t.http.post('/api/exports').set('Authorization', `Bearer ${token}`).send(body);
    const notFrozen = await post({ versionId: draft.id, seed: 1 }).expect(409);
    expect(notFrozen.body.message).toMatch(/"v-draft" is freezing; only a frozen version can be exported/);
    const unknownRecipe = await post({ versionId, recipe: 'curated-7', seed: 1 }).expect(404);
    expect(unknownRecipe.body.message).toMatch(/curated-7/);
    const missing = await post({ versionId: 9999, seed: 1 }).expect(404);
    expect(missing.body.message).toMatch(/Dataset version 9999 not found/);
    const badFormat = await post({ versionId, seed: 1, formats: ['csv'] }).expect(400);
    expect(JSON.stringify(badFormat.body)).toMatch(/formats: each must be one of doit, hf, openai/);

    const list = await t.http.get('/api/exports').query({ filter: JSON.stringify({ versionId }) }).set('Authorization', `Bearer ${token}`).expect(200);
    expect(list.headers['content-range']).toMatch(/^exports 0-1\/2$/);
    const [queued] = await t.db.query(`INSERT INTO exports (version_id, seed, formats) VALUES ($1, 3, '{hf}') RETURNING id`, [versionId]);
    await t.http.get(`/api/exports/${queued.id}/archive`).set('Authorization', `Bearer ${token}`).expect(409);
    await t.http.post(`/api/exports/${queued.id}/resume`).set('Authorization', `Bearer ${token}`).expect(409);
  });

  it('re-queues an export whose worker died once, and it finishes with the same bytes; a live run swept by mistake is unharmed', async () => {
    const sweeper = t.app.get(JobRunnerService);
    const { id } = await startExport(t, token, { versionId, seed: 11 });
    await waitUntil(t, id, (r) => r.status === 'running' && r.progress.filesDone >= 2);
    // Stop the run between files, then leave the row as a killed worker would: still running, no progress for 30 s,
    // and a half-written file under the name the next run writes to.
    await t.http.post(`/api/exports/${id}/cancel`).set('Authorization', `Bearer ${token}`).expect(200);
    expect((await waitForExport(t, token, id)).status).toBe('cancelled');
    const [{ progress }] = await t.db.query('SELECT progress FROM exports WHERE id = $1', [id]);
    const dir = join(t.dataDir, 'exports', id);
    const kept = new Set((progress.files as Array<{ path: string }>).map((f) => f.path));
    const unfinished = ['hf/data/train.parquet', 'openai/train.jsonl', 'hf/data/train.jsonl', 'doit/curated/full/history.json'].find((p) => !kept.has(p))!;
    await mkdir(dirname(join(dir, unfinished)), { recursive: true });
    await writeFile(join(dir, `${unfinished}.partial`), 'half a file');
    await t.db.query(`UPDATE exports SET status = 'running', finished_at = NULL, updated_at = now() - interval '30 seconds' WHERE id = $1`, [id]);
    const [live] = await t.db.query(
      `INSERT INTO exports (version_id, seed, formats, status, updated_at) VALUES ($1, 12, '{hf}', 'running', now() - interval '1 second')
       RETURNING id, updated_at`,
      [versionId],
    );

    // two workers sweeping at once: only one of them queues it
    const sweeps = await Promise.all([sweeper.requeueStale(10), sweeper.requeueStale(10)]);
    expect(sweeps.flatMap((s) => s.exports)).toEqual([id]);
    const [untouched] = await t.db.query('SELECT status, updated_at FROM exports WHERE id = $1', [live.id]);
    expect(untouched).toEqual({ status: 'running', updated_at: live.updated_at });
    await t.db.query(`UPDATE exports SET status = 'cancelled', finished_at = now() WHERE id = $1`, [live.id]); // no runner will ever hold it

    const resumed = await waitForExport(t, token, id);
    expect(resumed.status).toBe('completed');
    expect((await readdir(dir, { recursive: true })).filter((p) => String(p).endsWith('.partial'))).toEqual([]);

    // The uninterrupted export to compare with, swept while it runs (as if its worker had only been slow to report):
    // the queued duplicate waits for the run's lock, then finds the export completed and does nothing.
    // The run is held before its dataset card (which reads `sources`), so the sweep surely finds it still running.
    const holdCard = t.db.createQueryRunner();
    await holdCard.connect();
    await holdCard.startTransaction();
    await holdCard.query('LOCK TABLE sources IN ACCESS EXCLUSIVE MODE');
    const { id: straightId } = await startExport(t, token, { versionId, seed: 11 });
    try {
      await waitUntil(t, straightId, (r) => r.status === 'running' && r.progress.filesDone >= 1);
      expect((await sweeper.requeueStale(0)).exports).toEqual([straightId]);
    } finally {
      await holdCard.commitTransaction();
      await holdCard.release();
    }
    const straight = await waitForExport(t, token, straightId);
    expect(straight.status).toBe('completed');
    expect(straight.manifestSha256).toBe(resumed.manifestSha256);
    expect(straight.manifest.files).toEqual(resumed.manifest.files);
    for (const f of straight.manifest.files as Array<{ path: string }>) {
      expect((await readFile(join(t.dataDir, 'exports', straightId, f.path))).equals(await readFile(join(dir, f.path))), f.path).toBe(true);
    }
    const deadline = Date.now() + 30_000;
    while ((await t.db.query(`SELECT 1 FROM pgboss.job WHERE name = 'export-dataset' AND state IN ('created', 'retry', 'active')`)).length > 0) {
      if (Date.now() > deadline) throw new Error('the duplicate export job never finished');
      await new Promise((r) => setTimeout(r, 50));
    }
    const after = (await t.http.get(`/api/exports/${straightId}`).set('Authorization', `Bearer ${token}`).expect(200)).body;
    expect(after).toMatchObject({ status: 'completed', manifestSha256: straight.manifestSha256, finishedAt: straight.finishedAt });
    const audit = await t.db.query(`SELECT action FROM audit_log WHERE entity = 'export' AND entity_id = $1 ORDER BY id`, [straightId]);
    expect(audit.map((r: { action: string }) => r.action)).toEqual(['create', 'completed']);
  });
});
