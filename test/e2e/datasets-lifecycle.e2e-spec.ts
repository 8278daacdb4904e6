import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobRunnerService } from '../../workers/job-runner.service';
import { createPeople, type Person } from '../utils/people';
import { exitOf, spawnTs } from '../utils/spawn-ts';
import { createTestApp, type TestApp } from '../utils/test-app';
import { freeze, freezeAndWait, seedItems, waitForVersion } from './datasets-fixtures';

const N = 30_000;

describe('freeze lifecycle: cancel, resume, CLI', () => {
  let t: TestApp;
  let researcher: Person;

  beforeAll(async () => {
    t = await createTestApp();
    [researcher] = await createPeople(t, 'researcher', 1);
    await seedItems(t, { count: N / 2, ability: 'history' });
    await seedItems(t, { count: N / 2, ability: 'biology', questionFormat: 0 });
  });
  afterAll(() => t.close());

  /** Waits for the version to freeze, and checks it holds all N items, each once. */
  async function frozenWithEachItemOnce(id: number) {
    const done = await waitForVersion(t, researcher.token, id, 120_000);
    expect(done).toMatchObject({ status: 'frozen', itemCount: N, progress: { percent: 100, done: N, total: N } });
    const [{ n, distinct }] = await t.db.query(
      `SELECT count(*)::int AS n, count(DISTINCT item_id)::int AS distinct FROM dataset_version_items WHERE version_id = $1`,
      [id],
    );
    expect({ n, distinct }).toEqual({ n: N, distinct: N });
    return done;
  }

  it('cancels a freeze mid-way, resumes it from its checkpoint, and ends with the same content as an uninterrupted one', async () => {
    const started = Date.now();
    const { id } = await freeze(t, researcher.token, { name: 'big' });
    const until = Date.now() + 60_000;
    for (;;) {
      const [row] = await t.db.query(`SELECT status, progress FROM dataset_versions WHERE id = $1`, [id]);
      if (row.progress.done > 0) break;
      expect(row.status).toBe('freezing');
      if (Date.now() > until) throw new Error('freeze never made progress');
      await new Promise((r) => setTimeout(r, 10));
    }
    await t.http.post(`/api/datasets/versions/${id}/cancel`).set(...researcher.auth).expect(200);
    const cancelled = await waitForVersion(t, researcher.token, id);
    expect(cancelled.status).toBe('cancelled');
    await new Promise((r) => setTimeout(r, 500)); // let the job notice and stop
    const [{ n: partial }] = await t.db.query(`SELECT count(*)::int AS n FROM dataset_version_items WHERE version_id = $1`, [id]);
    const [{ progress }] = await t.db.query(`SELECT progress FROM dataset_versions WHERE id = $1`, [id]);
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(N);
    expect(partial).toBe(progress.included);
    await t.http.post(`/api/datasets/versions/${id}/cancel`).set(...researcher.auth).expect(409);

    await t.http.post(`/api/datasets/versions/${id}/resume`).set(...researcher.auth).expect(200);
    const done = await frozenWithEachItemOnce(id);
    const seconds = (Date.now() - started) / 1000;
    console.log(`froze ${N} items (with a cancel and resume) in ${seconds.toFixed(1)} s`);

    // same items, same splits (already assigned), same content: the same hash
    const again = await freezeAndWait(t, researcher.token, { name: 'big-again' });
    expect(again.contentHash).toBe(done.contentHash);
    expect(again.counts).toEqual(done.counts);
    const audit = await t.db.query(`SELECT action FROM audit_log WHERE entity = 'dataset_version' AND entity_id = $1 ORDER BY id`, [String(id)]);
    expect(audit.map((r: any) => r.action)).toEqual(['create', 'cancel', 'resume', 'frozen']);
  });

  it('re-queues a freeze whose worker died (stale heartbeat) once, and it resumes to the same content as an uninterrupted one', async () => {
    const { id } = await freeze(t, researcher.token, { name: 'orphaned' });
    const until = Date.now() + 60_000;
    for (;;) {
      const [row] = await t.db.query(`SELECT progress FROM dataset_versions WHERE id = $1`, [id]);
      if (row.progress.done > 0) break;
      if (Date.now() > until) throw new Error('freeze never made progress');
      await new Promise((r) => setTimeout(r, 10));
    }
    // Stop the run between batches, wait until its runner let go of the version's lock (as a dead worker's session
    // does), then leave the row as a killed worker would: still freezing, its heartbeat 30 s old.
    await t.http.post(`/api/datasets/versions/${id}/cancel`).set(...researcher.auth).expect(200);
    for (;;) {
      const [{ held }] = await t.db.query(
        `SELECT count(*)::int AS held FROM pg_locks WHERE locktype = 'advisory' AND classid = $1 AND objid = $2 AND objsubid = 2`,
        [0x66727a, id],
      );
      if (held === 0) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const [{ n: partial }] = await t.db.query(`SELECT count(*)::int AS n FROM dataset_version_items WHERE version_id = $1`, [id]);
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(N);
    await t.db.query(`UPDATE dataset_versions SET status = 'freezing', heartbeat_at = now() - interval '30 seconds' WHERE id = $1`, [id]);
    const [live] = await t.db.query(
      `INSERT INTO dataset_versions (name, split_config, decontamination, status, heartbeat_at)
       VALUES ('live', '{}', '{}', 'freezing', now() - interval '1 second') RETURNING id, heartbeat_at`,
    );

    // two workers sweeping at once: only one of them queues it
    const sweeper = t.app.get(JobRunnerService);
    const sweeps = await Promise.all([sweeper.requeueStale(10), sweeper.requeueStale(10)]);
    expect(sweeps.flatMap((s) => s.freezes)).toEqual([id]);
    const [untouched] = await t.db.query(`SELECT status, heartbeat_at FROM dataset_versions WHERE id = $1`, [live.id]);
    expect(untouched).toEqual({ status: 'freezing', heartbeat_at: live.heartbeat_at });
    await t.db.query(`DELETE FROM dataset_versions WHERE id = $1`, [live.id]); // no runner will ever hold it

    const done = await frozenWithEachItemOnce(id);
    const straight = await freezeAndWait(t, researcher.token, { name: 'orphaned-again' });
    expect(straight.contentHash).toBe(done.contentHash);
    expect(straight.counts).toEqual(done.counts);
  });

  it('deletes a cancelled version only', async () => {
    const { id } = await freeze(t, researcher.token, { name: 'to-delete', filter: { abilities: ['history'] } });
    await t.http.post(`/api/datasets/versions/${id}/cancel`).set(...researcher.auth);
    const v = await waitForVersion(t, researcher.token, id);
    if (v.status === 'frozen') return; // it outran the cancel; nothing to test here
    await new Promise((r) => setTimeout(r, 500));
    await t.http.delete(`/api/datasets/versions/${id}`).set(...researcher.auth).expect(204);
    await t.http.get(`/api/datasets/versions/${id}`).set(...researcher.auth).expect(404);
  });

  it('freezes from the CLI with a progress bar and a summary', async () => {
    await seedItems(t, { count: 10, ability: 'ethics' });
    const child = spawnTs('server/cli/main.ts', ['freeze', '--name', 'cli-v1', '--abilities', 'ethics', '--valid', '2', '--test', '3', '--seed', 'cli'], {
      DATABASE_URL: t.databaseUrl,
      PACE_DATA_DIR: t.dataDir,
    });
    const code = await exitOf(child);
    const out = child.output();
    expect(code, out).toBe(0);
    expect(out).toMatch(/Version \d+ "cli-v1": freezing/);
    expect(out).toMatch(/█+ 100% \| done \| 10\/10 items \| 10 in, 0 left out, 0 contaminated/);
    expect(out).toMatch(/frozen: 10 items, content hash [0-9a-f]{64}/);
    expect(out).toMatch(/ethics\s+train 5, valid 2, test 3/);
    const bad = spawnTs('server/cli/main.ts', ['freeze', '--name', 'cli-v1'], { DATABASE_URL: t.databaseUrl, PACE_DATA_DIR: t.dataDir });
    expect(await exitOf(bad)).toBe(1);
    expect(bad.output()).toMatch(/already exists/);
  });
});
