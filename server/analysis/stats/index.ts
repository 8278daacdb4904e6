/**
 * The numeric core of growth-pace analysis (issue 13): distributions, point intervals, log-linear
 * fits with prediction intervals, sensitivity classes, correlation and forecast checks. Pure
 * functions: no database, no Nest. Seeded resampling comes from the agreement statistics.
 */
export {
  incompleteBeta,
  logGamma,
  normalCdf,
  normalPdf,
  normalQuantile,
  studentTCdf,
  studentTPdf,
  studentTQuantile,
  studentTSurvival,
} from './distributions';
export {
  fitLogLinear,
  type CurvePoint,
  type FitOptions,
  type Interval,
  type LogLinearFit,
  type NotEstimable,
  type Prediction,
} from './log-linear-fit';
export {
  bootstrapMeanInterval,
  DEFAULT_SCORE_SEED,
  scoreInterval,
  wilsonInterval,
  type MeanBootstrapOptions,
  type ScoreBounds,
  type ScoreInterval,
} from './score-interval';
export {
  classifyAbility,
  DEFAULT_SIGNIFICANCE_LEVEL,
  intervalIncludesZero,
  normaliseSensitivities,
  pointsAtLastVolumes,
  testSlopePositive,
  ABILITY_CLASSES,
  type AbilityClass,
  type AbilityFits,
  type Classification,
  type SlopeFit,
  type SlopeTest,
} from './sensitivity';
export { pearsonCorrelation, type CorrelationNotEstimable, type PearsonCorrelation } from './correlation';
export {
  checkForecast,
  forecastAccuracy,
  type ForecastAccuracy,
  type ForecastOutcome,
  type ForecastPrediction,
  type ForecastRecord,
} from './forecast-check';
