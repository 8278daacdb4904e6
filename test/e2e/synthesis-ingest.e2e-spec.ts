import { parse } from 'csv-parse/sync';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueueService } from '../../server/queue/queue.service';
import { insertEvalItem, pairTags, seedFailures, seedGenerationRun, seedNodes, seedPairs } from '../factories/synthesis';
import { createPeople, type Person } from '../utils/people';
import { connect, recorder } from '../utils/socket-events';
import { createTestApp, type TestApp } from '../utils/test-app';
import { until } from '../utils/until';

/** The CMMLU question a generated pair copies 28 characters of, and a test-split item a pair copies 15 words of. */
const CMMLU_QUESTION = '在中国古代历史上，秦始皇统一六国之后推行了哪一项加强中央集权的地方行政制度？';
const TEST_QUESTION = 'Explain how the process of natural selection leads to the adaptation of populations to their environments over many generations.';

const HAN = { field: 'Humanities', subField: 'History', discipline: 'Chinese history', abilityKey: 'history' };
const BIO = { field: 'Natural Sciences', subField: 'Life sciences', discipline: 'Biology', abilityKey: 'biology' };
const ETH = { field: 'Humanities', subField: 'Philosophy', discipline: 'Ethics', abilityKey: null };

/** Six pairs: two originals, a copy of the first, one contaminated by CMMLU, one by a test item, one with no ability. */
const PAIRS = [
  { question: '汉武帝为什么要推行盐铁官营政策？请结合当时的财政状况说明。', answer: '汉武帝连年对匈奴用兵，国库空虚，盐铁官营使国家垄断重要物资的利润，充实了财政。', tags: { ...HAN, subject: '秦汉史', concepts: ['盐铁官营'] } },
  { question: 'What is the role of mitochondria in cellular respiration, and why are they called the powerhouse of the cell?', answer: "Mitochondria carry out the Krebs cycle and oxidative phosphorylation, producing most of the cell's ATP.", tags: { ...BIO, subject: 'Cell biology', concepts: ['mitochondria'] } },
  { question: '汉武帝为什么要推行盐铁官营政策？请结合当时的财政状况说明。', answer: '汉武帝连年对匈奴用兵，国库空虚，盐铁官营使国家垄断重要物资的利润，充实了财政。', tags: { ...HAN, subject: '秦汉史', concepts: ['盐铁官营'] } },
  { question: '请说明：秦始皇统一六国之后推行了哪一项加强中央集权的地方行政制度，并分析其意义。', answer: '郡县制，由中央直接任免地方官员。', tags: { ...HAN, subject: '秦汉史', concepts: ['郡县制'] } },
  { question: 'In your own words, explain how the process of natural selection leads to the adaptation of populations to their environments, with an example.', answer: 'Finches with beaks suited to the available seeds survived droughts and left more offspring.', tags: { ...BIO, subject: 'Genetics', concepts: ['natural selection'] } },
  { question: 'Is it ever morally acceptable to lie in order to protect the feelings of a friend? Discuss with reference to Kant.', answer: 'Kant held that lying is always wrong, even to a murderer at the door; consequentialists weigh the harm instead.', tags: { ...ETH, subject: 'Moral philosophy', concepts: ['honesty'] } },
];

describe('synthesis ingestion (issue 15 items 4–6): seeded pairs → decontamination → items of a synthetic source → coverage', () => {
  let t: TestApp;
  let curator: Person;
  let socket: Socket;
  let runId: string;
  let pairIds: number[];
  let cmmluItem: number;
  let testItem: number;
  let events: ReturnType<typeof recorder>;

  const pairs = async () =>
    (await t.db.query('SELECT id, status, item_id, error, contamination FROM synthesis_pairs WHERE run_id = $1 ORDER BY id', [runId])) as Array<{
      id: string;
      status: string;
      item_id: string | null;
      error: string | null;
      contamination: any;
    }>;
  const stage = async () => (await t.db.query('SELECT stage, progress, source_id, failure_reason FROM synthesis_runs WHERE id = $1', [runId]))[0];

  beforeAll(async () => {
    t = await createTestApp();
    [curator] = await createPeople(t, 'researcher', 1);
    cmmluItem = await insertEvalItem(t.db, { sourceName: 'CMMLU', kind: 'benchmark', question: CMMLU_QUESTION, answer: 'A. 郡县制' });
    testItem = await insertEvalItem(t.db, { sourceName: 'doit-eval', kind: 'curation', split: 'test', ability: 'biology', question: TEST_QUESTION, answer: 'Individuals with heritable traits suited to the environment survive and reproduce more.' });
    runId = await seedGenerationRun(t.db, { name: 'two disciplines', reviewMode: 'dual', createdBy: curator.id, usage: { calls: 12, promptTokens: 3000, completionTokens: 1500, costUsd: 0.25 } });
    pairIds = await seedPairs(t.db, runId, PAIRS);
    await seedNodes(t.db, runId, [
      { kind: 'question', promptTokens: 100, completionTokens: 40, costUsd: 0.01 },
      { kind: 'question', promptTokens: 120, completionTokens: 60, costUsd: 0.02 },
      { kind: 'answer', promptTokens: 200, completionTokens: 300, costUsd: 0.05 },
    ]);
    await seedFailures(t.db, runId, [
      { stage: 'questions', code: 'json_parse', message: 'no JSON object in the completion', raw: 'Sure! Here is' },
      { stage: 'questions', code: 'json_parse', message: 'unterminated string', raw: '{"q": "' },
      { stage: 'answers', code: 'http_500', message: 'endpoint answered 500 three times' },
    ]);
    await t.app.listen(0, '127.0.0.1');
    socket = await connect(t, curator.token);
    events = recorder(socket, ['synthesis.progress']);
    expect((await socket.emitWithAck('subscribe', { room: `synthesis:${runId}` })).ok).toBe(true);

    // as the generation pipeline does when a run's answers are done
    await t.app.get(QueueService).publish('synthesis.answered', { runId });
    await until('ingestion done', async () => (await stage()).stage === 'done', 60_000).catch(async (e) => {
      const jobs = await t.db.query(`SELECT name, state, output FROM pgboss.job WHERE name IN ('synthesis-ingest', 'import')`);
      throw new Error(`${(e as Error).message}: run ${JSON.stringify(await stage())}; jobs ${JSON.stringify(jobs)}; imports ${JSON.stringify(await t.db.query('SELECT status, failure_reason, error_count FROM imports'))}`);
    });
  }, 120_000);
  afterAll(async () => {
    socket?.close();
    await t?.close();
  });

  it('item 5: the pair sharing a long n-gram with a CMMLU item and the one sharing one with a test item are excluded, with evidence', async () => {
    const rows = await pairs();
    expect(rows[3]).toMatchObject({ status: 'excluded', item_id: null });
    expect(rows[3].contamination).toEqual({ n: 13, matches: [{ itemId: cmmluItem, source: 'CMMLU', split: null, ngram: expect.any(String) }] });
    // 13 CJK characters, with the punctuation gone: a run of the text both share
    expect(rows[3].contamination.matches[0].ngram).toHaveLength(13);
    expect('秦始皇统一六国之后推行了哪一项加强中央集权的地方行政制度').toContain(rows[3].contamination.matches[0].ngram);
    expect(rows[4]).toMatchObject({ status: 'excluded', item_id: null });
    expect(rows[4].contamination).toEqual({ n: 13, matches: [{ itemId: testItem, source: 'doit-eval', split: 'test', ngram: expect.any(String) }] });
    expect(rows[4].contamination.matches[0].ngram.split(' ')).toHaveLength(13);
    expect(TEST_QUESTION.toLowerCase()).toContain(rows[4].contamination.matches[0].ngram);
  });

  it('item 4: the rest become items of a new synthetic source with the run review mode, the tags in meta and the mapped abilities; a copy is a duplicate', async () => {
    const { source_id: sourceId } = await stage();
    const [source] = await t.db.query('SELECT name, kind, notes FROM sources WHERE id = $1', [sourceId]);
    expect(source).toMatchObject({ name: 'GLAN two disciplines', kind: 'synthetic' });
    expect(source.notes).toContain(runId);
    const rows = await pairs();
    expect(rows.map((r) => r.status)).toEqual(['ingested', 'ingested', 'ingested', 'excluded', 'excluded', 'rejected']);
    const items = await t.db.query(
      `SELECT i.id, i.status, i.review_mode, i.duplicate_of, a.key AS ability, i.meta, i.source_record_id, i.messages
         FROM items i JOIN abilities a ON a.id = i.ability_id WHERE i.id = ANY($1::bigint[]) ORDER BY i.id`,
      [rows.slice(0, 3).map((r) => r.item_id)],
    );
    const byPair = (k: number) => items.find((i: { id: string }) => i.id === rows[k].item_id);
    expect(byPair(0)).toMatchObject({ status: 'pending_review', review_mode: 'dual', ability: 'history', duplicate_of: null });
    expect(byPair(1)).toMatchObject({ status: 'pending_review', review_mode: 'dual', ability: 'biology' });
    expect(byPair(2)).toMatchObject({ status: 'duplicate', duplicate_of: rows[0].item_id, ability: 'history' });
    expect(byPair(0).messages).toEqual([{ role: 'user', content: PAIRS[0].question }, { role: 'assistant', content: PAIRS[0].answer }]);
    expect(byPair(0).meta).toMatchObject({
      field: 'Humanities',
      subField: 'History',
      discipline: 'Chinese history',
      subject: '秦汉史',
      sessions: pairTags().sessions,
      concepts: ['盐铁官营'],
      strategy: 'single',
      runId,
      pairId: pairIds[0],
    });
    const [answerKey] = await t.db.query('SELECT answer_key FROM synthesis_pairs WHERE id = $1', [pairIds[0]]);
    expect(byPair(0).source_record_id).toBe(answerKey.answer_key);
  });

  it('item 4: a pair whose discipline maps to no ability, with no default ability, is refused with the import line error', async () => {
    const rows = await pairs();
    expect(rows[5]).toMatchObject({ status: 'rejected', item_id: null });
    // lines of the file: pairs 1, 2, 3 and 6 (the excluded ones are not imported)
    expect(rows[5].error).toMatch(/^line 4\b.*abilit/);
  });

  it('item 4: progress is kept on the run and sent to its room, ending at stage done', async () => {
    expect((await stage()).progress.ingest).toEqual({ planned: 6, done: 6, failed: 1 });
    const last = await events.waitFor('synthesis.progress', (e) => e.stage === 'done');
    expect(last).toMatchObject({ id: runId, progress: { ingest: { planned: 6, done: 6, failed: 1 } } });
  });

  it('item 4: a re-run by hand ingests nothing twice', async () => {
    const itemsBefore = await t.db.query('SELECT count(*)::int AS n FROM items');
    const res = await t.http.post(`/api/synthesis/runs/${runId}/ingest`).set(...curator.auth).send({});
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body).toMatchObject({ runId, queued: true, pairs: { total: 6, ingested: 3, excluded: 2, rejected: 1, generated: 0 } });
    await until('re-run job done', async () => {
      const [j] = await t.db.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'synthesis-ingest' AND state = 'completed'`);
      return j.n >= 2;
    }, 30_000);
    expect(await t.db.query('SELECT count(*)::int AS n FROM items')).toEqual(itemsBefore);
    expect(await t.db.query(`SELECT count(*)::int AS n FROM imports WHERE options->>'synthesisRunId' = $1`, [runId])).toEqual([{ n: 1 }]);
    expect((await pairs()).map((r) => r.status)).toEqual(['ingested', 'ingested', 'ingested', 'excluded', 'excluded', 'rejected']);
  });

  it('item 4: an unknown default ability is refused naming the field; an unknown run is a 404', async () => {
    const bad = await t.http.post(`/api/synthesis/runs/${runId}/ingest`).set(...curator.auth).send({ ability: 'astrology' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([{ field: 'ability', message: 'no ability with key "astrology"' }]);
    await t.http.post('/api/synthesis/runs/00000000-0000-4000-8000-000000000000/ingest').set(...curator.auth).send({}).expect(404);
  });

  it('item 5: the decontamination report counts checked and excluded pairs per discipline and pages the evidence', async () => {
    const res = await t.http.get(`/api/synthesis/runs/${runId}/decontamination?range=[0,0]`).set(...curator.auth).expect(200);
    expect(res.body.n).toBe(13);
    expect(res.body.disciplines).toEqual([
      { field: 'Humanities', discipline: 'Chinese history', checked: 3, excluded: 1 },
      { field: 'Humanities', discipline: 'Ethics', checked: 1, excluded: 0 },
      { field: 'Natural Sciences', discipline: 'Biology', checked: 2, excluded: 1 },
    ]);
    expect(res.body.total).toBe(2);
    expect(res.headers['content-range']).toBe('evidence 0-0/2');
    expect(res.body.evidence).toEqual([
      expect.objectContaining({ pairId: pairIds[3], discipline: 'Chinese history', subject: '秦汉史', contamination: expect.objectContaining({ n: 13 }) }),
    ]);
  });

  it('item 6: the coverage report counts per field, discipline and subject, near duplicates, lengths, failures and usage (hand-computed)', async () => {
    const res = await t.http.get(`/api/synthesis/runs/${runId}/coverage`).set(...curator.auth).expect(200);
    const r = res.body;
    const z = { rejected: 0, itemsAccepted: 0, itemsDuplicate: 0 };
    expect(r.totals).toEqual({ generated: 6, excluded: 2, ingested: 3, rejected: 1, itemsAccepted: 0, itemsPending: 2, itemsDuplicate: 1 });
    expect(r.fields).toEqual([
      { field: 'Humanities', generated: 4, excluded: 1, ingested: 2, rejected: 1, itemsAccepted: 0, itemsPending: 1, itemsDuplicate: 1 },
      { field: 'Natural Sciences', generated: 2, excluded: 1, ingested: 1, itemsPending: 1, ...z },
    ]);
    expect(r.disciplines.map((d: any) => [d.discipline, d.generated, d.excluded, d.ingested, d.rejected])).toEqual([
      ['Chinese history', 3, 1, 2, 0],
      ['Ethics', 1, 0, 0, 1],
      ['Biology', 2, 1, 1, 0],
    ]);
    expect(r.subjects.map((s: any) => [s.subject, s.generated, s.itemsPending, s.itemsDuplicate])).toEqual([
      ['秦汉史', 3, 1, 1],
      ['Moral philosophy', 1, 0, 0],
      ['Cell biology', 1, 1, 0],
      ['Genetics', 1, 0, 0],
    ]);
    // pair 3 repeats pair 1: one of six questions
    expect(r.nearDuplicates).toMatchObject({ questions: 6, duplicates: 1, rate: 1 / 6 });
    // nearest-rank percentiles of the sorted lengths 29, 29, 40, 109, 114, 142: p50 the 3rd, p90 the 6th
    // question lengths in characters: 29, 109, 29, 40, 142, 114 (counted by hand; CJK characters count one each)
    expect(PAIRS.map((p) => [...p.question].length)).toEqual([29, 109, 29, 40, 142, 114]);
    expect(r.lengths.questions).toMatchObject({ count: 6, p50: 40, p90: 142, max: 142 });
    expect(r.lengths.questions.bins.slice(0, 4)).toEqual([
      { from: 0, to: 50, count: 3 },
      { from: 50, to: 100, count: 0 },
      { from: 100, to: 200, count: 3 },
      { from: 200, to: 400, count: 0 },
    ]);
    expect(r.failures).toEqual([
      { stage: 'answers', code: 'http_500', count: 1, example: 'endpoint answered 500 three times' },
      { stage: 'questions', code: 'json_parse', count: 2, example: 'no JSON object in the completion' },
    ]);
    expect(r.usage).toEqual({ calls: 12, promptTokens: 3000, completionTokens: 1500, costUsd: 0.25 });
    expect(r.usageByStage).toEqual([
      { kind: 'answer', calls: 1, promptTokens: 200, completionTokens: 300, costUsd: 0.05 },
      { kind: 'question', calls: 2, promptTokens: 220, completionTokens: 100, costUsd: 0.03 },
    ]);
  });

  it('item 6: the coverage report downloads as CSV that parses, one row per cell', async () => {
    const res = await t.http.get(`/api/synthesis/runs/${runId}/coverage?format=csv`).set(...curator.auth).buffer(true).parse((r, cb) => {
      let s = '';
      r.on('data', (c: Buffer) => (s += c.toString('utf8')));
      r.on('end', () => cb(null, s));
    }).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain(`coverage-${runId}.csv`);
    const rows: string[][] = parse(res.body.replace(/^\ufeff/, ''), { relax_column_count: true, skip_empty_lines: true });
    expect(rows[0]).toEqual(['level', 'field', 'discipline', 'subject', 'generated', 'excluded', 'ingested', 'rejected', 'itemsAccepted', 'itemsPending', 'itemsDuplicate']);
    expect(rows).toContainEqual(['subject', 'Humanities', 'Chinese history', '秦汉史', '3', '1', '2', '0', '0', '1', '1']);
    expect(rows).toContainEqual(['total', '', '', '', '6', '2', '3', '1', '0', '2', '1']);
    expect(rows).toContainEqual(['failures_questions_json_parse', '2']);
    expect(rows).toContainEqual(['cost_usd', '0.25']);
  });

  it('annotators may not ingest or read the reports', async () => {
    const [annotator] = await createPeople(t, 'annotator', 1);
    await t.http.post(`/api/synthesis/runs/${runId}/ingest`).set(...annotator.auth).send({}).expect(403);
    await t.http.get(`/api/synthesis/runs/${runId}/coverage`).set(...annotator.auth).expect(403);
  });
});
