export type { ChanceCorrected, Coefficient, ContingencyTable, WeightedUnit } from './types';
export { bennettS, cohenKappa, percentAgreementTable, scottPi, tableMargins, type TableMargins } from './contingency';
export { percentAgreement, unitAgreement } from './percent-agreement';
export { fleissKappa, type FleissKappa } from './fleiss-kappa';
export { gwetAc1, gwetAc1Table } from './gwet-ac1';
export {
  coincidenceMatrix,
  krippendorffAlpha,
  krippendorffAlphaFromRatings,
  type AlphaOptions,
  type KrippendorffAlpha,
  type MeasurementLevel,
} from './krippendorff-alpha';
export { compressUnits, sortCategories, unitsFromRatings, unitsFromTable, type Category, type RatingMatrix } from './units';
export { pairwiseCohenKappa, type PairwiseKappa, type PairwiseRating, type RaterPairKappa } from './pairwise-kappa';
export { bootstrapCi, percentileInterval, type BootstrapInterval, type BootstrapOptions } from './bootstrap';
export { xoshiro128ss, xoshiro128ssWords, type Random } from './random';
export { binomial, multinomial } from './sampling';
