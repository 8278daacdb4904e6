import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureLlmServer, type FixtureLlmServer } from '../utils/fixture-llm-server';
import { glanFixture } from '../utils/glan-fixture';
import { exitOf, spawnTs } from '../utils/spawn-ts';
import { insertTaxonomy } from '../utils/synthesis';
import { createTestApp, type TestApp } from '../utils/test-app';
import { until } from '../utils/until';

const CONCURRENCY = 4;

/**
 * Issue 15 item 2 (Proof): a worker process killed with SIGKILL mid-run; another worker finds the run stale and
 * resumes it, and no stored call is made again: only the calls in flight at the kill (at most the concurrency, since
 * a slot is held until its node is committed) are repeated, once.
 */
describe('synthesis: a worker killed with SIGKILL mid-run; the CLI', () => {
  let t: TestApp;
  let llm: FixtureLlmServer;

  beforeAll(async () => {
    // the app's in-process worker leaves generation runs to the worker processes this test starts
    t = await createTestApp({ PACE_WORKER_QUEUES: 'import,dataset-freeze,export-dataset,experiment-policies' });
    llm = await startFixtureLlmServer({ respond: glanFixture() });
    llm.inject({ fault: { kind: 'slow', delayMs: 25 }, times: Infinity });
  });
  afterAll(async () => {
    await llm?.close();
    await t?.close();
  });

  it('issue 15 item 2: kill -9 of the worker mid-run, resumed by another worker: no completed call repeated', async () => {
    const token = await t.tokenFor('researcher');
    const api = (method: 'get' | 'post', url: string) => t.http[method](`/api${url}`).set('Authorization', `Bearer ${token}`);
    const taxonomy = await insertTaxonomy(t.db, 'kill test');
    const ep = await api('post', '/llm-endpoints').send({ name: 'fixture', baseUrl: llm.baseUrl, model: 'fixture-model', maxConcurrency: CONCURRENCY }).expect(201);
    const created = await api('post', '/synthesis/runs').send({ name: 'killed', taxonomyId: taxonomy.id, endpointId: ep.body.id, settings: { subjectSamples: 2, questionsPerSubject: 10, maxTokens: 400 } }).expect(201);
    const id = created.body.id;
    const worker = () => spawnTs('workers/main.ts', [], { PACE_WORKER_QUEUES: 'synthesis-run' });
    const answers = async () => (await t.db.query(`SELECT count(*)::int AS n FROM synthesis_nodes WHERE run_id = $1 AND kind = 'answer'`, [id]))[0].n;

    const first = worker();
    try {
      await until('some answers committed', async () => (await answers()) >= 10, 90_000, 20);
      first.kill('SIGKILL');
      await exitOf(first);
    } finally {
      if (first.exitCode === null && first.signalCode === null) first.kill('SIGKILL');
    }
    const atKill = await answers();
    expect(atKill).toBeLessThan(60);
    const [row] = await t.db.query(`SELECT status FROM synthesis_runs WHERE id = $1`, [id]);
    expect(row.status).toBe('running'); // the dead worker could not say otherwise
    // as if the sweep's minute had passed: the next worker's boot sweep finds the run stale and queues it again
    await t.db.query(`UPDATE synthesis_runs SET updated_at = now() - interval '1 hour' WHERE id = $1`, [id]);

    const second = worker();
    try {
      await until('the run to complete', async () => (await t.db.query(`SELECT 1 FROM synthesis_runs WHERE id = $1 AND status = 'completed'`, [id])).length > 0, 120_000, 100);
      expect(second.output()).toMatch(new RegExp(`Generation run ${id} lost its worker; queued to resume`));
    } finally {
      second.kill('SIGTERM');
      await exitOf(second);
    }

    // 2 disciplines × 3 subjects × 10 questions, each answered
    expect((await t.db.query(`SELECT count(*)::int AS n FROM synthesis_pairs WHERE run_id = $1`, [id]))[0].n).toBe(60);
    const calls = new Map<string, number>();
    for (const e of llm.log) calls.set(e.key, (calls.get(e.key) ?? 0) + 1);
    const repeated = [...calls.entries()].filter(([, n]) => n > 1);
    expect(repeated.length).toBeLessThanOrEqual(CONCURRENCY);
    for (const [, n] of repeated) expect(n).toBe(2);
    // every node was made once: as many distinct calls as nodes
    const [{ n: nodes }] = await t.db.query(`SELECT count(*)::int AS n FROM synthesis_nodes WHERE run_id = $1`, [id]);
    expect(calls.size).toBe(nodes);
  }, 240_000);

  it('issue 15 item 2: synth-run draws a progress bar, Ctrl-C pauses and prints the resume command, synth-resume finishes, synth-status reports', async () => {
    const token = await t.tokenFor('researcher');
    const taxonomy = await insertTaxonomy(t.db, 'cli test');
    const ep = await t.http.post('/api/llm-endpoints').set('Authorization', `Bearer ${token}`).send({ name: 'cli fixture', baseUrl: llm.baseUrl, model: 'fixture-model', maxConcurrency: CONCURRENCY }).expect(201);
    const cli = (args: string[]) => spawnTs('server/cli/main.ts', args, {});
    const run = cli(['synth-run', '-n', 'from the CLI', '-t', taxonomy.id, '-e', ep.body.id, '-s', '{"subjectSamples":2,"questionsPerSubject":30,"maxTokens":300,"seed":5}']);
    const runId = await until('the run to start', async () => (await t.db.query(`SELECT id FROM synthesis_runs WHERE name = 'from the CLI' AND status = 'running'`))[0]?.id, 90_000, 50);
    await until('some answers', async () => (await t.db.query(`SELECT 1 FROM synthesis_nodes WHERE run_id = $1 AND kind = 'answer'`, [runId])).length > 0, 60_000, 20);
    run.kill('SIGINT');
    expect(await exitOf(run)).toBe(130);
    expect(run.output()).toContain(`paused (user); resume with: npm run cli -- synth-resume ${runId}`);
    expect(run.output()).toMatch(/answers \d+\/\d+/);

    const resumed = cli(['synth-resume', runId]);
    expect(await exitOf(resumed)).toBe(0);
    expect(resumed.output()).toMatch(/completed: 180 question-answer pairs, 0 failures/);
    const status = cli(['synth-status', runId]);
    expect(await exitOf(status)).toBe(0);
    expect(status.output()).toMatch(/completed, stage ingest/);
    expect(status.output()).toMatch(/answers\s+180\/180 done, 0 failed/);
  }, 240_000);
});
