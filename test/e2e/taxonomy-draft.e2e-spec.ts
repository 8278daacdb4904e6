import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FixtureLlmServer, type FixtureRequest, startFixtureLlmServer } from '../utils/fixture-llm-server';
import { connect, recorder } from '../utils/socket-events';
import { createTestApp, TestApp } from '../utils/test-app';
import { until } from '../utils/until';
import { JobRunnerService } from '../../workers/job-runner.service';
import { nodeKey } from '../../server/synthesis/glan/node-key';
import { getTemplate, templateRef } from '../../server/synthesis/glan/prompt-templates';
import { draftParentKey } from '../../server/synthesis/taxonomies/taxonomy-draft-runner';
import { exitOf, spawnTs } from '../utils/spawn-ts';

type Node = { id: string; name: string; children: Node[] };

const ACADEMIC = 'as a university organises them';
const CURRICULUM = 'from primary and secondary school';
const isCurriculum = (r: FixtureRequest) => r.messages.some((m) => m.content.includes(CURRICULUM));

/** Two prompts whose drafts overlap (spelled differently); one completion needs repair, one holds no JSON at all. */
function answer(r: FixtureRequest): string {
  const user = r.messages.map((m) => m.content).join('\n');
  if (user.includes(ACADEMIC)) {
    return r.sampleIndex === 0
      ? JSON.stringify({ fields: [{ name: 'Natural Sciences', children: [{ name: 'Physics', children: [{ name: 'Mechanics' }, { name: 'Optics' }, { name: 'acoustics' }] }] }] })
      : // cut off inside a code fence, with a trailing comma: repaired by jsonrepair
        'Here is the taxonomy:\n```json\n{"fields": [{"name": "Natural sciences", "children": [{"name": "Chemistry", "children": [{"name": "Organic chemistry"},]}]}\n```';
  }
  if (user.includes(CURRICULUM)) {
    return r.sampleIndex === 0
      ? JSON.stringify({
          fields: [
            { name: 'natural sciences', children: [{ name: 'physics', children: [{ name: 'mechanics' }, { name: 'Thermodynamics' }] }] },
            // a discipline the other prompt put elsewhere: kept in both places and listed for the reviewers
            { name: '艺术', children: [{ name: '音乐', children: [{ name: '乐理' }, { name: 'Acoustics' }] }] },
          ],
        })
      : "Sorry, I can't produce a taxonomy.";
  }
  return 'unexpected prompt';
}

describe('taxonomy drafts by an LLM (issue 15 item 1)', () => {
  let t: TestApp;
  let llm: FixtureLlmServer;
  let lead: [string, string];
  let endpointId: string;
  let socket: Socket;
  let events: ReturnType<typeof recorder>;

  beforeAll(async () => {
    llm = await startFixtureLlmServer({ respond: answer });
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    lead = ['Authorization', `Bearer ${await t.tokenFor('lead')}`];
    [{ id: endpointId }] = await t.db.query(`INSERT INTO llm_endpoints (name, base_url, model) VALUES ('fixture', $1, 'fixture-model') RETURNING id`, [llm.baseUrl]);
    socket = await connect(t, lead[1].slice(7));
    events = recorder(socket, ['synthesis.progress']);
    expect((await socket.emitWithAck('subscribe', { room: 'synthesis' })).ok).toBe(true);
  });
  afterAll(async () => {
    socket?.close();
    await t?.close();
    await llm?.close();
  });

  const draftDone = (id: string, statuses = ['completed', 'failed', 'cancelled']) =>
    until(`draft ${id} to end`, async () => {
      const res = await t.http.get(`/api/taxonomies/drafts/${id}`).set(...lead).expect(200);
      return statuses.includes(res.body.status) ? res.body : null;
    }, 30_000);

  it('issue 15 item 1: two overlapping prompts merge de-duplicated; a repaired completion counts, an unrepairable one is a failure with its raw text; a failed call is resumed without repeating any stored call', async () => {
    // the curriculum prompt's calls fail (a 400 is not retried): the draft fails after storing the academic ones
    llm.inject({ fault: { kind: 'status', status: 400, message: 'bad request' }, times: Infinity, match: isCurriculum });
    const started = await t.http
      .post('/api/taxonomies/draft')
      .set(...lead)
      .send({ name: 'LLM draft', language: 'en', endpointId, prompts: ['taxonomy-draft-academic', 'taxonomy-draft-curriculum'], samplesPerPrompt: 2, temperature: 0.9 })
      .expect(201);
    expect(started.body).toMatchObject({ status: 'queued', progress: { planned: 4, done: 0, failed: 0 }, settings: { samplesPerPrompt: 2, temperature: 0.9 } });
    const failed = await draftDone(started.body.id);
    expect(failed.status).toBe('failed');
    expect(failed.failureReason).toMatch(/2 of 4 calls failed.*resume/);
    expect(failed.failures.map((f: { code: string }) => f.code)).toEqual(['call-failed', 'call-failed']);
    expect(failed.progress).toMatchObject({ planned: 4, done: 2, failed: 2 });
    const firstRun = llm.log.map((e) => e.key);
    expect(firstRun).toHaveLength(4);
    const stored: { key: string }[] = await t.db.query(`SELECT key FROM synthesis_nodes WHERE run_id = $1`, [started.body.id]);
    expect(stored).toHaveLength(2);

    llm.clearFaults();
    await t.http.post(`/api/taxonomies/drafts/${started.body.id}/resume`).set(...lead).expect(201);
    const done = await draftDone(started.body.id);
    expect(done.status).toBe('completed');
    // no stored call was asked again: the academic calls were made once, the curriculum ones once more
    expect(llm.log).toHaveLength(6);
    const secondRun = llm.log.slice(4).map((e) => e.key);
    const academic = firstRun.filter((k) => !secondRun.includes(k));
    expect(academic).toHaveLength(2);
    for (const key of secondRun) expect(llm.calls(key)).toBe(2);
    for (const key of academic) expect(llm.calls(key)).toBe(1);
    expect(done.progress).toMatchObject({ planned: 4, done: 4, failed: 1, merge: { drafts: 3, nodes: 12 } });
    expect(done.progress.merge.elsewhere).toEqual([{ name: 'acoustics', paths: [['Natural Sciences', 'Physics', 'acoustics'], ['艺术', '音乐', 'Acoustics']] }]);
    expect(done.usage.calls).toBe(4);
    const audit = await t.db.query(`SELECT action FROM audit_log WHERE entity = 'synthesis_run' AND entity_id = $1 ORDER BY id`, [started.body.id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['taxonomy-draft', 'resume']);
    // the unrepairable completion is listed with its raw text; the old call failures are gone
    expect(done.failures).toHaveLength(1);
    expect(done.failures[0]).toMatchObject({ code: 'unparseable', raw: "Sorry, I can't produce a taxonomy.", stage: 'taxonomy-draft' });
    expect(done.failures[0].message).toMatch(/glan\.taxonomy-draft-curriculum\.en@1 sample 1: no JSON found/);
    const repaired = await t.db.query(`SELECT meta FROM synthesis_nodes WHERE run_id = $1 AND sample_index = 1 AND parsed IS NOT NULL`, [started.body.id]);
    expect(repaired[0].meta.notes.join(' ')).toMatch(/repaired malformed JSON/);

    const tax = await t.http.get(`/api/taxonomies/${done.taxonomyId}`).set(...lead).expect(200);
    expect(tax.body).toMatchObject({ name: 'LLM draft', language: 'en', revision: done.taxonomyRevision });
    const names = (nodes: Node[]): unknown => nodes.map((n) => (n.children.length ? { [n.name]: names(n.children) } : n.name));
    expect(names(tax.body.tree.fields)).toEqual([
      { 'Natural Sciences': [{ Physics: ['Mechanics', 'Optics', 'acoustics', 'Thermodynamics'] }, { Chemistry: ['Organic chemistry'] }] },
      { 艺术: [{ 音乐: ['乐理', 'Acoustics'] }] },
    ]);
    const revisions = await t.http.get(`/api/taxonomies/${done.taxonomyId}/revisions`).set(...lead).expect(200);
    expect(revisions.body.map((r: { revision: string }) => r.revision)).toEqual([done.taxonomyRevision]);
    await events.waitFor('synthesis.progress', (e) => e.id === started.body.id && e.status === 'completed' && e.taxonomyId === done.taxonomyId);

    // a draft under a name that exists is refused at once
    await t.http.post('/api/taxonomies/draft').set(...lead).send({ name: 'LLM draft', endpointId }).expect(409);
    const bad = await t.http.post('/api/taxonomies/draft').set(...lead).send({ name: 'x', endpointId, prompts: ['taxonomy-draft-poetry'] }).expect(400);
    expect(JSON.stringify(bad.body.errors)).toMatch(/prompts: each must be one of/);
  });

  it('issue 15 item 1: a running draft is cancelled between calls and resumes with the calls it had not stored', async () => {
    llm.reset();
    llm.inject({ fault: { kind: 'slow', delayMs: 700 }, times: 1 });
    const started = await t.http
      .post('/api/taxonomies/draft')
      .set(...lead)
      .send({ name: 'cancelled draft', endpointId, prompts: ['taxonomy-draft-academic'], samplesPerPrompt: 2 })
      .expect(201);
    await until('the first call to arrive', async () => llm.inFlight > 0, 10_000);
    await t.http.post(`/api/taxonomies/drafts/${started.body.id}/cancel`).set(...lead).expect(201);
    const cancelled = await draftDone(started.body.id);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.progress).toMatchObject({ planned: 2, done: 1 });
    expect(llm.log).toHaveLength(1);
    await t.http.post(`/api/taxonomies/drafts/${started.body.id}/cancel`).set(...lead).expect(409);

    await t.http.post(`/api/taxonomies/drafts/${started.body.id}/resume`).set(...lead).expect(201);
    const done = await draftDone(started.body.id);
    expect(done.status).toBe('completed');
    expect(llm.log).toHaveLength(2);
    expect(new Set(llm.log.map((e) => e.key)).size).toBe(2);
  });

  it('issue 15 item 1: npm run cli -- taxonomy-draft drafts in its own process with a progress bar; a bad flag is named', async () => {
    llm.reset();
    const cli = (args: string[]) => spawnTs('server/cli/main.ts', args, { DATABASE_URL: t.databaseUrl, PACE_DATA_DIR: t.dataDir });
    const child = cli(['taxonomy-draft', '--name', '命令行草稿', '--endpoint', endpointId, '--prompts', 'academic,curriculum', '--samples', '1']);
    const code = await exitOf(child);
    const output = child.output();
    expect(code, output).toBe(0);
    expect(output).toMatch(/Taxonomy draft [0-9a-f-]{36}: "命令行草稿", taxonomy-draft-academic, taxonomy-draft-curriculum × 1 \(en\)/);
    expect(output).toMatch(/█+.* 100% \| 2\/2 completions \| 0 failed/);
    const [, taxonomyId] = /completed: taxonomy ([0-9a-f-]{36})/.exec(output)!;
    const tax = await t.http.get(`/api/taxonomies/${taxonomyId}`).set(...lead).expect(200);
    expect(tax.body).toMatchObject({ name: '命令行草稿', fieldCount: 2, disciplineCount: 6 });
    expect(llm.log).toHaveLength(2);

    const bad = cli(['taxonomy-draft', '--name', 'x', '--endpoint', endpointId, '--samples', '0']);
    expect(await exitOf(bad)).toBe(1);
    expect(bad.output()).toMatch(/--samples: samplesPerPrompt must not be less than 1/);
  });

  it('issue 15 item 1: a draft whose worker died (kill -9) is queued again by the stale sweep and makes no call it stored', async () => {
    llm.reset();
    const settings = { language: 'en', prompts: ['taxonomy-draft-academic'], samplesPerPrompt: 2, temperature: 0.7, maxTokens: 4096 };
    // a running draft, silent for ten minutes, that stored its first completion before it died
    const [{ id }] = await t.db.query(
      `INSERT INTO synthesis_runs (kind, name, endpoint_id, settings, progress, status, started_at, updated_at)
       VALUES ('taxonomy-draft', 'died mid-run', $1, $2, '{"planned":2,"done":1,"failed":0}', 'running', now() - interval '10 minutes', now() - interval '10 minutes') RETURNING id`,
      [endpointId, JSON.stringify(settings)],
    );
    const parent = draftParentKey(id, 'en');
    const template = templateRef(getTemplate('taxonomy-draft-academic', 'en'));
    const key = nodeKey({ template, model: 'fixture-model', params: { temperature: 0.7, max_tokens: 4096 }, parent, sampleIndex: 0 });
    const stored = { fields: [{ name: 'Stored before the crash', children: [{ name: 'Kept', children: [{ name: 'As it was' }] }] }] };
    await t.db.query(
      `INSERT INTO synthesis_nodes (key, run_id, kind, parent_key, sample_index, template, model, params, prompt, completion, parsed)
       VALUES ($1, $2, 'taxonomy-draft', $3, 0, $4, 'fixture-model', '{}', '[]', $5::text, $5::text::jsonb)`,
      [key, id, parent, template, JSON.stringify(stored)],
    );

    const requeued = await t.app.get(JobRunnerService).requeueStale(60);
    expect(requeued.taxonomyDrafts).toEqual([id]);
    const done = await draftDone(id);
    expect(done.status, done.failureReason).toBe('completed');
    // only the second sample was asked for; the first came from the stored node
    expect(llm.log.map((e) => e.sampleIndex)).toEqual([1]);
    const tax = await t.http.get(`/api/taxonomies/${done.taxonomyId}`).set(...lead).expect(200);
    expect(tax.body.tree.fields.map((f: Node) => f.name)).toEqual(['Stored before the crash', 'Natural sciences']);
  });
});
