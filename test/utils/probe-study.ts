import type { DataSource } from 'typeorm';
import { StudyRuns } from '../../server/growth/growth-selection';
import { seedGrowthGrid, type SeededGrid } from './growth-runs';

/** A study as the studies domain would hold it, for tests of the growth routes before (or without) that domain. */
export interface FakeStudy {
  name: string;
  experimentIds: string[];
  probes: Map<string, string>;
  foundation: { baseModelId: number; evaluationId: string }[];
}

/** StudyRuns over studies a test registers in memory (provided to the app with createTestApp's `providers`). */
export class FakeStudyRuns extends StudyRuns {
  private readonly studies = new Map<number, FakeStudy>();
  private next = 1;

  add(study: Partial<FakeStudy> & { experimentIds: string[] }): number {
    const id = this.next++;
    this.studies.set(id, { name: `study ${id}`, probes: new Map(), foundation: [], ...study });
    return id;
  }

  async experimentIds(studyId: number) {
    return this.studies.get(studyId)?.experimentIds ?? null;
  }
  async probeAbilities(studyId: number) {
    return this.studies.get(studyId)?.probes ?? new Map<string, string>();
  }
  async foundationEvaluations(studyId: number) {
    return this.studies.get(studyId)?.foundation ?? [];
  }
  async name(studyId: number) {
    return this.studies.get(studyId)?.name ?? null;
  }
  async studyIdsOf(experimentIds: string[]) {
    return [...this.studies.entries()].filter(([, s]) => s.experimentIds.some((id) => experimentIds.includes(id))).map(([id]) => id);
  }
}

export interface ProbeStudyOptions {
  abilities: string[];
  parameters: number;
  /** Acc(j, i) of the run trained on j at its best epoch (2) on i's test items; validation is read the same way */
  accuracy: Record<string, Record<string, number>>;
  /** Acc(f, i) */
  foundation: Record<string, number>;
  /** L_j at the best epoch; null: not stored */
  loss: Record<string, number | null>;
  /** runs still training, by trained ability */
  running?: string[];
  items?: number;
}

/**
 * A probe study in the database: one run per ability trained on 64 of its items alone, evaluated at epochs 1–3 with
 * epoch 2 best on its own validation items (the others 0.1 lower, with a loss of 9), and an evaluation of the
 * untuned base model (checkpoint NULL, epoch 0) on the first run; registered in `studies`.
 */
export async function seedProbeStudy(db: DataSource, studies: FakeStudyRuns, o: ProbeStudyOptions): Promise<{ studyId: number; grid: SeededGrid; foundationEvaluationId: string }> {
  const items = o.items ?? 100;
  const grid = await seedGrowthGrid(db, {
    abilities: o.abilities,
    runs: o.abilities.map((probe) => ({ parameters: o.parameters, source: 'curated', volume: 64, seed: 1, probe, status: o.running?.includes(probe) ? 'running' : 'completed' })),
    score: (i, run, epoch) => o.accuracy[run.probe as string][i] - (epoch === 2 ? 0 : 0.1),
    loss: (i, run, epoch, split) => (split === 'test' && i === run.probe ? (epoch === 2 ? o.loss[i] : 9) : null),
    items,
  });
  const [first] = grid.experimentIds;
  const baseModelId = grid.baseModelIds[o.parameters];
  const [e] = await db.query(
    `INSERT INTO evaluations (experiment_id, checkpoint_id, base_model_id, epoch, backend, suites, status, finished_at)
     VALUES ($1, NULL, $2, 0, 'torch', '{in-domain}', 'completed', now()) RETURNING id`,
    [first, baseModelId],
  );
  await db.query(
    `INSERT INTO ability_scores (evaluation_id, suite, ability, split, shots, items, score, expected)
     SELECT $1, 'in-domain', a.key, 'test', 0, $3, a.score::float8, 0.25 FROM jsonb_each_text($2::jsonb) AS a(key, score)`,
    [e.id, JSON.stringify(o.foundation), items],
  );
  const probes = new Map(grid.experimentIds.map((id, k) => [id, o.abilities[k]]));
  const studyId = studies.add({ name: '探针研究', experimentIds: grid.experimentIds, probes, foundation: [{ baseModelId, evaluationId: e.id }] });
  return { studyId, grid, foundationEvaluationId: e.id };
}
