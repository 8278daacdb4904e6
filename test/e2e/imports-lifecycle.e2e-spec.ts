import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobRunnerService } from '../../workers/job-runner.service';
import { chineseQa, writeJsonl } from '../factories/records';
import { uploadImport, waitForImport, waitForStatus } from '../utils/imports';
import { exitOf, spawnTs } from '../utils/spawn-ts';
import { createTestApp, TestApp } from '../utils/test-app';
import { until } from '../utils/until';

const N = 40_000;

/** Asserts the import holds exactly one item per line, whatever interrupted it. */
async function expectEachLineOnce(t: TestApp, importId: string, lines: number) {
  const [row] = await t.db.query(
    'SELECT count(*)::int AS n, count(DISTINCT raw_line)::int AS distinct_lines, min(raw_line) AS first, max(raw_line) AS last FROM items WHERE import_id = $1',
    [importId],
  );
  expect(row).toEqual({ n: lines, distinct_lines: lines, first: 1, last: lines });
}

describe('import lifecycle: progress, cancel, resume, crash', () => {
  let t: TestApp;
  let token: string;
  let file: string;
  let crashFile: string;

  beforeAll(async () => {
    t = await createTestApp({ IMPORT_BATCH_SIZE: '500' });
    token = await t.tokenFor('researcher');
    const dir = await mkdtemp(join(tmpdir(), 'pace-life-'));
    file = join(dir, 'big.jsonl');
    await writeJsonl(file, Array.from({ length: N }, (_, i) => chineseQa(i)));
    crashFile = join(dir, 'crash.jsonl');
    await writeJsonl(crashFile, Array.from({ length: N }, (_, i) => chineseQa(N + i)));
  });
  afterAll(() => t.close());

  it('streams progress over socket.io and the API, and cancels then resumes without duplicating items', async () => {
    await t.app.listen(0, '127.0.0.1');
    const port = (t.app.getHttpServer().address() as { port: number }).port;
    const socket = io(`http://127.0.0.1:${port}`, { auth: { token }, transports: ['websocket'] });
    const events: Array<{ status: string; linesRead: number; linesPerSecond: number; percent: number }> = [];
    socket.on('import.progress', (e) => events.push(e));
    await new Promise<void>((res, rej) => {
      socket.on('connect', () => res());
      socket.on('connect_error', rej);
    });
    const denied = await socket.emitWithAck('subscribe', { room: 'reviews:secret' });
    expect(denied.ok).toBe(false);
    expect((await socket.emitWithAck('subscribe', { room: 'imports' })).ok).toBe(true);

    const { id } = await uploadImport(t, token, file, { sourceName: 'big', ability: 'history' });
    await waitForStatus(t, id, ['running']);
    const [mid] = await t.db.query('SELECT items_created FROM imports WHERE id = $1', [id]);
    await t.http.post(`/api/imports/${id}/cancel`).set('Authorization', `Bearer ${token}`).expect(200);
    const cancelled = await waitForImport(t, token, id);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.itemsCreated).toBeLessThan(N);
    expect(cancelled.itemsCreated).toBeGreaterThanOrEqual(mid.items_created);
    const [{ n: afterCancel }] = await t.db.query('SELECT count(*)::int AS n FROM items WHERE import_id = $1', [id]);
    expect(afterCancel).toBe(cancelled.itemsCreated);

    await t.http.post(`/api/imports/${id}/resume`).set('Authorization', `Bearer ${token}`).expect(200);
    const done = await waitForImport(t, token, id);
    expect(done).toMatchObject({ status: 'completed', itemsCreated: N, linesRead: N, errorCount: 0 });
    expect(done.progress).toMatchObject({ percent: 100, linesRead: N });
    await expectEachLineOnce(t, id, N);

    // the last event reaches the socket after the row reads completed: wait for it, not for a fixed time
    await until('the completed event', async () => events.some((e) => e.status === 'completed'), 15_000);
    socket.close();
    expect(events.some((e) => e.status === 'running' && e.linesRead > 0 && e.linesRead < N && e.linesPerSecond > 0)).toBe(true);
    expect(events.some((e) => e.status === 'cancelled')).toBe(true);
    expect(events.at(-1)).toMatchObject({ status: 'completed', percent: 100 });
  });

  it('resumes an import whose worker was killed mid-run, creating no duplicate items', async () => {
    const lead = await t.tokenFor('lead');
    // Registered straight in the table (no queued job), so only the child process runs it until it is killed.
    const [{ id: sourceId }] = await t.db.query(`INSERT INTO sources (name, kind) VALUES ('crash', 'curation') RETURNING id`);
    const [{ id }] = await t.db.query(
      `INSERT INTO imports (source_id, adapter, format, file_path, original_name, default_ability_id, total_size, status)
       VALUES ($1, 'messages', 'jsonl', $2, 'crash.jsonl', (SELECT id FROM abilities WHERE key = 'history'), 1, 'queued') RETURNING id`,
      [sourceId, crashFile],
    );
    const child = spawnTs('test/utils/run-import-child.ts', [id], {
      DATABASE_URL: process.env.DATABASE_URL!,
      PACE_DATA_DIR: t.dataDir,
      IMPORT_BATCH_SIZE: '500',
    });
    const deadline = Date.now() + 60_000;
    for (;;) {
      const [row] = await t.db.query('SELECT items_created FROM imports WHERE id = $1', [id]);
      if (row.items_created >= 2000) break;
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`child did not make progress: ${child.output()}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    child.kill('SIGKILL');
    await exitOf(child);
    const [killed] = await t.db.query('SELECT status, items_created FROM imports WHERE id = $1', [id]);
    expect(killed.status).toBe('running');
    expect(killed.items_created).toBeLessThan(N);

    const requeued = await t.app.get(JobRunnerService).requeueStale(0);
    expect(requeued).toEqual({ imports: [id], freezes: [], exports: [], experiments: [], evaluations: [], taxonomyDrafts: [], synthesisRuns: [] });
    const done = await waitForImport(t, lead, id);
    expect(done).toMatchObject({ status: 'completed', itemsCreated: N, errorCount: 0 });
    await expectEachLineOnce(t, id, N);
  });
});
