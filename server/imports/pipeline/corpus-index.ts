import { itemSimilarity, NearDuplicateIndex, signatureFromBuffer, type ItemSignatures } from '../dedup';
import type { ImportsRepository } from '../imports.repository';
import { nearDuplicateIndex, signaturesOf, type DedupSettings, type Fingerprint } from './fingerprinter';

export type DuplicateMatch = { kind: 'exact'; of: number; similarity: 1 } | { kind: 'near'; of: number; similarity: number };

/**
 * The corpus as the de-duplicator sees it: exact hashes are looked up in Postgres per batch, near duplicates
 * through an in-memory LSH index over every original item (rebuilt from the `lsh_keys` column at job start).
 */
export class CorpusIndex {
  private readonly near: NearDuplicateIndex;
  private ordinalToId = new Float64Array(1024);
  private count = 0;
  /** Originals of the previous batch, whose commit may still be in flight while this batch resolves. */
  private previous = { hashes: new Map<string, number>(), signatures: new Map<number, ItemSignatures>() };

  constructor(
    private readonly repo: ImportsRepository,
    readonly settings: DedupSettings,
  ) {
    this.near = nearDuplicateIndex(settings);
  }

  /** Identifies the MinHash/LSH parameters: keys made with other parameters never match these. */
  get paramsId(): string {
    return this.near.paramsId;
  }

  /**
   * Indexes every original. One whose stored signature has another length (made with another DEDUP_NUM_PERM, or
   * none at all) cannot be compared, so it is left out of near-duplicate matching rather than failing the import;
   * exact duplicates of it are still found by hash.
   */
  async load(): Promise<number> {
    for await (const page of this.repo.originalsLshKeys(this.paramsId)) {
      for (const row of page) {
        if (row.keys) {
          this.addOriginal(row.id, Int32Array.from(row.keys));
          continue;
        }
        const sig = signatureFromBuffer(row.minhash ?? new Uint8Array());
        if (sig.length === this.near.hasher.numPerm) this.addOriginal(row.id, this.near.keysOf(sig));
      }
    }
    return this.count;
  }

  candidateIds(keys: Int32Array): number[] {
    return this.near.candidatesFor(keys).map((o) => this.ordinalToId[o]);
  }

  /**
   * Resolves a batch in order: an item is an exact duplicate of an earlier original with its hash, else a near
   * duplicate of the most similar original above the threshold (LSH candidates by the whole text, judged by
   * itemSimilarity: an item's shared context and what it asks and answers must both be near-identical), else an original (and joins the index, so later
   * items of the same batch are compared with it).
   */
  async resolveBatch(batch: Array<{ id: number; fp: Fingerprint }>): Promise<Array<DuplicateMatch | null>> {
    const byHash = await this.repo.findOriginalsByHash(batch.map((b) => b.fp.hash));
    for (const [hex, id] of this.previous.hashes) if (!byHash.has(hex)) byHash.set(hex, id);
    const signatures = new Map(this.previous.signatures);
    const stored = new Set<number>();
    for (const b of batch) for (const id of this.candidateIds(b.fp.keys)) if (!signatures.has(id)) stored.add(id);
    for (const [id, row] of await this.repo.minhashesOf([...stored])) {
      signatures.set(id, {
        full: signatureFromBuffer(row.minhash),
        qa: row.qaMinhash && signatureFromBuffer(row.qaMinhash),
        context: row.contextMinhash && signatureFromBuffer(row.contextMinhash),
      });
    }
    const current = { hashes: new Map<string, number>(), signatures: new Map<number, ItemSignatures>() };

    const matches = batch.map(({ id, fp }): DuplicateMatch | null => {
      const hex = fp.hash.toString('hex');
      const exact = byHash.get(hex);
      if (exact !== undefined) return { kind: 'exact', of: exact, similarity: 1 };
      let best: DuplicateMatch | null = null;
      const own = signaturesOf(fp);
      for (const candidate of this.candidateIds(fp.keys)) {
        const sig = signatures.get(candidate);
        if (!sig) continue;
        const similarity = itemSimilarity(own, sig);
        if (similarity >= this.settings.threshold && (!best || similarity > best.similarity)) {
          best = { kind: 'near', of: candidate, similarity };
        }
      }
      if (best) return best;
      byHash.set(hex, id);
      signatures.set(id, own);
      current.hashes.set(hex, id);
      current.signatures.set(id, own);
      this.addOriginal(id, fp.keys);
      return null;
    });
    this.previous = current;
    return matches;
  }

  private addOriginal(id: number, keys: Int32Array): void {
    if (this.count === this.ordinalToId.length) {
      const grown = new Float64Array(this.ordinalToId.length * 2);
      grown.set(this.ordinalToId);
      this.ordinalToId = grown;
    }
    this.ordinalToId[this.count] = id;
    this.near.add(this.count, keys);
    this.count++;
  }
}
