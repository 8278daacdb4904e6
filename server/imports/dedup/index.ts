export { dedupNormalize, contentHash } from './dedup-normalize.util';
export { MinHasher, MINHASH_DEFAULTS, MINHASH_VERSION, type MinHasherOptions } from './min-hasher';
export { lshParams, candidateProbability, type LshParams, type LshParamsOptions } from './lsh-params.util';
export { bandKeys, estimateJaccard } from './band-keys.util';
export { LshIndex } from './lsh-index';
export {
  NearDuplicateIndex,
  pickBest,
  type NearDuplicateIndexOptions,
  type NearDuplicateMatch,
  type SignatureLookup,
} from './near-duplicate-index';
export { signatureToBuffer, signatureFromBuffer, keysToArray, keysFromArray } from './signature-codec.util';
export { itemSimilarity, withoutContext, type ItemSignatures } from './item-similarity';
