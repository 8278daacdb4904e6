import { bandKeys, estimateJaccard } from './band-keys.util';
import { LshIndex } from './lsh-index';
import { lshParams, type LshParamsOptions } from './lsh-params.util';
import { MINHASH_VERSION, MinHasher, type MinHasherOptions } from './min-hasher';
import { SignatureStore } from './signature-store';

export interface NearDuplicateIndexOptions extends MinHasherOptions {
  /** Estimated Jaccard at or above which two texts are near duplicates, e.g. 0.8. */
  threshold: number;
  /** Fix the banding instead of deriving it from the threshold (both or neither). */
  bands?: number;
  rows?: number;
  /** Passed to lshParams when bands/rows are not given. */
  lsh?: LshParamsOptions;
  /** Expected number of items, to size the tables up front. */
  initialCapacity?: number;
  /** Keep every added signature in memory (needs dense ordinals ≥ 0; numPerm × 4 bytes each). */
  keepSignatures?: boolean;
}

export interface NearDuplicateMatch {
  ordinal: number;
  /** Estimated Jaccard similarity, ≥ the threshold. */
  similarity: number;
}

export type SignatureLookup = (ordinal: number) => Uint32Array | undefined;

/**
 * MinHash + LSH near-duplicate index over caller-chosen int32 ordinals. Signatures are not kept
 * unless `keepSignatures` is set; otherwise the caller supplies them to findBest (from the DB or
 * its own cache). For batching: collect candidatesFor over a batch, fetch those signatures in one
 * query, then call pickBest (or findBest) per item.
 */
export class NearDuplicateIndex {
  readonly threshold: number;
  readonly bands: number;
  readonly rows: number;
  readonly hasher: MinHasher;
  private readonly lsh: LshIndex;
  private readonly store: SignatureStore | null;

  constructor(opts: NearDuplicateIndexOptions) {
    if (!(opts.threshold > 0 && opts.threshold <= 1)) throw new RangeError(`threshold must be in (0, 1]`);
    this.threshold = opts.threshold;
    this.hasher = new MinHasher(opts);
    if ((opts.bands === undefined) !== (opts.rows === undefined)) throw new RangeError('give both bands and rows');
    const banding =
      opts.bands !== undefined && opts.rows !== undefined
        ? { bands: opts.bands, rows: opts.rows }
        : lshParams(Math.min(opts.threshold, 0.99), this.hasher.numPerm, opts.lsh);
    if (banding.bands * banding.rows > this.hasher.numPerm) throw new RangeError('bands × rows exceeds numPerm');
    this.bands = banding.bands;
    this.rows = banding.rows;
    this.lsh = new LshIndex(this.bands, opts.initialCapacity);
    this.store = opts.keepSignatures ? new SignatureStore(this.hasher.numPerm, opts.initialCapacity) : null;
  }

  /** Identifies everything persisted keys and signatures depend on; store it and compare on startup. */
  get paramsId(): string {
    const { numPerm, ngram, seed } = this.hasher;
    return `minhash-v${MINHASH_VERSION}:perm${numPerm}:ngram${ngram}:seed${seed}:lsh${this.bands}x${this.rows}`;
  }

  get size(): number {
    return this.lsh.size;
  }

  signature(normalized: string, out?: Uint32Array): Uint32Array {
    return this.hasher.signature(normalized, out);
  }

  keysOf(sig: Uint32Array, out?: Int32Array): Int32Array {
    return bandKeys(sig, this.bands, this.rows, out);
  }

  /** Indexes an item; `sig` is required when signatures are kept, ignored otherwise. */
  add(ordinal: number, keys: Int32Array, sig?: Uint32Array): void {
    if (this.store && !sig) throw new Error('keepSignatures is on: add() needs the signature');
    this.lsh.add(ordinal, keys);
    if (this.store && sig) this.store.set(ordinal, sig);
  }

  /** Ordinals sharing at least one band, most shared bands first; not yet verified. */
  candidatesFor(keys: Int32Array, limit?: number): number[] {
    return this.lsh.candidates(keys, limit);
  }

  /** The most similar candidate with estimated Jaccard ≥ threshold, or null. */
  findBest(sig: Uint32Array, keys: Int32Array, getSignature?: SignatureLookup): NearDuplicateMatch | null {
    const store = this.store;
    const lookup = getSignature ?? (store ? (ordinal: number) => store.get(ordinal) : null);
    if (!lookup) throw new Error('findBest needs getSignature unless keepSignatures is on');
    return pickBest(sig, this.lsh.candidates(keys), lookup, this.threshold);
  }

  memoryBytes(): number {
    return this.lsh.memoryBytes() + (this.store?.memoryBytes() ?? 0);
  }
}

/** Verifies candidates against their signatures; ones the lookup cannot supply are skipped. */
export function pickBest(
  sig: Uint32Array,
  candidates: Iterable<number>,
  getSignature: SignatureLookup,
  threshold: number,
): NearDuplicateMatch | null {
  let best: NearDuplicateMatch | null = null;
  for (const ordinal of candidates) {
    const other = getSignature(ordinal);
    if (!other) continue;
    const similarity = estimateJaccard(sig, other);
    if (similarity >= threshold && (!best || similarity > best.similarity)) {
      best = { ordinal, similarity };
      if (similarity === 1) break;
    }
  }
  return best;
}
