import { expect } from 'vitest';
import { JobRunnerService } from '../../workers/job-runner.service';
import { exitOf, spawnTs } from './spawn-ts';
import type { TestApp } from './test-app';

const TERMINAL = ['completed', 'failed', 'cancelled'];

/** Uploads a file through the API the way the UI does, as a curator. */
export async function uploadImport(t: TestApp, token: string, path: string, fields: Record<string, string>) {
  const req = t.http.post('/api/imports').set('Authorization', `Bearer ${token}`).attach('file', path);
  for (const [k, v] of Object.entries(fields)) req.field(k, v);
  const res = await req;
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string };
}

export async function waitForImport(t: TestApp, token: string, id: string, timeoutMs = 90_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await t.http.get(`/api/imports/${id}`).set('Authorization', `Bearer ${token}`).expect(200);
    if (TERMINAL.includes(res.body.status)) return res.body;
    if (Date.now() > until) throw new Error(`import ${id} still ${res.body.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function waitForStatus(t: TestApp, id: string, statuses: string[], timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await t.db.query('SELECT status, items_created FROM imports WHERE id = $1', [id]);
    if (statuses.includes(row.status)) return;
    if (Date.now() > until) throw new Error(`import ${id} still ${row.status}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Registers an import straight in the table (no queued job), runs it in a child process (test/utils/run-import-child)
 * until it has created `killAfterItems` items, kills it with SIGKILL like a crashed worker, then lets this app's job
 * runner resume it. Returns the row as the child left it and the finished import.
 */
export async function killAndResumeImport(
  t: TestApp,
  token: string,
  o: { file: string; format: string; adapter: string; originalName: string; ability: string; batchSize: number; killAfterItems: number },
) {
  const [{ id: sourceId }] = await t.db.query(`INSERT INTO sources (name, kind) VALUES ($1, 'curation') RETURNING id`, [`killed-${o.originalName}`]);
  const [{ id }] = await t.db.query(
    `INSERT INTO imports (source_id, adapter, format, file_path, original_name, default_ability_id, total_size, status)
     VALUES ($1, $2, $3, $4, $5, (SELECT id FROM abilities WHERE key = $6), 1, 'queued') RETURNING id`,
    [sourceId, o.adapter, o.format, o.file, o.originalName, o.ability],
  );
  const child = spawnTs('test/utils/run-import-child.ts', [id], { DATABASE_URL: process.env.DATABASE_URL!, PACE_DATA_DIR: t.dataDir, IMPORT_BATCH_SIZE: String(o.batchSize) });
  const until = Date.now() + 60_000;
  for (;;) {
    const [row] = await t.db.query('SELECT items_created FROM imports WHERE id = $1', [id]);
    if (row.items_created >= o.killAfterItems) break;
    if (Date.now() > until || child.exitCode !== null) throw new Error(`child did not make progress: ${child.output()}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  child.kill('SIGKILL');
  await exitOf(child);
  const [killed] = await t.db.query('SELECT status, items_created, checkpoint FROM imports WHERE id = $1', [id]);
  expect((await t.app.get(JobRunnerService).requeueStale(0)).imports).toEqual([id]);
  const done = await waitForImport(t, token, id);
  return { id, killed: killed as { status: string; items_created: number; checkpoint: { offset: number; line: number } }, done };
}
