import { dedupNormalize } from '../../imports/dedup';

// Two polynomial rolling hashes modulo primes below 2^26 and 2^25, combined into one exact integer below 2^51:
// every product stays under 2^53, so plain JS numbers do the arithmetic.
const P1 = 67_108_859;
const P2 = 33_554_393;
const B1 = 1_000_003;
const B2 = 999_983;

export interface NgramMatch<R> {
  /** The shared n-gram, in normalized form. */
  ngram: string;
  ref: R;
}

/**
 * The n-grams (n code points of dedupNormalize'd text: NFKC, lowercase, no whitespace or punctuation, so CJK text
 * counts one per character) of a reference set — evaluation items and benchmarks — as a Set of rolling hashes,
 * for one streaming pass over training items. A hash hit is confirmed against the referenced text, so a hash
 * collision never flags an item.
 */
export class NgramIndex<R> {
  private readonly owners = new Map<number, number>();
  private readonly refs: Array<{ ref: R; text: string }> = [];

  constructor(readonly n: number) {
    if (!Number.isInteger(n) || n < 1) throw new Error(`n-gram length must be a positive integer, got ${n}`);
  }

  get size(): number {
    return this.owners.size;
  }

  /** Adds a reference text; an n-gram keeps the first reference that had it. */
  add(text: string, ref: R): void {
    const norm = dedupNormalize(text);
    const at = this.refs.length;
    let added = false;
    for (const { hash } of this.windows(norm)) {
      if (!this.owners.has(hash)) {
        this.owners.set(hash, at);
        added = true;
      }
    }
    if (added) this.refs.push({ ref, text: norm });
  }

  /** The first n-gram of `text` that some reference shares, or null. */
  firstMatch(text: string): NgramMatch<R> | null {
    if (this.owners.size === 0) return null;
    const norm = dedupNormalize(text);
    for (const { hash, start, end } of this.windows(norm)) {
      const owner = this.owners.get(hash);
      if (owner === undefined) continue;
      const ngram = norm.slice(start, end);
      const hit = this.refs[owner];
      if (hit.text.includes(ngram)) return { ngram, ref: hit.ref };
    }
    return null;
  }

  /** Every window of n code points: its hash and its code-unit range in `norm`. */
  private *windows(norm: string): Generator<{ hash: number; start: number; end: number }> {
    const n = this.n;
    const points: number[] = [];
    const offsets: number[] = [];
    for (let i = 0; i < norm.length; ) {
      const cp = norm.codePointAt(i)!;
      points.push(cp);
      offsets.push(i);
      i += cp > 0xffff ? 2 : 1;
    }
    if (points.length < n) return;
    offsets.push(norm.length);
    let top1 = 1;
    let top2 = 1;
    for (let k = 1; k < n; k++) {
      top1 = (top1 * B1) % P1;
      top2 = (top2 * B2) % P2;
    }
    let h1 = 0;
    let h2 = 0;
    for (let k = 0; k < points.length; k++) {
      if (k >= n) {
        const out = points[k - n];
        h1 = (h1 - ((out % P1) * top1) % P1 + P1) % P1;
        h2 = (h2 - ((out % P2) * top2) % P2 + P2) % P2;
      }
      h1 = (h1 * B1 + points[k]) % P1;
      h2 = (h2 * B2 + points[k]) % P2;
      if (k >= n - 1) yield { hash: h1 * P2 + h2, start: offsets[k - n + 1], end: offsets[k + 1] };
    }
  }
}
