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

  get paramsId(): string {
    return this.near.paramsId;
  }

  of(messages: ChatMessage[]): Fingerprint {
    const normalized = dedupNormalize(messages.map((m) => m.content).join('\n'));
    const signature = this.near.signature(normalized);
    return { hash: contentHash(normalized), signature, keys: this.near.keysOf(signature) };
  }
}
