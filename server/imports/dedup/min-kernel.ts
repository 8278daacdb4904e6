/**
 * The hot loop of MinHash: for every permutation i, the minimum over all shingle hashes h of
 * (a_i · h + b_i) mod 2^32, compared as unsigned. Two implementations produce identical values:
 * WebAssembly SIMD (≈4× faster) and plain JS (fallback where WebAssembly SIMD is unavailable).
 */
export interface MinKernel {
  readonly kind: 'wasm-simd' | 'js';
  /** Scratch array for the shingle hashes, at least `capacity` long; valid until the next call. */
  shingleBuffer(capacity: number): Int32Array;
  /** Writes the minima over the first `count` entries of the shingle buffer into `out` (length numPerm). */
  minima(count: number, out: Uint32Array): void;
}

/** Odd multipliers `a` and offsets `b`, one pair per permutation. */
export interface PermutationCoefficients {
  a: Int32Array;
  b: Int32Array;
}
