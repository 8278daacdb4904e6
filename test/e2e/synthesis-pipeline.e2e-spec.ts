import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateSynthesis1764020000000 } from '../../migrations/1764020000000-CreateSynthesis';
import { MIGRATIONS } from '../../migrations';
import { parseServerKey } from '../../server/synthesis/llm';
import { startFixtureLlmServer, type FixtureLlmServer } from '../utils/fixture-llm-server';
import { glanFixture } from '../utils/glan-fixture';
import { insertTaxonomy } from '../utils/synthesis';
import { createTestApp, type TestApp } from '../utils/test-app';
import { until } from '../utils/until';

const SERVER_KEY = 'a'.repeat(64);
/** A key no response or log line may ever contain. */
const SECRET = 'sk-pace-SECRET-7f3c9e1d2b4a';

/**
 * Issue 15 items 2, 3 (Proof): the generation pipeline through the API and the in-process worker, against a real
 * OpenAI-compatible server on loopback answering from fixtures, with the real client.
 */
describe('synthesis: endpoints, runs and the generation pipeline', () => {
  let t: TestApp;
  let token: string;
  let llm: FixtureLlmServer;
  let taxonomy: { id: string; revision: string };
  let endpointId: string;
  const logged: string[] = [];
  const writes = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };

  const api = (method: 'get' | 'post' | 'put' | 'patch' | 'delete', url: string) => t.http[method](`/api${url}`).set('Authorization', `Bearer ${token}`);
  const run = async (id: string) => (await api('get', `/synthesis/runs/${id}`).expect(200)).body;
  const settled = (id: string, statuses = ['completed', 'failed', 'cancelled', 'paused']) =>
    until(`run ${id} to settle`, async () => {
      const r = await run(id);
      if (!statuses.includes(r.status) && ['completed', 'failed', 'cancelled', 'paused'].includes(r.status)) {
        throw new Error(`run ${id} is ${r.status} (${r.failureReason ?? r.pauseReason ?? ''}), expected ${statuses.join(' or ')}`);
      }
      return statuses.includes(r.status) && r;
    }, 40_000);

  beforeAll(async () => {
    // every line the app writes is kept, to look for the key in it
    process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => (logged.push(String(chunk)), writes.out(chunk as string, ...(rest as [])))) as typeof process.stdout.write;
    process.stderr.write = ((chunk: unknown, ...rest: unknown[]) => (logged.push(String(chunk)), writes.err(chunk as string, ...(rest as [])))) as typeof process.stderr.write;
    t = await createTestApp({ PACE_SECRET_KEY: SERVER_KEY, PACE_TEST_LLM_KEY: 'sk-right-key' });
    token = await t.tokenFor('researcher');
    llm = await startFixtureLlmServer({
      respond: glanFixture({
        repairable: /Algebra Topic 3/,
        proseSessions: [
          { match: /Algebra Topic 1 part/, times: 'once' },
          { match: /唐代史专题3第/, times: 'always' },
        ],
      }),
    });
    taxonomy = await insertTaxonomy(t.db, 'two disciplines');
    const ep = await api('post', '/llm-endpoints').send({ name: 'fixture', baseUrl: llm.baseUrl, model: 'fixture-model', maxConcurrency: 4, inputPer1M: 0, outputPer1M: 0 }).expect(201);
    endpointId = ep.body.id;
  });
  afterAll(async () => {
    process.stdout.write = writes.out;
    process.stderr.write = writes.err;
    await llm?.close();
    await t?.close();
  });

  it('issue 15 item 3: an API key is stored encrypted or as a variable name, never returned nor logged; test connection redacts it', async () => {
    const keyed = await startFixtureLlmServer({ apiKey: 'sk-right-key' });
    const responses: string[] = [];
    const keep = <T extends { text: string; headers: Record<string, string> }>(res: T) => (responses.push(res.text, JSON.stringify(res.headers)), res);
    try {
      const enc = keep(await api('post', '/llm-endpoints').send({ name: 'hosted', baseUrl: keyed.baseUrl, model: 'fixture-model', apiKey: SECRET }).expect(201));
      expect(enc.body.apiKey).toEqual({ kind: 'encrypted', set: true });
      const [stored] = await t.db.query(`SELECT api_key_ref FROM llm_endpoints WHERE id = $1`, [enc.body.id]);
      expect(stored.api_key_ref.kind).toBe('encrypted');
      expect(JSON.stringify(stored)).not.toContain(SECRET);
      const env = keep(await api('post', '/llm-endpoints').send({ name: 'by env', baseUrl: keyed.baseUrl, model: 'fixture-model', apiKeyEnv: 'PACE_TEST_LLM_KEY' }).expect(201));
      expect(env.body.apiKey).toEqual({ kind: 'env', name: 'PACE_TEST_LLM_KEY' });

      // the fixture server answers a wrong key with a 401 that quotes it back, as hosted APIs do
      const wrong = keep(await api('post', `/llm-endpoints/${enc.body.id}/test`).expect(200));
      expect(wrong.body).toMatchObject({ ok: false, code: 'http' });
      expect(wrong.body.error).toMatch(/answered 401/);
      const right = keep(await api('post', `/llm-endpoints/${env.body.id}/test`).expect(200));
      expect(right.body).toMatchObject({ ok: true, model: 'fixture-model' });
      expect(right.body.latencyMs).toBeGreaterThanOrEqual(0);

      keep(await api('get', `/llm-endpoints/${enc.body.id}`).expect(200));
      const list = keep(await api('get', '/llm-endpoints').expect(200));
      expect(list.headers['content-range']).toMatch(/^llm-endpoints 0-\d+\/\d+$/);
      const replaced = keep(await api('put', `/llm-endpoints/${enc.body.id}`).send({ apiKey: `${SECRET}-2`, maxConcurrency: 2 }).expect(200));
      expect(replaced.body).toMatchObject({ maxConcurrency: 2, apiKey: { kind: 'encrypted', set: true } });

      // no server key: a clear 422 naming the variable, and nothing stored
      delete process.env.PACE_SECRET_KEY;
      const refused = keep(await api('post', '/llm-endpoints').send({ name: 'no server key', baseUrl: keyed.baseUrl, model: 'm', apiKey: SECRET }).expect(422));
      expect(refused.body.message).toMatch(/PACE_SECRET_KEY is not set/);
      process.env.PACE_SECRET_KEY = 'not-a-key!';
      expect(keep(await api('post', '/llm-endpoints').send({ name: 'bad server key', baseUrl: keyed.baseUrl, model: 'm', apiKey: SECRET }).expect(422)).body.message).toMatch(/PACE_SECRET_KEY is neither 64 hex digits nor base64/);
      process.env.PACE_SECRET_KEY = SERVER_KEY;
      expect((await t.db.query(`SELECT count(*)::int AS n FROM llm_endpoints WHERE name LIKE '%server key'`))[0].n).toBe(0);
      expect(parseServerKey(SERVER_KEY)).toHaveLength(32);

      const both = keep(await api('post', '/llm-endpoints').send({ name: 'both', baseUrl: keyed.baseUrl, model: 'm', apiKey: SECRET, apiKeyEnv: 'X' }).expect(422));
      expect(both.body.message).toMatch(/^apiKey: give either apiKey/);

      const annotator = await t.tokenFor('annotator');
      await t.http.get('/api/llm-endpoints').set('Authorization', `Bearer ${annotator}`).expect(403);
      const lead = await t.tokenFor('lead');
      await t.http.post('/api/llm-endpoints').set('Authorization', `Bearer ${lead}`).send({ name: 'x', baseUrl: keyed.baseUrl, model: 'm' }).expect(403);
      keep(await api('delete', `/llm-endpoints/${env.body.id}`).expect(204));
    } finally {
      await keyed.close();
    }
    for (const text of [...responses, ...logged]) expect(text).not.toContain(SECRET);
  });

  it('issue 15 item 3: a dry run estimates calls, tokens and cost per stage without creating a run; bad settings are named', async () => {
    const before = (await t.db.query(`SELECT count(*)::int AS n FROM synthesis_runs`))[0].n;
    const res = await api('post', '/synthesis/runs')
      .send({ name: 'estimate', taxonomyId: taxonomy.id, endpointId, dryRun: true, settings: { subjectSamples: 2, maxSubjectsPerDiscipline: 3, questionsPerSubject: 4, maxTokens: 100 } })
      .expect(200);
    const est = res.body.estimate;
    // 2 disciplines: 2×2 listings + 2×2 JSON lines, 2×3 syllabi + 2×3 session extractions, 2×3×4 questions and answers
    expect(est.lines.map((l: { label: string; calls: number }) => [l.label, l.calls])).toEqual([
      ['subjects: subject lists', 4],
      ['subjects: JSON lines', 4],
      ['syllabi', 6],
      ['syllabi: class sessions', 6],
      ['questions', 24],
      ['answers', 24],
    ]);
    expect(est.calls).toBe(68);
    expect(est.completionTokens).toBe(68 * 100);
    expect(est.costUsd).toBe(0);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM synthesis_runs`))[0].n).toBe(before);

    const bad = await api('post', '/synthesis/runs').send({ name: 'bad', taxonomyId: taxonomy.id, endpointId, settings: { pairRatio: 2, subjectSamples: 0, colour: 'red' } }).expect(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['settings.colour', 'settings.pairRatio', 'settings.subjectSamples']);
    expect(bad.body.message).toMatch(/settings\.pairRatio: must be a number from 0 to 1, got 2/);
  });

  it('issue 15 item 2: a full run — two disciplines → subjects → syllabi → questions → answers → tagged pairs; JSON repaired, retried, failures kept; 429 with Retry-After and a 500 mid-run', async () => {
    await t.app.listen(0, '127.0.0.1');
    const port = (t.app.getHttpServer().address() as { port: number }).port;
    const socket = io(`http://127.0.0.1:${port}`, { auth: { token }, transports: ['websocket'] });
    const events: Array<{ id: string; status: string; progress: { answers: { done: number } } }> = [];
    let created: { body: { id: string } } = { body: { id: '' } };
    socket.on('synthesis.progress', (e) => events.push(e));
    // the run's last event is published after its row says completed, so the poll below can see the row first:
    // wait for that event itself before closing the socket
    const terminal = new Promise<(typeof events)[number]>((res) =>
      socket.on('synthesis.progress', (e) => { if (e.status === 'completed' && e.id === created.body.id) res(e); }));
    await new Promise<void>((res, rej) => socket.on('connect', () => res()).on('connect_error', rej));
    expect((await socket.emitWithAck('subscribe', { room: 'synthesis' })).ok).toBe(true);

    llm.reset();
    llm.inject({ fault: { kind: 'status', status: 429, retryAfter: '1' }, after: 3 });
    llm.inject({ fault: { kind: 'status', status: 500 }, after: 20 });
    created = await api('post', '/synthesis/runs')
      .send({ name: 'full', taxonomyId: taxonomy.id, endpointId, reviewMode: 'single', settings: { subjectSamples: 2, questionsPerSubject: 3, maxTokens: 512, seed: 7 } })
      .expect(201);
    expect(created.body).toMatchObject({ taxonomyRevision: taxonomy.revision, reviewMode: 'single', settings: { subjectSamples: 2, subjectTemperature: 1, subjectTopP: 0.95, pairRatio: 0.5, answerTemperature: 0.7 } });
    const done = await settled(created.body.id);
    expect(done).toMatchObject({ status: 'completed', stage: 'ingest', pauseReason: null });
    expect((await terminal).progress.answers.done).toBe(15);
    socket.close();

    const nodes = await t.db.query(`SELECT kind, count(*)::int AS n FROM synthesis_nodes WHERE run_id = $1 GROUP BY kind ORDER BY kind`, [done.id]);
    // per discipline: 2 listings of 2 subjects each, overlapping → 3 subjects; 唐代史专题3's sessions never parse
    expect(Object.fromEntries(nodes.map((r: { kind: string; n: number }) => [r.kind, r.n]))).toEqual({ 'subject-list': 4, subjects: 4, syllabus: 6, sessions: 6, question: 15, answer: 15 });
    const pairs = await t.db.query(`SELECT question, answer, tags, status FROM synthesis_pairs WHERE run_id = $1 ORDER BY id`, [done.id]);
    expect(pairs).toHaveLength(15);
    const algebra = pairs.filter((p: { tags: { discipline: string } }) => p.tags.discipline === 'Algebra');
    const tang = pairs.filter((p: { tags: { discipline: string } }) => p.tags.discipline === '唐代史');
    expect(algebra).toHaveLength(9);
    expect(tang).toHaveLength(6);
    for (const p of pairs) {
      expect(p.status).toBe('generated');
      expect(p.tags.taxonomyRevision).toBe(taxonomy.revision);
      expect(p.tags.concepts.length).toBeGreaterThanOrEqual(p.tags.strategy === 'pair' ? 2 : 1);
      expect(p.tags.concepts.length).toBeLessThanOrEqual(5);
      expect(p.tags.sessions).toHaveLength(p.tags.strategy === 'pair' ? 2 : 1);
      // the question was asked about exactly the sampled concepts, and the answer answers that question
      for (const c of p.tags.concepts) expect(p.question).toContain(c);
      expect(p.answer.length).toBeGreaterThan(0);
    }
    expect(algebra[0].tags).toMatchObject({ field: 'Mathematics', subField: 'Pure mathematics', discipline: 'Algebra', disciplineId: 'algebra', abilityKey: 'cot_math' });
    expect(algebra[0].tags.subject).toMatch(/^Algebra Topic [123]$/);
    expect(algebra[0].tags.level).toMatch(/^[123]00$/);
    expect(tang[0].tags).toMatchObject({ field: '人文', subField: '历史学', discipline: '唐代史', abilityKey: 'history' });
    expect(tang[0].question).toMatch(/^作业题：/);
    expect(new Set(pairs.map((p: { tags: { combo: string; subject: string } }) => `${p.tags.subject}|${p.tags.combo}`)).size).toBe(15);

    // repaired by jsonrepair (single quotes, trailing comma), retried once with the error, or kept as a failure
    const [repaired] = await t.db.query(`SELECT meta, parsed FROM synthesis_nodes WHERE run_id = $1 AND kind = 'subjects' AND completion LIKE '%Algebra Topic 3%' LIMIT 1`, [done.id]);
    expect(repaired.meta.notes.length).toBeGreaterThan(0);
    expect(repaired.parsed.map((s: { subject_name: string }) => s.subject_name)).toEqual(['Algebra Topic 2', 'Algebra Topic 3']);
    const [retried] = await t.db.query(`SELECT attempts, meta FROM synthesis_nodes WHERE run_id = $1 AND kind = 'sessions' AND meta->>'firstCompletion' IS NOT NULL AND parsed IS NOT NULL`, [done.id]);
    expect(retried.attempts).toBe(2);
    expect(retried.meta.firstError).toBeTruthy();
    const failures = (await api('get', `/synthesis/runs/${done.id}/failures`).expect(200)).body;
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ stage: 'syllabi', code: 'unparseable', discipline: '唐代史' });
    expect(failures[0].raw).toMatch(/^Sure! The syllabus has several sessions/);
    expect(done.failures).toBe(1);
    expect(done.progress.syllabi).toEqual({ planned: 12, done: 11, failed: 1 });
    expect(done.progress.answers).toEqual({ planned: 15, done: 15, failed: 0 });

    // the 429 was honoured (the same request again no sooner than Retry-After), the 500 retried; nothing completed twice
    const throttled = llm.log.find((e) => e.status === 429)!;
    const again = llm.log.find((e) => e.key === throttled.key && e.startedAt > throttled.startedAt)!;
    expect(again.startedAt - throttled.endedAt!).toBeGreaterThanOrEqual(950);
    const failed500 = llm.log.find((e) => e.status === 500)!;
    expect(llm.completed(failed500.key)).toBe(1);
    for (const e of llm.log) expect(llm.completed(e.key)).toBeLessThanOrEqual(1);
    expect(llm.maxInFlight).toBeLessThanOrEqual(4);

    // usage is the sum of the committed nodes; progress reached the socket room
    const [sum] = await t.db.query(`SELECT sum(prompt_tokens)::int AS p, sum(completion_tokens)::int AS c FROM synthesis_nodes WHERE run_id = $1`, [done.id]);
    expect(done.usage).toMatchObject({ promptTokens: sum.p, completionTokens: sum.c, costUsd: 0 });
    expect(events.some((e) => e.id === done.id && e.progress.answers.done > 0)).toBe(true);
    const nodePage = await api('get', `/synthesis/runs/${done.id}/nodes?kind=question&range=[0,4]`).expect(200);
    expect(nodePage.headers['content-range']).toBe('nodes 0-4/15');
    expect(nodePage.body[0]).toMatchObject({ kind: 'question', prompt: [{ role: 'user' }] });
    expect(nodePage.body[0].promptTokens).toBeGreaterThan(0);

    // a second run of the same revision and settings reuses every node: no call at all
    llm.reset();
    const rerun = await api('post', '/synthesis/runs').send({ name: 'again', taxonomyId: taxonomy.id, endpointId, settings: { subjectSamples: 2, questionsPerSubject: 3, maxTokens: 512, seed: 7 } }).expect(201);
    const rerunDone = await settled(rerun.body.id);
    expect(rerunDone.status).toBe('completed');
    expect(llm.log).toHaveLength(0);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM synthesis_pairs WHERE run_id = $1`, [rerun.body.id]))[0].n).toBe(15);
  });

  it('issue 15 item 2: pause stops promptly and resume continues without repeating a stored call', async () => {
    llm.reset();
    llm.inject({ fault: { kind: 'slow', delayMs: 100 }, times: Infinity });
    const created = await api('post', '/synthesis/runs').send({ name: 'pausable', taxonomyId: taxonomy.id, endpointId, settings: { subjectSamples: 2, questionsPerSubject: 6, maxTokens: 400, seed: 11 } }).expect(201);
    const id = created.body.id;
    await until('some answers', async () => (await t.db.query(`SELECT 1 FROM synthesis_nodes WHERE run_id = $1 AND kind = 'answer'`, [id])).length >= 2, 60_000, 10);
    // From here every new call takes 5 s, so the run cannot finish before the pause lands: at 100 ms a call, a busy CI
    // machine let it complete all its work while the pause request was on its way (the run then rightly ended
    // `completed`, and there was nothing left to pause).
    llm.clearFaults();
    llm.inject({ fault: { kind: 'slow', delayMs: 5000 }, times: Infinity });
    const asked = await api('post', `/synthesis/runs/${id}/pause`).expect(200);
    expect(['pausing', 'paused']).toContain(asked.body.status);
    const paused = await settled(id, ['paused']);
    expect(paused.pauseReason).toBe('user');
    const count = async () => (await t.db.query(`SELECT count(*)::int AS n FROM synthesis_nodes WHERE run_id = $1`, [id]))[0].n;
    const atPause = await count();
    await new Promise((r) => setTimeout(r, 300));
    expect(await count()).toBe(atPause);
    expect(llm.inFlight).toBe(0);
    await api('post', `/synthesis/runs/${id}/pause`).expect(409);

    llm.clearFaults();
    await api('post', `/synthesis/runs/${id}/resume`).expect(200);
    const done = await settled(id, ['completed', 'failed']);
    expect(done.status).toBe('completed');
    expect((await t.db.query(`SELECT count(*)::int AS n FROM synthesis_pairs WHERE run_id = $1`, [id]))[0].n).toBe(done.progress.answers.done);
    // only calls in flight at the pause (aborted, not stored) were made again, once
    const calls = new Map<string, number>();
    for (const e of llm.log) calls.set(e.key, (calls.get(e.key) ?? 0) + 1);
    const twice = [...calls.values()].filter((n) => n > 1);
    expect(Math.max(...calls.values())).toBeLessThanOrEqual(2);
    expect(twice.length).toBeLessThanOrEqual(4);
  });

  it('issue 15 item 3: the budget cap pauses the run; raising the cap and resuming finishes it', async () => {
    llm.reset();
    const created = await api('post', '/synthesis/runs')
      .send({ name: 'capped', taxonomyId: taxonomy.id, endpointId, settings: { subjectSamples: 2, questionsPerSubject: 2, maxTokens: 300, seed: 23, maxTotalTokens: 5000 } })
      .expect(201);
    const id = created.body.id;
    const paused = await settled(id);
    expect(paused).toMatchObject({ status: 'paused', pauseReason: 'budget' });
    expect(paused.usage.promptTokens + paused.usage.completionTokens).toBeLessThanOrEqual(5000);
    expect(paused.progress.answers?.done ?? 0).toBeLessThan(10);

    await api('patch', `/synthesis/runs/${id}`).send({ maxTotalTokens: 1_000_000 }).expect(200);
    await api('post', `/synthesis/runs/${id}/resume`).expect(200);
    const done = await settled(id, ['completed', 'failed']);
    expect(done).toMatchObject({ status: 'completed', settings: { maxTotalTokens: 1_000_000 } });
    expect(done.progress.answers.done).toBe(10);
    // the calls in flight when the cap was reached were aborted (not stored) and made again once; no other repeats
    const calls = new Map<string, number>();
    for (const e of llm.log) calls.set(e.key, (calls.get(e.key) ?? 0) + 1);
    expect(Math.max(...calls.values())).toBeLessThanOrEqual(2);
    expect([...calls.values()].filter((n) => n > 1).length).toBeLessThanOrEqual(4);
  });

  it('cancel stops a run for good', async () => {
    llm.reset();
    llm.inject({ fault: { kind: 'slow', delayMs: 200 }, times: Infinity });
    const created = await api('post', '/synthesis/runs').send({ name: 'cancelled', taxonomyId: taxonomy.id, endpointId, settings: { subjectSamples: 2, questionsPerSubject: 8, maxTokens: 200, seed: 99 } }).expect(201);
    await until('a node', async () => (await t.db.query(`SELECT 1 FROM synthesis_nodes WHERE run_id = $1`, [created.body.id])).length > 0, 30_000);
    // as in the pause test: no new call can finish before the cancel lands, however busy the machine
    llm.clearFaults();
    llm.inject({ fault: { kind: 'slow', delayMs: 5000 }, times: Infinity });
    await api('post', `/synthesis/runs/${created.body.id}/cancel`).expect(200);
    const done = await settled(created.body.id, ['cancelled']);
    expect(done.finishedAt).toBeTruthy();
    expect(done.progress.answers.done).toBeLessThan(done.progress.answers.planned || 40);
    const nodes = (await t.db.query(`SELECT count(*)::int AS n FROM synthesis_nodes WHERE run_id = $1`, [created.body.id]))[0].n;
    await new Promise((r) => setTimeout(r, 300));
    expect((await t.db.query(`SELECT count(*)::int AS n FROM synthesis_nodes WHERE run_id = $1`, [created.body.id]))[0].n).toBe(nodes);
    await api('post', `/synthesis/runs/${created.body.id}/resume`).expect(409);
    llm.clearFaults();
  });

  it('the synthesis migration goes down and up again (a real down())', async () => {
    const tables = async () =>
      (await t.db.query(`SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'synthesis%' OR table_name LIKE 'taxonom%' OR table_name = 'llm_endpoints' ORDER BY 1`)).map(
        (r: { table_name: string }) => r.table_name,
      );
    const all = ['llm_endpoints', 'synthesis_failures', 'synthesis_nodes', 'synthesis_pairs', 'synthesis_runs', 'taxonomies', 'taxonomy_revisions', 'taxonomy_votes'];
    const runner = t.db.createQueryRunner();
    try {
      expect(await tables()).toEqual(all);
      // the migrations after it build on its columns (items.review_mode): they go down first and up after
      const later = MIGRATIONS.slice(MIGRATIONS.indexOf(CreateSynthesis1764020000000) + 1).map((M) => new M());
      for (const m of [...later].reverse()) await m.down(runner);
      await new CreateSynthesis1764020000000().down(runner);
      expect(await tables()).toEqual([]);
      await new CreateSynthesis1764020000000().up(runner);
      for (const m of later) await m.up(runner);
      expect(await tables()).toEqual(all);
    } finally {
      await runner.release();
    }
  });
});
