import { describe, expect, it } from 'vitest';
import { seededRandom } from './dedup-spec-helpers';
import { LshIndex } from './lsh-index';

function randomKeys(random: () => number, bands: number): Int32Array {
  return Int32Array.from({ length: bands }, () => (random() * 2 ** 32) | 0);
}

describe('LshIndex', () => {
  it('grows past its initial capacity without losing entries', () => {
    const random = seededRandom(1);
    const index = new LshIndex(4, 16);
    const all: Int32Array[] = [];
    for (let ordinal = 0; ordinal < 20_000; ordinal++) {
      const keys = randomKeys(random, 4);
      all.push(keys);
      index.add(ordinal, keys);
    }
    expect(index.size).toBe(20_000);
    for (let ordinal = 0; ordinal < all.length; ordinal += 97) {
      expect(index.candidates(all[ordinal])).toContain(ordinal);
    }
  });

  it('returns every ordinal sharing a key, once each', () => {
    const random = seededRandom(2);
    const index = new LshIndex(3, 8);
    const shared = randomKeys(random, 3);
    for (let ordinal = 0; ordinal < 500; ordinal++) {
      index.add(ordinal * 2, ordinal % 5 === 0 ? shared : randomKeys(random, 3));
    }
    const expected = Array.from({ length: 100 }, (_, i) => i * 10);
    expect([...index.candidates(shared)].sort((a, b) => a - b)).toEqual(expected);
    // Sharing one band is enough.
    const oneBand = Int32Array.of(shared[0], 11, 12);
    expect([...index.candidates(oneBand)].sort((a, b) => a - b)).toEqual(expected);
  });

  it('has no false negatives for identical keys, even with colliding key values', () => {
    const index = new LshIndex(2, 4);
    for (let ordinal = 0; ordinal < 3000; ordinal++) index.add(ordinal, Int32Array.of(ordinal, ordinal * 1024));
    for (let ordinal = 0; ordinal < 3000; ordinal++) {
      expect(index.candidates(Int32Array.of(ordinal, -1))).toEqual([ordinal]);
    }
    // The same key value in another band is a different key.
    expect(index.candidates(Int32Array.of(-7, 5))).toEqual([]);
    expect(index.candidates(Int32Array.of(-7, 5 * 1024))).toEqual([5]);
  });

  it('orders candidates by shared bands and honours the limit', () => {
    const index = new LshIndex(3);
    index.add(1, Int32Array.of(10, 20, 30));
    index.add(2, Int32Array.of(10, 21, 31));
    index.add(3, Int32Array.of(10, 20, 32));
    expect(index.candidates(Int32Array.of(10, 20, 30))).toEqual([1, 3, 2]);
    expect(index.candidates(Int32Array.of(10, 20, 30), 2)).toEqual([1, 3]);
    expect(index.candidates(Int32Array.of(0, 0, 0))).toEqual([]);
  });

  it('reports memory that grows with the items', () => {
    const random = seededRandom(3);
    const index = new LshIndex(8, 1024);
    const empty = index.memoryBytes();
    expect(empty).toBeGreaterThan(0);
    for (let ordinal = 0; ordinal < 50_000; ordinal++) index.add(ordinal, randomKeys(random, 8));
    const full = index.memoryBytes();
    expect(full).toBeGreaterThan(empty);
    expect(full / (50_000 * 8)).toBeLessThan(60); // bytes per item per band
  });

  it('validates its input', () => {
    const index = new LshIndex(2);
    expect(() => index.add(1.5, Int32Array.of(1, 2))).toThrow(RangeError);
    expect(() => index.add(1, Int32Array.of(1))).toThrow(RangeError);
    expect(() => index.candidates(Int32Array.of(1, 2, 3))).toThrow(RangeError);
  });
});
