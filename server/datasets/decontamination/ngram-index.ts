import { dedupNormalize } from '../../imports/dedup';

// A polynomial rolling hash modulo a prime below 2^30: every product stays under 2^53, so plain JS numbers do
// the arithmetic, and the hashes are small integers, which Map looks up several times faster than larger ones.
// Collisions are expected at this size; every hit is confirmed against the text.
const P = 1_073_741_789;
const B = 1_000_003;

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
  /** Further references for hashes whose first owner holds a different n-gram. */
  private readonly collisions = new Map<number, number[]>();
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
    this.refs.push({ ref, text: norm });
    let added = false;
    this.scan(norm, (hash, start, end) => {
      const owner = this.owners.get(hash);
      if (owner === undefined) {
        this.owners.set(hash, at);
        added = true;
      } else if (owner !== at && !this.refs[owner].text.includes(norm.slice(start, end))) {
        const more = this.collisions.get(hash) ?? [];
        if (more.at(-1) !== at) more.push(at);
        this.collisions.set(hash, more);
        added = true;
      }
      return false;
    });
    if (!added) this.refs.pop();
  }

  /** The first n-gram of `text` that some reference shares, or null. */
  firstMatch(text: string): NgramMatch<R> | null {
    if (this.owners.size === 0) return null;
    const norm = dedupNormalize(text);
    let found: NgramMatch<R> | null = null;
    this.scan(norm, (hash, start, end) => {
      const owner = this.owners.get(hash);
      if (owner === undefined) return false;
      const ngram = norm.slice(start, end);
      for (const at of [owner, ...(this.collisions.get(hash) ?? [])]) {
        if (this.refs[at].text.includes(ngram)) {
          found = { ngram, ref: this.refs[at].ref };
          return true;
        }
      }
      return false;
    });
    return found;
  }

  // Scratch space for the code points of one text and where each starts (a plain loop: a generator yielding an
  // object per window cost more than the hashing).
  private points = new Int32Array(1024);
  private offsets = new Int32Array(1025);

  /** Calls `visit` with each window of n code points (its hash and code-unit range) until it returns true. */
  private scan(norm: string, visit: (hash: number, start: number, end: number) => boolean): void {
    const n = this.n;
    if (this.points.length < norm.length) {
      this.points = new Int32Array(norm.length * 2);
      this.offsets = new Int32Array(norm.length * 2 + 1);
    }
    const points = this.points;
    const offsets = this.offsets;
    let count = 0;
    for (let i = 0; i < norm.length; ) {
      const cp = norm.codePointAt(i)!;
      points[count] = cp;
      offsets[count++] = i;
      i += cp > 0xffff ? 2 : 1;
    }
    if (count < n) return;
    offsets[count] = norm.length;
    const top = this.top();
    let h = 0;
    for (let k = 0; k < count; k++) {
      if (k >= n) h = (h - ((points[k - n] * top) % P) + P) % P;
      h = (h * B + points[k]) % P;
      if (k >= n - 1 && visit(h, offsets[k - n + 1], offsets[k + 1])) return;
    }
  }

  private topCache: number | null = null;

  /** B^(n-1) modulo P: what the code point leaving the window contributed. */
  private top(): number {
    if (this.topCache !== null) return this.topCache;
    let top = 1;
    for (let k = 1; k < this.n; k++) top = (top * B) % P;
    return (this.topCache = top);
  }
}
