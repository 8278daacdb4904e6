/**
 * The growth-pace API (issue 13 items 2–7): curves, fits, probe measures, forecasts and guidance, as the server
 * answers them and the admin UI reads them (dependency-free: type-only imports). All routes take the selection as a
 * query string: `studyId=<id>` or `experimentIds=<uuid>,<uuid>…`, optional `minEpoch`.
 *
 * Routes (researcher, lead and admin may read; researcher and admin may write):
 * - GET  /api/growth                              → GrowthView
 * - GET  /api/growth/runs/:experimentId/epochs    → EpochScoresView (?suite=&split=&shots=)
 * - GET  /api/growth/export/:name.csv             → text/csv, name ∈ GROWTH_CSV_NAMES
 * - GET  /api/growth/charts/:name.(svg|png)       → the chart drawn by server/charts, name ∈ GROWTH_CHART_NAMES
 *                                                   (?locale=en|zh-CN&ability=&suite=&parameters=&source=&experimentId=)
 * - GET  /api/growth/compare                      → RecipeComparisonView (?studyId|experimentIds&baseline=&tolerance=)
 * - GET  /api/growth/probe?studyId=               → ProbeView (?lossWeight=&liftWeight=&transferWeight=&against=<studyId>)
 * - GET  /api/forecasts                           → ForecastView[] (?studyId=&experimentId=&ability=)
 * - GET  /api/forecasts/accuracy                  → ForecastAccuracyView[] (?studyId=)
 * - POST /api/guidance/quotas                     QuotaRequest → QuotaProposalView
 * - POST /api/guidance/quotas/apply               ApplyQuotasRequest → ApplyQuotasResult (a recipe revision, and an experiment when `start`)
 * - GET  /api/guidance/hours                      → HoursGuidanceView (?studyId=&hours=)
 * - GET  /api/reviews/pace                        → PaceQueueView (lead, admin)
 * - PUT  /api/reviews/pace                        PaceQueueRequest → PaceQueueView (lead, admin)
 * Live: `growth.updated` (GrowthUpdatedEvent) in the room `growth` when an evaluation of a run lands or a forecast is checked.
 */
import type { RecipeComparison } from '../analysis/compare/recipe-comparison';
import type { ProbeWeights, ProbeMeasure } from '../analysis/probe/probe-measures';
import type { ProbeScatters } from '../analysis/probe/probe-scatter';
import type { QuotaProposal } from '../analysis/guidance/quota-proposal';
import type { HoursGuidance } from '../analysis/guidance/annotation-hours';
import type { EpochScoreLine } from '../analysis/growth/run-epoch-scores';
import type { DataSource, GrowthCurves } from '../analysis/growth/growth-types';
import type { ExperimentStatus, ExperimentView } from '../experiments/experiment-views';

export type { DataSource, GrowthCurves, GrowthSeries, GrowthPoint, AbilitySensitivity, FitSummary, PointInterval } from '../analysis/growth/growth-types';

export const GROWTH_CHART_NAMES = ['growth-curve', 'score-by-epoch', 'complexity', 'transference'] as const;
export type GrowthChartName = (typeof GROWTH_CHART_NAMES)[number];
export const GROWTH_CSV_NAMES = ['points', 'sensitivities', 'forecasts', 'probe'] as const;
export type GrowthCsvName = (typeof GROWTH_CSV_NAMES)[number];

/** A run as the growth page lists it (hover, legend, table). */
export interface GrowthRunView {
  experimentId: string;
  name: string;
  baseModel: { id: number; name: string };
  /** the base model's parameter count: one line per model size */
  parameters: number;
  source: DataSource;
  seed: number;
  recipe: { id: number; name: string; revision: number } | null;
  status: ExperimentStatus;
  /** the run's train items per ability key, and their total */
  trainCounts: Record<string, number>;
  trainTotal: number;
  /** the reported checkpoint (highest validation average at epoch ≥ minEpoch), null while none is evaluated */
  reportedEpoch: number | null;
}

export interface GrowthView extends GrowthCurves {
  studyId: number | null;
  runs: GrowthRunView[];
  /** runs left out because their base model has no parameter count (they cannot be placed on a size line) */
  unsized: string[];
}

export type EpochScoresView = EpochScoreLine[];

export interface CorrelationView {
  r: number;
  p: number;
  n: number;
  slope: number;
  intercept: number;
}

export interface ProbeView {
  studyId: number;
  abilities: string[];
  minEpoch: number;
  weights: ProbeWeights;
  /** accuracy[j][i] = Acc(j, i) */
  accuracy: Record<string, Record<string, number>>;
  foundation: Record<string, number>;
  /** L_i: mean NLL (nats per token) of the gold answers of ability i's probe model on ability i's test items */
  loss: Record<string, number>;
  /** the epoch each probe run was read at */
  checkpoints: Record<string, number>;
  measures: ProbeMeasure[];
  scatters: ProbeScatters;
  /** Complexity ~ α_N and Transference ~ α_D; null when not estimable (fewer than 3 abilities, or a constant) */
  correlations: { complexityVsSize: CorrelationView | null; transferenceVsData: CorrelationView | null };
  /** what is still missing before the measures can be computed (runs not finished, no loss stored, …); measures are [] then */
  missing: string[];
  /** the runs the sensitivities were fitted on: the study named by `against`, or (null) every run but the probe study's own */
  against: { studyId: number | null; runs: number };
}

export interface ForecastView {
  id: number;
  experimentId: string;
  experimentName: string;
  ability: string;
  parameters: number;
  source: DataSource;
  /** the run's actual train count of the ability: the x the forecast is made at */
  volume: number;
  predicted: number;
  /** 95% prediction interval */
  lower: number;
  upper: number;
  /** points the fit that made it was based on */
  basedOn: number;
  createdAt: string;
  /** filled when the run's evaluation landed */
  measured: number | null;
  error: number | null;
  inside: boolean | null;
  checkedAt: string | null;
}

export interface ForecastAccuracyView {
  ability: string;
  forecasts: number;
  /** forecasts checked against a measured score */
  checked: number;
  meanAbsError: number | null;
  meanError: number | null;
  /** share of checked forecasts whose measured score fell inside the interval */
  coverage: number | null;
}

export interface QuotaRequest {
  studyId?: number;
  experimentIds?: string[];
  /** total training items to spread */
  budget: number;
  /** default 64 */
  floor?: number;
  plateauCap?: number;
  /** which size/source line's data fits to use; default the largest model size and curated */
  parameters?: number;
  source?: DataSource;
  /** the frozen version whose accepted train items bound each quota; default the study's version */
  versionId?: number;
  locale?: 'en' | 'zh-CN';
}

export interface QuotaProposalView extends QuotaProposal {
  parameters: number;
  source: DataSource;
  versionId: number;
  /** each reason rendered in the request's locale, parallel to `reasons` and to each quota's `reasons` */
  text: { summary: string[]; abilities: Record<string, string[]> };
}

export interface ApplyQuotasRequest extends QuotaRequest {
  /** the recipe to save the proposal as (a new revision when it exists) */
  recipe: string;
  /** start an experiment with it right away */
  start?: boolean;
  baseModelId?: number;
  seed?: number;
}

export interface ApplyQuotasResult {
  recipe: { id: number; name: string; revision: number };
  experiment: ExperimentView | null;
  proposal: QuotaProposalView;
}

export interface HoursGuidanceView extends HoursGuidance {
  studyId: number | null;
  /** per ability: median review seconds and pass rate the ranking used (from the agreement statistics) */
  inputs: { ability: string; medianReviewSeconds: number; passRate: number; current: number; awaitingReview: number }[];
  /** abilities left out of the ranking, each with why (no fit on the line, no decided review rounds yet) */
  unranked?: { ability: string; reason: string }[];
  text: { summary: string; abilities: Record<string, string[]> };
}

export interface PaceQueueView {
  enabled: boolean;
  studyId: number | null;
  hours: number;
  /** the weights POST /reviews/next (no ability given) prefers abilities by; they sum to 1 (or are all 0) */
  weights: { ability: string; weight: number; rank: number }[];
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface PaceQueueRequest {
  enabled: boolean;
  studyId?: number | null;
  hours?: number;
}

/** The socket.io room and event of live growth updates (researcher, lead and admin may join the room). */
export const GROWTH_ROOM = 'growth';
export const GROWTH_UPDATED = 'growth.updated';

/** `growth.updated` in the room `growth`: the curves of these experiments (and studies) changed; read them again. */
export interface GrowthUpdatedEvent {
  experimentIds: string[];
  studyIds: number[];
}

/**
 * Recipe × epoch × benchmark test scores against a baseline recipe, ↑/↓/= per cell (issue 13 item 8): the in-domain
 * average and each benchmark suite's average per shots, seeds of a recipe averaged. `baseline` is null when nothing is
 * evaluated yet.
 */
export interface RecipeComparisonView extends Omit<RecipeComparison, 'baseline'> {
  baseline: string | null;
  /** every recipe row label (a recipe, or "recipe · base model" when the runs span several base models) */
  recipes: string[];
  /** runs averaged per recipe */
  seeds: Record<string, number>;
}
