import { BadRequestException, Injectable, NotFoundException, Optional } from '@nestjs/common';
import { buildGrowthCurves, GrowthInputError } from '../analysis/growth/growth-curves';
import type { GrowthRun } from '../analysis/growth/growth-types';
import { runEpochScores, type EpochScoreSelection } from '../analysis/growth/run-epoch-scores';
import { GrowthRepository, runView, type GrowthRunRow } from './growth.repository';
import { StudyRuns, TrainCounts, type GrowthSelection } from './growth-selection';
import type { EpochScoresView, GrowthView } from './growth-views';

/** DoIT's best-checkpoint rule starts at epoch 5 unless the runs' hyper-parameters say otherwise. */
export const DEFAULT_MIN_EPOCH = 5;

/** The growth curves and scaling fits of a study or any set of runs (issue 13 items 2–3), read from the database. */
@Injectable()
export class GrowthService {
  constructor(
    private readonly repo: GrowthRepository,
    @Optional() private readonly studies?: StudyRuns,
    @Optional() private readonly trainCounts?: TrainCounts,
  ) {}

  /** The runs a selection names, in creation order; a study that does not exist is a 404, an empty selection a 400. */
  async selectedIds(sel: GrowthSelection): Promise<string[]> {
    if (sel.studyId !== undefined) {
      if (!this.studies) throw new NotFoundException(`studyId: studies are not available here`);
      const ids = await this.studies.experimentIds(sel.studyId);
      if (ids === null) throw new NotFoundException(`studyId: no study ${sel.studyId}`);
      return ids;
    }
    if (sel.experimentIds !== undefined) return sel.experimentIds;
    if (sel.parameters !== undefined || sel.source !== undefined) return this.repo.idsOnLine(sel.parameters, sel.source);
    throw new BadRequestException({ message: 'give studyId, experimentIds, or parameters/source', errors: [{ field: 'studyId', message: 'required' }] });
  }

  /** The rows of the selected runs, with their train counts filled where they were never stored. */
  async rows(sel: GrowthSelection): Promise<GrowthRunRow[]> {
    const ids = await this.selectedIds(sel);
    let rows = await this.repo.runRows(ids);
    const missing = new Set(ids.filter((id) => !rows.some((r) => r.id === id)));
    if (missing.size > 0) throw new NotFoundException(`experimentIds: no experiment ${[...missing].join(', ')}`);
    const unfilled = rows.filter((r) => r.trainCounts === null).map((r) => r.id);
    if (unfilled.length > 0 && this.trainCounts) {
      await this.trainCounts.fill(unfilled);
      rows = await this.repo.runRows(ids);
    }
    return rows;
  }

  async curves(sel: GrowthSelection): Promise<GrowthView> {
    const rows = await this.rows(sel);
    const sized = rows.filter((r) => r.parameters !== null);
    // each run is read by its own bestFromEpoch unless the request names one for all; only its reported checkpoint is read
    const runs = await this.repo.reportedRuns(sized, sel.minEpoch);
    let curves;
    try {
      curves = buildGrowthCurves(runs, sel.minEpoch === undefined ? {} : { minEpoch: sel.minEpoch });
    } catch (e) {
      if (e instanceof GrowthInputError) throw new BadRequestException({ message: e.message, errors: e.problems.map((message) => ({ field: 'runs', message })) });
      throw e;
    }
    const reported = reportedEpochs(curves.series);
    const byId = new Map(runs.map((r) => [r.experimentId, r]));
    return {
      ...curves,
      studyId: sel.studyId ?? null,
      runs: sized.map((r) => runView(r, byId.get(r.id) as GrowthRun, reported.get(r.id) ?? null)),
      unsized: rows.filter((r) => r.parameters === null).map((r) => r.id),
    };
  }

  /** One run's score at every evaluated checkpoint (the growth page's second view). */
  async epochScores(experimentId: string, selection: EpochScoreSelection = {}): Promise<EpochScoresView> {
    // the run's size plays no part here: a run whose base model has no parameter count has scores by epoch too
    const [run] = await this.repo.runs(await this.rows({ experimentIds: [experimentId] }));
    return runEpochScores(run, selection);
  }
}

function reportedEpochs(series: GrowthView['series']): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of series) for (const p of s.points) if (!out.has(p.experimentId)) out.set(p.experimentId, p.epoch);
  return out;
}
