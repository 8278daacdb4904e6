import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePairsFile } from '../../server/synthesis/ingest/pairs-file';
import { IngestRepository } from '../../server/synthesis/ingest/ingest.repository';
import { seedGenerationRun, seedPairs } from '../factories/synthesis';
import { createPeople, type Person } from '../utils/people';
import { exitOf, spawnTs } from '../utils/spawn-ts';
import { createTestApp, type TestApp } from '../utils/test-app';
import { until } from '../utils/until';

const PAIRS = [
  { question: '牛顿第三定律在火箭发射中如何体现？', answer: '火箭向下喷出燃气，燃气对火箭施加大小相等、方向相反的推力。', tags: { field: 'Natural Sciences', subField: 'Physics', discipline: 'Mechanics', abilityKey: 'logical_reasoning' } },
  { question: 'Why does ice float on liquid water?', answer: 'Hydrogen bonds hold ice in an open lattice, so it is less dense than liquid water.', tags: { field: 'Natural Sciences', subField: 'Chemistry', discipline: 'Physical chemistry', abilityKey: 'biology' } },
];
const MORE = [
  { question: '光的折射现象是如何产生的？', answer: '光从一种介质斜射入另一种介质时，传播速度改变，传播方向随之偏折。', tags: { field: 'Natural Sciences', subField: 'Physics', discipline: 'Optics', abilityKey: 'logical_reasoning' } },
];

describe('synthesis ingestion resumes (issue 15 item 4) and runs from the CLI with a progress bar', () => {
  let t: TestApp;
  let curator: Person;

  beforeAll(async () => {
    t = await createTestApp();
    [curator] = await createPeople(t, 'lead', 1);
  }, 120_000);
  afterAll(() => t?.close());

  it('a cancelled ingestion import is resumed, not repeated, when the run is ingested again', async () => {
    const runId = await seedGenerationRun(t.db, { name: 'resumed', reviewMode: 'single', createdBy: curator.id });
    await seedPairs(t.db, runId, PAIRS);
    // as a cancel (POST …/ingest/cancel) leaves it: the run's source made, its pairs file written, its import stopped
    const [{ id: sourceId }] = await t.db.query(`INSERT INTO sources (name, kind) VALUES ('GLAN resumed', 'synthetic') RETURNING id`);
    await t.db.query('UPDATE synthesis_runs SET source_id = $2 WHERE id = $1', [runId, sourceId]);
    const file = join(t.dataDir, 'synthesis', runId, 'pairs-1.jsonl');
    await writePairsFile(file, runId, await t.app.get(IngestRepository).generatedPairs(runId));
    const [imp] = await t.db.query(
      `INSERT INTO imports (source_id, adapter, format, file_path, original_name, total_size, status, review_mode, options)
       VALUES ($1, 'glan', 'jsonl', $2, $2, 1, 'cancelled', 'single', jsonb_build_object('synthesisRunId', $3::text)) RETURNING id`,
      [sourceId, file, runId],
    );
    const conflict = await t.http.post(`/api/synthesis/runs/${runId}/ingest/cancel`).set(...curator.auth);
    expect(conflict.status).toBe(409);

    await t.http.post(`/api/synthesis/runs/${runId}/ingest`).set(...curator.auth).send({}).expect(202);
    await until('resumed', async () => (await t.db.query('SELECT stage FROM synthesis_runs WHERE id = $1', [runId]))[0].stage === 'done', 60_000);
    expect(await t.db.query(`SELECT id, status FROM imports WHERE options->>'synthesisRunId' = $1`, [runId])).toEqual([{ id: imp.id, status: 'completed' }]);
    const items = await t.db.query(
      `SELECT i.status, i.review_mode, a.key FROM synthesis_pairs p JOIN items i ON i.id = p.item_id JOIN abilities a ON a.id = i.ability_id WHERE p.run_id = $1 ORDER BY p.id`,
      [runId],
    );
    expect(items).toEqual([
      { status: 'pending_review', review_mode: 'single', key: 'logical_reasoning' },
      { status: 'pending_review', review_mode: 'single', key: 'biology' },
    ]);
  });

  it('npm run cli -- synthesis-ingest RUN ingests under a progress bar and says what became of the pairs', async () => {
    const runId = await seedGenerationRun(t.db, { name: 'from the cli', reviewMode: 'none' });
    await seedPairs(t.db, runId, MORE);
    const child = spawnTs('server/cli/main.ts', ['synthesis-ingest', runId], { DATABASE_URL: process.env.DATABASE_URL!, PACE_DATA_DIR: t.dataDir });
    const code = await exitOf(child);
    expect(code, child.output()).toBe(0);
    expect(child.output()).toContain(`Ingesting run ${runId} ("from the cli", review mode none)`);
    expect(child.output()).toMatch(/100% \| 1\/1 pairs \| 1 ingested, 0 excluded, 0 refused/);
    expect(child.output()).toContain('done: 1 ingested, 0 excluded, 0 refused of 1 pairs');
    const [item] = await t.db.query(`SELECT i.status FROM synthesis_pairs p JOIN items i ON i.id = p.item_id WHERE p.run_id = $1`, [runId]);
    expect(item.status).toBe('accepted');
  }, 120_000);
});
