import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EvaluationValidationAverage1764015000000 } from '../../migrations/1764015000000-EvaluationValidationAverage';
import { buildGrowthCurves } from '../../server/analysis/growth/growth-curves';
import { EvaluationResultsRepository } from '../../server/evaluations/evaluation-results.repository';
import { abilityScores, type Verdict } from '../../server/evaluations/runner/ability-scores';
import { GrowthRepository } from '../../server/growth/growth.repository';
import { GrowthService } from '../../server/growth/growth.service';
import { seedGrowthGrid, type SeededRun } from '../utils/growth-runs';
import { createTestApp, type TestApp } from '../utils/test-app';

/**
 * issue 13 item 2 (the growth page's read, `npm run bench -- growth`): each evaluation stores its in-domain 0-shot
 * validation average when its scores are replaced, and the page picks each run's reported checkpoint from those
 * averages, then reads only the chosen evaluations. These tests prove on seeded runs — evaluations with the stored
 * average, evaluations stored before the column existed (NULL), and a run whose validation scores have no interval —
 * that the fast read gives exactly the curves that reading every epoch gives, ties included.
 */
describe('growth reader: reported checkpoints picked from the evaluations\' stored validation averages', () => {
  let t: TestApp;
  let db: DataSource;
  let repo: GrowthRepository;
  let results: EvaluationResultsRepository;
  const abilities = ['history', 'code', 'ethics', 'biology'];
  // tenths that add up differently in another order (0.1 + 0.2 + 0.7 …), rotated over abilities per epoch so that
  // epochs tie on their validation average; epoch 3 of odd-volume runs lifts `code`, so some runs pick epoch 3
  const tenths = [0.1, 0.2, 0.7, 0.3];
  const score = (ability: string, run: SeededRun, epoch: number) => {
    const k = (abilities.indexOf(ability) + epoch + run.volume) % tenths.length;
    return tenths[k] + (ability === 'code' && epoch === 3 && run.volume % 32 === 4 ? 0.5 : 0);
  };
  const items = 10; // stored as round(score × 10) / 10 of 10 items, as `real` → exact float8 of the float32

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    repo = t.app.get(GrowthRepository);
    results = new EvaluationResultsRepository(db);
  });
  afterAll(() => t.close());

  /** The validation average as the growth curves compute it from the stored scores: summed by ability, over their count. */
  async function averageFromScores(evaluationId: string): Promise<number> {
    const rows: { score: number }[] = await db.query(
      `SELECT score FROM ability_scores WHERE evaluation_id = $1 AND suite = 'in-domain' AND split = 'valid' AND shots = 0 ORDER BY suite, ability`,
      [evaluationId],
    );
    return rows.reduce((sum, r) => sum + r.score, 0) / rows.length;
  }

  const evaluationsOf = (ids: string[]): Promise<{ id: string; experimentId: string; epoch: number; average: number | null; groups: number | null }[]> =>
    db.query(
      `SELECT id, experiment_id AS "experimentId", epoch, validation_average AS average, validation_groups AS groups
         FROM evaluations WHERE experiment_id = ANY($1::uuid[]) ORDER BY experiment_id, epoch`,
      [ids],
    );

  it('picks the same checkpoints and gives the same curves as every epoch read, from stored averages, NULL rows and unsummarised runs alike', async () => {
    const runs: SeededRun[] = [
      ...[4, 16, 64, 36].map((volume) => ({ parameters: 1e8, source: 'curated' as const, volume, seed: 1 })),
      { parameters: 1e8, source: 'synthetic', volume: 16, seed: 1 },
      { parameters: 2e9, source: 'curated', volume: 4, seed: 2 },
    ];
    const grid = await seedGrowthGrid(db, { abilities, runs, score, items, epochs: [1, 2, 3, 4] });
    // a run whose scores were stored before intervals were: its validation means come from per-item results → read whole
    const old = await seedGrowthGrid(db, { abilities, runs: [{ parameters: 1e8, source: 'curated', volume: 256, seed: 1 }], score, items, epochs: [1, 2, 3, 4], summaries: false });
    const ids = [...grid.experimentIds, ...old.experimentIds];
    const evaluations = await evaluationsOf(ids);
    expect(evaluations.every((e) => e.groups === null)).toBe(true); // written straight with SQL: as rows from before the column

    // the first four runs' evaluations (and half of the fifth's) get their average as an evaluation landing stores it;
    // the rest stay as rows stored before the column existed
    const fifth = evaluations.filter((e) => e.experimentId === grid.experimentIds[4]);
    const stored = [
      ...evaluations.filter((e) => grid.experimentIds.slice(0, 4).includes(e.experimentId)),
      ...fifth.slice(0, 2),
      ...evaluations.filter((e) => e.experimentId === old.experimentIds[0]),
    ].map((e) => e.id);
    await results.storeValidationAverages(stored);
    // the runner's path: one evaluation's scores replaced from its verdicts (the 0.5 lift on code moves to ethics)
    const replaced = evaluations.find((e) => e.experimentId === grid.experimentIds[1] && e.epoch === 2)!;
    const verdicts: Verdict[] = abilities.flatMap((ability, k) =>
      (['valid', 'test'] as const).flatMap((split) =>
        Array.from({ length: items }, (_, i): Verdict => ({ suite: 'in-domain', ability, split, shots: 0, score: i < (k === 2 ? 9 : 3) ? 1 : 0, expected: 0.25 })),
      ),
    );
    await db.transaction((m) => results.replaceScores(replaced.id, abilityScores(verdicts), m));

    const after = await evaluationsOf(ids);
    for (const e of after) {
      if (e.experimentId === old.experimentIds[0]) {
        expect(e.groups, `unsummarised run, epoch ${e.epoch}: not known`).toBeNull();
        expect(e.average).toBeNull();
      } else if (stored.includes(e.id) || e.id === replaced.id) {
        expect(e.groups).toBe(abilities.length);
        // to the last bit: the pick from this column must equal the pick from the scores, ties included
        expect(e.average, `run ${e.experimentId} epoch ${e.epoch}`).toBe(await averageFromScores(e.id));
      } else {
        expect(e.groups).toBeNull();
      }
    }
    expect(after.find((e) => e.id === replaced.id)!.average).toBe((0.3 + 0.3 + 0.9 + 0.3) / 4);

    const rows = await t.app.get(GrowthService).rows({ experimentIds: ids });
    const reported = await repo.reportedRuns(rows);
    const everyEpoch = await repo.runs(rows);
    expect(buildGrowthCurves(reported.slice(0, runs.length))).toEqual(buildGrowthCurves(everyEpoch.slice(0, runs.length)));
    // only the reported checkpoint was read for each summarised run; the unsummarised one was read whole, as every
    // epoch read reads it (its curves then need its per-item results, which this seed does not store)
    expect(reported.slice(0, runs.length).map((r) => r.epochs.length)).toEqual(runs.map(() => 1));
    expect(reported[runs.length]).toEqual(everyEpoch[runs.length]);
    expect(reported[runs.length].epochs.map((e) => e.epoch)).toEqual([1, 2, 3, 4]);
    // the seeded ties and lifts give more than one reported epoch, so the pick was really tested
    const picked = reported.slice(0, runs.length).map((r) => r.epochs[0].epoch);
    expect(new Set(picked).size).toBeGreaterThan(1);
    expect(picked[1]).toBe(2); // the replaced evaluation's higher average

    // the same pick with no stored average at all (every row as before the column existed)
    await db.query(`UPDATE evaluations SET validation_average = NULL, validation_groups = NULL WHERE experiment_id = ANY($1::uuid[])`, [ids]);
    expect(await repo.reportedRuns(rows)).toEqual(reported);
  });

  it('the migration backfills each evaluation\'s average from its stored scores as storeValidationAverages does, and down() removes the columns', async () => {
    const grid = await seedGrowthGrid(db, { abilities, runs: [{ parameters: 3e8, source: 'curated', volume: 4, seed: 5 }], score, items, epochs: [1, 2, 3] });
    const old = await seedGrowthGrid(db, { abilities, runs: [{ parameters: 3e8, source: 'curated', volume: 16, seed: 5 }], score, items, epochs: [1, 2], summaries: false });
    const ids = [...grid.experimentIds, ...old.experimentIds];
    await results.storeValidationAverages((await evaluationsOf(ids)).map((e) => e.id));
    const expected = await evaluationsOf(ids);
    expect(expected.filter((e) => e.groups === abilities.length)).toHaveLength(3);

    const migration = new EvaluationValidationAverage1764015000000();
    const q = db.createQueryRunner();
    try {
      await migration.down(q);
      const columns: { column_name: string }[] = await db.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'evaluations' AND column_name LIKE 'validation_%'`);
      expect(columns).toEqual([]);
      await migration.up(q);
    } finally {
      await q.release();
    }
    expect(await evaluationsOf(ids)).toEqual(expected);
  });
});
