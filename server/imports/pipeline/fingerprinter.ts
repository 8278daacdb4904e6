import { contentHash, dedupNormalize, NearDuplicateIndex } from '../dedup';
import type { ChatMessage } from '../import-types';

export interface DedupSettings {
  threshold: number;
  numPerm: number;
  ngram: number;
}

export interface Fingerprint {
  hash: Buffer;
  signature: Uint32Array;
  keys: Int32Array;
}

export const HASH_BYTES = 16;

/** Fingerprints of consecutive items, back to back: HASH_BYTES, signatureLength values and bands keys each. */
export interface FingerprintArrays {
  hashes: Uint8Array;
  signatures: Uint32Array;
  keys: Int32Array;
}

/** Views of slot i's fingerprint. */
export function fingerprintSlot(a: FingerprintArrays, i: number, signatureLength: number, bands: number): Fingerprint {
  return {
    hash: Buffer.from(a.hashes.buffer, a.hashes.byteOffset + i * HASH_BYTES, HASH_BYTES),
    signature: a.signatures.subarray(i * signatureLength, (i + 1) * signatureLength),
    keys: a.keys.subarray(i * bands, (i + 1) * bands),
  };
}

/** Fixed so signatures stay comparable across imports and processes. */
const MINHASH_SEED = 0x5eed;

/** The MinHash/LSH setup every fingerprint and every index of the corpus is made with. */
export function nearDuplicateIndex(settings: DedupSettings): NearDuplicateIndex {
  return new NearDuplicateIndex({ threshold: settings.threshold, numPerm: settings.numPerm, ngram: settings.ngram, seed: MINHASH_SEED });
}

/** Exact-duplicate hash, MinHash signature and LSH band keys of an item's messages. */
export class Fingerprinter {
  private readonly near: NearDuplicateIndex;

  constructor(settings: DedupSettings) {
    this.near = nearDuplicateIndex(settings);
  }

  get signatureLength(): number {
    return this.near.hasher.numPerm;
  }

  get bands(): number {
    return this.near.bands;
  }

  /** Writes the fingerprint of an item's messages into slot `i` of the arrays (no per-item allocation to outlive it). */
  write(messages: ChatMessage[], to: FingerprintArrays, i: number): void {
    const normalized = dedupNormalize(messages.map((m) => m.content).join('\n'));
    const length = this.signatureLength;
    const signature = this.near.signature(normalized, to.signatures.subarray(i * length, (i + 1) * length));
    this.near.keysOf(signature, to.keys.subarray(i * this.bands, (i + 1) * this.bands));
    to.hashes.set(contentHash(normalized), i * HASH_BYTES);
  }
}
