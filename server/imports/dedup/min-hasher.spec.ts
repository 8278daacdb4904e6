import { describe, expect, it } from 'vitest';
import { estimateJaccard } from './band-keys.util';
import { exactJaccard, randomHan, seededRandom, substitute } from './dedup-spec-helpers';
import { MinHasher } from './min-hasher';

describe('MinHasher', () => {
  it('uses WebAssembly SIMD on this platform', () => {
    expect(new MinHasher().kernelKind).toBe('wasm-simd');
  });

  it('is deterministic across instances and pinned to known values', () => {
    const a = new MinHasher().signature('床前明月光疑是地上霜');
    const b = new MinHasher().signature('床前明月光疑是地上霜');
    expect(a).toHaveLength(64);
    expect([...a]).toEqual([...b]);
    // Persisted signatures depend on these exact values: a change here is a format change.
    expect([...a.subarray(0, 4)]).toEqual(PINNED);
  });

  it('gives identical signatures from the WebAssembly and JS kernels', () => {
    const random = seededRandom(3);
    for (const numPerm of [1, 7, 16, 64, 100, 128]) {
      const wasm = new MinHasher({ numPerm });
      const js = new MinHasher({ numPerm, kernel: 'js' });
      for (const length of [0, 1, 4, 5, 6, 400, 5000]) {
        const text = randomHan(random, length);
        expect([...wasm.signature(text)]).toEqual([...js.signature(text)]);
      }
    }
  });

  it('depends on the seed', () => {
    const text = '床前明月光疑是地上霜';
    expect(estimateJaccard(new MinHasher({ seed: 1 }).signature(text), new MinHasher({ seed: 2 }).signature(text))).toBeLessThan(0.1);
  });

  it('counts a surrogate pair as one character', () => {
    const hasher = new MinHasher({ ngram: 2 });
    // '𠀀' is one code point: 'a𠀀' has one 2-gram, as does 'ab'.
    expect(estimateJaccard(hasher.signature('a𠀀'), hasher.signature('a𠀀'))).toBe(1);
    expect(exactJaccard('a𠀀b', 'a𠀀c', 2)).toBeCloseTo(1 / 3);
    const estimate = estimateJaccard(new MinHasher({ ngram: 2, numPerm: 512 }).signature('a𠀀b'), new MinHasher({ ngram: 2, numPerm: 512 }).signature('a𠀀c'));
    expect(Math.abs(estimate - 1 / 3)).toBeLessThan(0.1);
  });

  it('treats a text shorter than n as a single shingle', () => {
    const hasher = new MinHasher();
    expect([...hasher.signature('abc')]).toEqual([...hasher.signature('abc')]);
    expect(estimateJaccard(hasher.signature('abc'), hasher.signature('abd'))).toBe(0);
    expect(estimateJaccard(hasher.signature(''), hasher.signature(''))).toBe(1);
    expect(estimateJaccard(hasher.signature('abcd'), hasher.signature('abcde'))).toBe(0);
  });

  it('estimates the 5-gram Jaccard within ±0.1 (256 permutations) on random pairs', () => {
    const random = seededRandom(7);
    const hasher = new MinHasher({ numPerm: 256 });
    for (let pair = 0; pair < 150; pair++) {
      const a = randomHan(random, 300 + Math.floor(random() * 200));
      const b = pair % 3 === 0 ? a.slice(Math.floor(random() * 200)) + randomHan(random, 50) : substitute(random, a, Math.floor(random() * 120));
      const estimate = estimateJaccard(hasher.signature(a), hasher.signature(b));
      expect(Math.abs(estimate - exactJaccard(a, b))).toBeLessThanOrEqual(0.1);
    }
  });

  it('is unbiased with the default 64 permutations', () => {
    const random = seededRandom(11);
    const hasher = new MinHasher();
    const errors: number[] = [];
    for (let pair = 0; pair < 300; pair++) {
      const a = randomHan(random, 400);
      const b = substitute(random, a, Math.floor(random() * 120));
      errors.push(estimateJaccard(hasher.signature(a), hasher.signature(b)) - exactJaccard(a, b));
    }
    const mean = errors.reduce((s, e) => s + e, 0) / errors.length;
    const meanAbs = errors.reduce((s, e) => s + Math.abs(e), 0) / errors.length;
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(meanAbs).toBeLessThan(0.05); // one standard deviation is ≤ 0.0625 at 64 permutations
  });

  it('rejects invalid options', () => {
    expect(() => new MinHasher({ numPerm: 0 })).toThrow(RangeError);
    expect(() => new MinHasher({ ngram: 1.5 })).toThrow(RangeError);
  });
});

const PINNED = [893669658, 246439439, 627393485, 1138470678];
