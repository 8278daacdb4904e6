import { contentHash, dedupNormalize, NearDuplicateIndex, withoutContext, type ItemSignatures } from '../dedup';
import type { StandardizedItem } from '../import-types';

export interface DedupSettings {
  threshold: number;
  numPerm: number;
  ngram: number;
}

export interface Fingerprint {
  hash: Buffer;
  signature: Uint32Array;
  keys: Int32Array;
  /** Signatures without and of the item's shared context, when its adapter declares one (see itemSimilarity). */
  qa: Uint32Array | null;
  context: Uint32Array | null;
}

export const HASH_BYTES = 16;

/**
 * Fingerprints of consecutive items, back to back: HASH_BYTES, signatureLength values and bands keys each; the
 * context signatures are signatureLength values each too, meaningful where hasContext is 1.
 */
export interface FingerprintArrays {
  hashes: Uint8Array;
  signatures: Uint32Array;
  keys: Int32Array;
  hasContext: Uint8Array;
  qaSignatures: Uint32Array;
  contextSignatures: Uint32Array;
}

/** Views of slot i's fingerprint. */
export function fingerprintSlot(a: FingerprintArrays, i: number, signatureLength: number, bands: number): Fingerprint {
  return {
    hash: Buffer.from(a.hashes.buffer, a.hashes.byteOffset + i * HASH_BYTES, HASH_BYTES),
    signature: a.signatures.subarray(i * signatureLength, (i + 1) * signatureLength),
    keys: a.keys.subarray(i * bands, (i + 1) * bands),
    qa: a.hasContext[i] ? a.qaSignatures.subarray(i * signatureLength, (i + 1) * signatureLength) : null,
    context: a.hasContext[i] ? a.contextSignatures.subarray(i * signatureLength, (i + 1) * signatureLength) : null,
  };
}

/** What a fingerprint is compared by. */
export function signaturesOf(fp: Fingerprint): ItemSignatures {
  return { full: fp.signature, qa: fp.qa, context: fp.context };
}

/** Fixed so signatures stay comparable across imports and processes. */
const MINHASH_SEED = 0x5eed;

/** The MinHash/LSH setup every fingerprint and every index of the corpus is made with. */
export function nearDuplicateIndex(settings: DedupSettings): NearDuplicateIndex {
  return new NearDuplicateIndex({ threshold: settings.threshold, numPerm: settings.numPerm, ngram: settings.ngram, seed: MINHASH_SEED });
}

/**
 * Exact-duplicate hash, MinHash signature and LSH band keys of an item's messages, and when the item has a shared
 * context, the signatures of its text without the context and of the context (see itemSimilarity). The hash and the
 * band keys stay those of the whole text: an exact duplicate repeats the context too.
 */
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
  write(item: Pick<StandardizedItem, 'messages' | 'context'>, to: FingerprintArrays, i: number): void {
    const normalized = dedupNormalize(item.messages.map((m) => m.content).join('\n'));
    const length = this.signatureLength;
    const slot = (a: Uint32Array) => a.subarray(i * length, (i + 1) * length);
    const signature = this.near.signature(normalized, slot(to.signatures));
    this.near.keysOf(signature, to.keys.subarray(i * this.bands, (i + 1) * this.bands));
    to.hashes.set(contentHash(normalized), i * HASH_BYTES);
    const context = item.context ? dedupNormalize(item.context) : '';
    to.hasContext[i] = context === '' ? 0 : 1;
    if (context === '') return;
    this.near.signature(withoutContext(normalized, context), slot(to.qaSignatures));
    this.near.signature(context, slot(to.contextSignatures));
  }
}
