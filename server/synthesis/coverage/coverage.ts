import { dedupNormalize } from '../../imports/dedup';
import { nearDuplicateIndex, type DedupSettings } from '../../imports/pipeline/fingerprinter';
import type { LengthStats } from './coverage-views';

/** Bin edges in characters: 0–50, 50–100, …, 1600–3200, 3200+. */
export const LENGTH_EDGES = [0, 50, 100, 200, 400, 800, 1600, 3200] as const;

/** Length of a text in characters (code points), as a reader counts them: a CJK character or an emoji is one. */
export function charLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** Count, nearest-rank p50 and p90, max and the histogram on LENGTH_EDGES of some lengths. Pure. */
export function lengthStats(lengths: readonly number[]): LengthStats {
  const sorted = [...lengths].sort((a, b) => a - b);
  const rank = (q: number) => (sorted.length === 0 ? 0 : sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]);
  const bins = LENGTH_EDGES.map((from, i) => ({ from, to: (LENGTH_EDGES[i + 1] as number | undefined) ?? null, count: 0 }));
  for (const x of sorted) {
    let i = bins.length - 1;
    while (i > 0 && x < bins[i].from) i--;
    bins[i].count++;
  }
  return { count: sorted.length, p50: rank(0.5), p90: rank(0.9), max: sorted.at(-1) ?? 0, bins };
}

/**
 * How many texts are near duplicates of an earlier one (estimated Jaccard ≥ the threshold), with the imports' own
 * normalization, MinHash and LSH banding (so a pair counted here is one the import would mark a near duplicate).
 * Exact repeats count too. Pure.
 */
export function countNearDuplicates(texts: Iterable<string>, settings: DedupSettings): number {
  const index = nearDuplicateIndex(settings);
  const signatures: Uint32Array[] = [];
  let duplicates = 0;
  for (const text of texts) {
    const sig = index.signature(dedupNormalize(text));
    const keys = index.keysOf(sig);
    if (index.findBest(sig, keys, (o) => signatures[o])) duplicates++;
    index.add(signatures.length, keys);
    signatures.push(sig);
  }
  return duplicates;
}
