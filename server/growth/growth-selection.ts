import type { DataSource } from '../analysis/growth/growth-types';

/** Which runs a growth request reads: a study's, an explicit set, or every run on one size and source line. */
export interface GrowthSelection {
  studyId?: number;
  experimentIds?: string[];
  /** every run whose base model has this parameter count (with `source`: and this data source) */
  parameters?: number;
  source?: DataSource;
  /** the best-checkpoint rule's minimum epoch; default the runs' common `bestFromEpoch`, else 5 */
  minEpoch?: number;
}

/**
 * How the growth analysis learns a study's runs, without importing the studies domain (which imports experiments):
 * the studies module provides it. `probeAbilities` maps each probe run to the ability it was trained on alone, and
 * `foundationEvaluations` are the study's evaluations of untuned base models.
 */
export abstract class StudyRuns {
  abstract experimentIds(studyId: number): Promise<string[] | null>;
  abstract probeAbilities(studyId: number): Promise<Map<string, string>>;
  abstract foundationEvaluations(studyId: number): Promise<{ baseModelId: number; evaluationId: string }[]>;
  /** The study's name, for the file names of its charts and CSV files (optional: without it files are named by id). */
  name?(studyId: number): Promise<string | null>;
  /** The studies these runs belong to, for `growth.updated` (optional: without it the event names no study). */
  studyIdsOf?(experimentIds: string[]): Promise<number[]>;
}

/** Fills `experiments.train_counts` for runs registered before it was stored (the experiments domain provides it). */
export abstract class TrainCounts {
  abstract fill(experimentIds: string[]): Promise<void>;
}

/**
 * The forecasts as CSV (GET /api/growth/export/forecasts.csv), from the forecasts domain, which imports growth: it
 * binds this token to ForecastsService, and the growth export looks it up when asked (none bound: a 404).
 */
export abstract class ForecastsCsv {
  abstract csv(sel: { studyId?: number; experimentIds?: string[] }): Promise<string>;
}
