import { splitmix32 } from './hash32.util';
import type { MinKernel, PermutationCoefficients } from './min-kernel';
import { JsMinKernel } from './min-kernel-js';
import { WasmMinKernel } from './min-kernel-wasm';
import { hashShingles } from './shingle-hash.util';

export interface MinHasherOptions {
  /** Signature length; default 64. */
  numPerm?: number;
  /** Character n-gram size; default 5. */
  ngram?: number;
  /** Seeds the permutations; default 1. Signatures are only comparable under the same seed. */
  seed?: number;
  /** 'js' forces the portable kernel (same output, slower); default 'auto'. */
  kernel?: 'auto' | 'js';
}

export const MINHASH_DEFAULTS = { numPerm: 64, ngram: 5, seed: 1 } as const;

/** Bump when the shingle hash or the permutation family changes: persisted signatures become stale. */
export const MINHASH_VERSION = 1;

/**
 * MinHash over character n-grams. Value i of a signature is the minimum over the text's shingle
 * hashes h of (a_i·h + b_i) mod 2^32 (unsigned), with odd a_i and b_i drawn from splitmix32(seed).
 * Deterministic across runs, processes and kernels, so signatures may be persisted.
 */
export class MinHasher {
  readonly numPerm: number;
  readonly ngram: number;
  readonly seed: number;
  private readonly kernel: MinKernel;

  constructor(opts: MinHasherOptions = {}) {
    this.numPerm = opts.numPerm ?? MINHASH_DEFAULTS.numPerm;
    this.ngram = opts.ngram ?? MINHASH_DEFAULTS.ngram;
    this.seed = opts.seed ?? MINHASH_DEFAULTS.seed;
    if (!Number.isInteger(this.numPerm) || this.numPerm < 1 || this.numPerm > 4096) {
      throw new RangeError(`numPerm must be an integer in 1..4096, got ${this.numPerm}`);
    }
    if (!Number.isInteger(this.ngram) || this.ngram < 1 || this.ngram > 64) {
      throw new RangeError(`ngram must be an integer in 1..64, got ${this.ngram}`);
    }
    if (!Number.isInteger(this.seed) || this.seed < -(2 ** 31) || this.seed >= 2 ** 32) {
      throw new RangeError(`seed must be a 32-bit integer, got ${this.seed}`);
    }
    const coefficients = permutationCoefficients(this.numPerm, this.seed);
    this.kernel = (opts.kernel !== 'js' && WasmMinKernel.create(coefficients)) || new JsMinKernel(coefficients);
  }

  /** Which implementation runs the hot loop ('wasm-simd' or 'js'). */
  get kernelKind(): MinKernel['kind'] {
    return this.kernel.kind;
  }

  /** Signature of an already normalized text (see dedupNormalize), written into `out` when given. */
  signature(normalized: string, out: Uint32Array = new Uint32Array(this.numPerm)): Uint32Array {
    if (out.length !== this.numPerm) throw new RangeError(`signature needs ${this.numPerm} values, got room for ${out.length}`);
    const hashes = this.kernel.shingleBuffer(Math.max(1, normalized.length));
    const count = hashShingles(normalized, this.ngram, hashes);
    this.kernel.minima(count, out);
    return out;
  }
}

function permutationCoefficients(numPerm: number, seed: number): PermutationCoefficients {
  const next = splitmix32(seed);
  const a = new Int32Array(numPerm);
  const b = new Int32Array(numPerm);
  for (let i = 0; i < numPerm; i++) {
    a[i] = next() | 1;
    b[i] = next();
  }
  return { a, b };
}
