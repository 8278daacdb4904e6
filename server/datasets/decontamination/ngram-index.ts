import { createHash } from 'node:crypto';
import { boilerplateCutoff, renderNgram, tokenize, type Tokenized } from './contamination-ngrams';

// A polynomial rolling hash modulo a prime below 2^30 over token hashes: every product stays under 2^53, so plain JS
// numbers do the arithmetic, and the hashes are small integers, which Map looks up fast. Collisions are expected at
// this size; every hit is confirmed against the owning reference's tokens.
const P = 1_073_741_789;
const B = 1_000_003;
/** Joins tokens so that a substring test matches whole tokens only. */
const SEP = '\u0001';

export interface NgramMatch<R> {
  /** The shared n-gram, as people read it (see renderNgram). */
  ngram: string;
  ref: R;
  /** Distinct documents of the pooled corpus holding it. */
  documentFrequency: number;
}

/**
 * The n-grams (contaminationTokens; see contamination-ngrams.ts) of a reference set — evaluation items and
 * benchmarks — with the document frequency of each in the pooled corpus (the references and every document passed
 * to countDocument, each distinct text once), for a pass over training items that ignores boilerplate n-grams.
 * Add every reference and count every other document before asking for matches.
 */
export class NgramIndex<R> {
  private readonly owners = new Map<number, number>();
  /** Further n-grams whose hash an earlier n-gram has. */
  private readonly collisions = new Map<number, number[]>();
  private readonly refs: Array<{ ref: R; key: string }> = [];
  /** Per n-gram id: the reference it was first seen in, its document frequency, and the last document that counted. */
  private gramOwner: Int32Array = new Int32Array(1024);
  private gramDf: Int32Array = new Int32Array(1024);
  private gramSeenBy: Int32Array = new Int32Array(1024);
  private grams = 0;
  private readonly seenTexts = new Set<string>();
  private docs = 0;

  constructor(readonly n: number) {
    if (!Number.isInteger(n) || n < 1) throw new Error(`n-gram length must be a positive integer, got ${n}`);
  }

  /** Distinct n-grams of the references. */
  get size(): number {
    return this.grams;
  }

  /** Distinct documents of the pooled corpus so far. */
  get documents(): number {
    return this.docs;
  }

  /** The document frequency above which an n-gram is boilerplate (see boilerplateCutoff). */
  get cutoff(): number {
    return boilerplateCutoff(this.docs);
  }

  /** Adds a reference text; an n-gram keeps the first reference that had it. */
  add(text: string, ref: R): void {
    const tokens = tokenize(text);
    const at = this.refs.length;
    this.refs.push({ ref, key: keyOf(tokens, 0, tokens.count) });
    const doc = this.newDocument(tokens);
    this.scan(tokens, (hash, start) => {
      const id = this.find(hash, tokens, start);
      if (id >= 0) {
        this.count(id, doc);
        return false;
      }
      this.addGram(hash, at, doc);
      return false;
    });
  }

  /** Counts a document of the pooled corpus that is not a reference (a candidate training item). */
  countDocument(text: string): void {
    const tokens = tokenize(text);
    const doc = this.newDocument(tokens);
    if (doc < 0) return;
    this.scan(tokens, (hash, start) => {
      const id = this.find(hash, tokens, start);
      if (id >= 0) this.count(id, doc);
      return false;
    });
  }

  /** The first n-gram of `text` that a reference shares and that is not boilerplate, or null. */
  firstMatch(text: string, cutoff = this.cutoff): NgramMatch<R> | null {
    if (this.grams === 0) return null;
    const tokens = tokenize(text);
    let found: NgramMatch<R> | null = null;
    this.scan(tokens, (hash, start) => {
      const id = this.find(hash, tokens, start);
      if (id < 0 || this.gramDf[id] > cutoff) return false;
      const ngram = renderNgram(Array.from({ length: this.n }, (_, i) => tokens.text.slice(tokens.starts[start + i], tokens.ends[start + i])));
      found = { ngram, ref: this.refs[this.gramOwner[id]].ref, documentFrequency: this.gramDf[id] };
      return true;
    });
    return found;
  }

  /** A new document number, or -1 when the same text was counted before. */
  private newDocument(tokens: Tokenized): number {
    // Distinct by the token sequence (spacing and punctuation aside, the same text is the same document), through
    // the token hashes: two different texts with equal hashes at every token are not a practical concern.
    const hashes = this.hashTokens(tokens);
    const digest = createHash('sha256').update(new Uint8Array(hashes.buffer, 0, tokens.count * 4)).digest('base64');
    if (this.seenTexts.has(digest)) return -1;
    this.seenTexts.add(digest);
    return ++this.docs;
  }

  private count(id: number, doc: number): void {
    if (doc < 0 || this.gramSeenBy[id] === doc) return;
    this.gramSeenBy[id] = doc;
    this.gramDf[id]++;
  }

  /** The id of the reference n-gram at tokens[start, start + n), or -1. */
  private find(hash: number, tokens: Tokenized, start: number): number {
    const owner = this.owners.get(hash);
    if (owner === undefined) return -1;
    const key = keyOf(tokens, start, start + this.n);
    for (const id of [owner, ...(this.collisions.get(hash) ?? [])]) {
      if (this.refs[this.gramOwner[id]].key.includes(key)) return id;
    }
    return -1;
  }

  private addGram(hash: number, refAt: number, doc: number): void {
    if (this.grams === this.gramOwner.length) {
      this.gramOwner = grow(this.gramOwner);
      this.gramDf = grow(this.gramDf);
      this.gramSeenBy = grow(this.gramSeenBy);
    }
    const id = this.grams++;
    this.gramOwner[id] = refAt;
    this.gramDf[id] = doc < 0 ? 0 : 1;
    this.gramSeenBy[id] = doc;
    if (!this.owners.has(hash)) this.owners.set(hash, id);
    else this.collisions.set(hash, [...(this.collisions.get(hash) ?? []), id]);
  }

  /** Calls `visit` with each window of n tokens (its hash and first token) until it returns true. */
  private scan(tokens: Tokenized, visit: (hash: number, start: number) => boolean): void {
    const n = this.n;
    if (tokens.count < n) return;
    const hashes = this.hashTokens(tokens);
    const top = this.top();
    let h = 0;
    for (let k = 0; k < tokens.count; k++) {
      if (k >= n) h = (h - ((hashes[k - n] * top) % P) + P) % P;
      h = (h * B + hashes[k]) % P;
      if (k >= n - 1 && visit(h, k - n + 1)) return;
    }
  }

  /** Scratch space for one text's token hashes, and the text they are of. */
  private hashes = new Int32Array(1024);
  private hashed: Tokenized | null = null;

  private hashTokens(tokens: Tokenized): Int32Array {
    if (this.hashed === tokens) return this.hashes;
    if (this.hashes.length < tokens.count) this.hashes = new Int32Array(tokens.count * 2);
    for (let k = 0; k < tokens.count; k++) this.hashes[k] = tokenHash(tokens.text, tokens.starts[k], tokens.ends[k]);
    this.hashed = tokens;
    return this.hashes;
  }

  private topCache: number | null = null;

  /** B^(n-1) modulo P: what the token leaving the window contributed. */
  private top(): number {
    if (this.topCache !== null) return this.topCache;
    let top = 1;
    for (let k = 1; k < this.n; k++) top = (top * B) % P;
    return (this.topCache = top);
  }
}

function keyOf(tokens: Tokenized, from: number, to: number): string {
  let key = SEP;
  for (let i = from; i < to; i++) key += tokens.text.slice(tokens.starts[i], tokens.ends[i]) + SEP;
  return key;
}

/** Token hashes stay below 2^21 (as code points do), so a token hash times B^(n-1) stays exact in a double. */
const TOKEN_MOD = 2_097_143;

/** FNV-1a of the token's UTF-16 units (text[start, end)), reduced below TOKEN_MOD. */
function tokenHash(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0) % TOKEN_MOD;
}

function grow(a: Int32Array): Int32Array {
  const grown = new Int32Array(a.length * 2);
  grown.set(a);
  return grown;
}
