import { describe, expect, it } from 'vitest';
import { dedupNormalize } from './dedup-normalize.util';
import { PASSAGE_CODE_REVIEW, PASSAGE_SPRING, exactJaccard, seededRandom, substitute } from './dedup-spec-helpers';
import { NearDuplicateIndex, pickBest } from './near-duplicate-index';

/** Replaces the characters at the given code-point positions. */
function edit(text: string, changes: Record<number, string>): string {
  const chars = [...text];
  for (const [position, char] of Object.entries(changes)) chars[Number(position)] = char;
  return chars.join('');
}

describe('NearDuplicateIndex', () => {
  const spring = dedupNormalize(PASSAGE_SPRING);

  it('finds a 200-character Chinese passage with 3 characters changed at threshold 0.8', () => {
    const index = new NearDuplicateIndex({ threshold: 0.8, keepSignatures: true });
    const original = index.signature(spring);
    index.add(0, index.keysOf(original), original);

    const edited = dedupNormalize(edit(PASSAGE_SPRING, { 30: '梅', 100: '鸟', 170: '雪' }));
    expect(exactJaccard(spring, edited)).toBeGreaterThan(0.84);
    const sig = index.signature(edited);
    const keys = index.keysOf(sig);
    expect(index.candidatesFor(keys)).toEqual([0]);
    const match = index.findBest(sig, keys);
    expect(match?.ordinal).toBe(0);
    expect(match?.similarity).toBeGreaterThanOrEqual(0.8);
  });

  it('does not match an unrelated passage', () => {
    const index = new NearDuplicateIndex({ threshold: 0.8, keepSignatures: true });
    const original = index.signature(spring);
    index.add(0, index.keysOf(original), original);
    const other = index.signature(dedupNormalize(PASSAGE_CODE_REVIEW));
    expect(index.candidatesFor(index.keysOf(other))).toEqual([]);
    expect(index.findBest(other, index.keysOf(other))).toBeNull();
  });

  it('finds most random 3-character edits (exact Jaccard ≈ 0.85), limited by the 64-value estimate', () => {
    const random = seededRandom(5);
    const rate = (numPerm: number) => {
      const index = new NearDuplicateIndex({ threshold: 0.8, numPerm });
      const original = index.signature(spring);
      index.add(0, index.keysOf(original));
      let candidates = 0;
      let found = 0;
      for (let trial = 0; trial < 300; trial++) {
        const sig = index.signature(dedupNormalize(substitute(random, PASSAGE_SPRING, 3)));
        const keys = index.keysOf(sig);
        if (index.candidatesFor(keys).length > 0) candidates++;
        if (index.findBest(sig, keys, () => original)) found++;
      }
      return { candidates: candidates / 300, found: found / 300 };
    };
    const at64 = rate(64);
    expect(at64.candidates).toBeGreaterThan(0.95);
    expect(at64.found).toBeGreaterThan(0.7);
    expect(rate(256).found).toBeGreaterThan(0.95);
  });

  it('lets the caller supply signatures and skips the ones it cannot find', () => {
    const index = new NearDuplicateIndex({ threshold: 0.8 });
    const signatures = new Map<number, Uint32Array>();
    const texts = [spring, dedupNormalize(PASSAGE_CODE_REVIEW), spring + '补充一句话'];
    texts.forEach((text, ordinal) => {
      const sig = index.signature(text);
      signatures.set(ordinal, sig);
      index.add(ordinal, index.keysOf(sig));
    });
    const query = index.signature(spring);
    const keys = index.keysOf(query);
    expect(index.findBest(query, keys, (o) => signatures.get(o))).toEqual({ ordinal: 0, similarity: 1 });
    expect(index.findBest(query, keys, (o) => (o === 0 ? undefined : signatures.get(o)))?.ordinal).toBe(2);
    expect(pickBest(query, [1], (o) => signatures.get(o), 0.8)).toBeNull();
    expect(() => index.findBest(query, keys)).toThrow();
  });

  it('describes its parameters and accepts a fixed banding', () => {
    expect(new NearDuplicateIndex({ threshold: 0.8 }).paramsId).toBe('minhash-v1:perm64:ngram5:seed1:lsh8x6');
    const fixed = new NearDuplicateIndex({ threshold: 0.9, bands: 16, rows: 4 });
    expect([fixed.bands, fixed.rows]).toEqual([16, 4]);
    expect(() => new NearDuplicateIndex({ threshold: 0.8, bands: 16, rows: 8 })).toThrow(RangeError);
    expect(() => new NearDuplicateIndex({ threshold: 0.8, bands: 16 })).toThrow(RangeError);
  });
});
