/**
 * The growth-curve data of issue 13 item 2, as the analysis computes it and as the charts, the CSV export and the
 * admin UI read it (dependency-free: type-only imports). One point per run and curve: the run's score at its
 * reported checkpoint (DoIT's rule: highest validation average at epoch ≥ minEpoch, read on test), with a 95%
 * interval from the stored per-item results. Nothing is smoothed.
 */
import type { AbilityClass } from '../stats/sensitivity';

/** Where a run's training data came from: curated (drawn solid) or synthetic (dashed). */
export type DataSource = 'curated' | 'synthetic';

/** Which curve family: an in-domain ability, a benchmark suite's subset, or an average over a family. */
export type CurveKind = 'ability' | 'benchmark' | 'average';

/** One run (experiment) as the growth analysis reads it. */
export interface GrowthRun {
  experimentId: string;
  name: string;
  /** The base model's parameter count: one line per model size. */
  parameters: number;
  baseModel: string;
  source: DataSource;
  seed: number;
  /** The run's own best-checkpoint threshold (its `bestFromEpoch` hyper-parameter); GrowthOptions.minEpoch overrides it. */
  minEpoch?: number;
  /** Training items per ability key (the run's actual train set), and their total: the x of its points. */
  trainCounts: Record<string, number>;
  trainTotal: number;
  /** Its evaluated checkpoints, each with its per-item scores. */
  epochs: GrowthEpoch[];
}

export interface GrowthEpoch {
  epoch: number;
  evaluationId: string;
  /** Per-item results grouped by curve: one group per (suite, ability, split, shots). */
  groups: ScoreGroup[];
}

export interface ScoreGroup {
  /** `in-domain` or a benchmark suite (`cmmlu`, `agieval`, …). */
  suite: string;
  /** The ability key (in-domain) or the benchmark subset. */
  ability: string;
  split: 'valid' | 'test';
  shots: number;
  /** Each scored item's score in [0, 1] (0/1 for exact match and perplexity ranking); may be empty when `summary` is given. */
  scores: number[];
  /** The mean random-guess (expected) score of these items. */
  expected: number;
  /**
   * The group's mean, item count and point interval, stored when its evaluation landed (growth-curves'
   * `summariseGroup(scores)`: per-item results never change, so neither do these). When present the curves read it
   * instead of recomputing from `scores` — a study page then needs no bootstrap — and `scores` need not be loaded.
   */
  summary?: GroupSummary;
}

/** What `summariseGroup` computes from a group's per-item scores. */
export interface GroupSummary {
  mean: number;
  n: number;
  interval: PointInterval;
}

/** A point's 95% interval and how it was computed. */
export interface PointInterval {
  lower: number;
  upper: number;
  /** Wilson for 0/1 per-item scores, a seeded percentile bootstrap over items otherwise. */
  method: 'wilson' | 'bootstrap';
  /** ((upper − lower)/2z)²: the variance a fit weights the point by. */
  variance: number;
}

export interface GrowthPoint {
  experimentId: string;
  runName: string;
  seed: number;
  /** Training volume on this curve's axis: the run's items of this ability (ability curves) or its total (others). */
  volume: number;
  /** The reported checkpoint's epoch and score (test split). */
  epoch: number;
  score: number;
  /** Items scored for this point. */
  n: number;
  interval: PointInterval;
}

/** One line: a curve for one model size and data source (and shots, for benchmarks). */
export interface GrowthSeries {
  /** Stable id, e.g. `ability:code|7000000000|curated|0`. */
  key: string;
  kind: CurveKind;
  /** `in-domain` for abilities and their average; the suite for benchmarks and their averages. */
  suite: string;
  /** The ability key, the benchmark subset, or `average`. */
  ability: string;
  parameters: number;
  source: DataSource;
  shots: number;
  /** Sorted by volume, then seed. */
  points: GrowthPoint[];
  /** The random-guess score of the curve's test items (drawn as a flat line). */
  expected: number;
}

/** A fit of ACC = α·ln(X) + b, as the API reports it (see server/analysis/stats/log-linear-fit.ts for the method). */
export interface FitSummary {
  alpha: number;
  b: number;
  seAlpha: number;
  /** 95% interval of α. */
  alphaLower: number;
  alphaUpper: number;
  r2: number | null;
  n: number;
  /** α·ln 4: the gain per ×4 step of X. */
  gainPerX4: number;
  weighting: 'ordinary' | 'inverse-variance';
}

/** One ability's scaling sensitivity (issue 13 item 3). */
export interface AbilitySensitivity {
  ability: string;
  /** α_D per series (model size × source) over data volume; null where not estimable (fewer than 3 points). */
  dataFits: { parameters: number; source: DataSource; fit: FitSummary | null; lastThree: FitSummary | null }[];
  /** α_N over model size, each size's score averaged over data volumes; null when the runs have fewer than 3 sizes. */
  sizeFit: FitSummary | null;
  class: AbilityClass;
  /** The rule that decided, in words. */
  reason: string;
  /** α_D and α_N normalised to (0, 1) across abilities (min–max); null where the fit is absent. */
  normalisedData: number | null;
  normalisedSize: number | null;
}

/** What GET …/growth answers: the curves and the fits, for a study or any set of experiments. */
export interface GrowthCurves {
  experimentIds: string[];
  /** The best-checkpoint rule's minimum epoch used: the one given, or the runs' own when they share one (else 5 stands for "each run's own"). */
  minEpoch: number;
  series: GrowthSeries[];
  sensitivities: AbilitySensitivity[];
  /** Runs with no evaluated checkpoint at or after minEpoch yet, by id: not drawn. */
  pending: string[];
}
