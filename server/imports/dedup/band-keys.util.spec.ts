import { describe, expect, it } from 'vitest';
import { bandKeys, estimateJaccard } from './band-keys.util';

describe('bandKeys', () => {
  it('gives one key per band, different for equal rows in different bands', () => {
    const sig = new Uint32Array(64).fill(12345);
    const keys = bandKeys(sig, 8, 8);
    expect(keys).toHaveLength(8);
    expect(new Set(keys).size).toBe(8);
  });

  it('changes only the band whose rows changed', () => {
    const a = Uint32Array.from({ length: 48 }, (_, i) => i * 7919);
    const b = a.slice();
    b[13] ^= 1; // row 1 of band 2 (rows = 6)
    const ka = bandKeys(a, 8, 6);
    const kb = bandKeys(b, 8, 6);
    expect([...ka].map((k, i) => k === kb[i])).toEqual([true, true, false, true, true, true, true, true]);
  });

  it('refuses more rows than the signature holds', () => {
    expect(() => bandKeys(new Uint32Array(16), 5, 4)).toThrow(RangeError);
  });
});

describe('estimateJaccard', () => {
  it('is the fraction of equal positions', () => {
    expect(estimateJaccard(Uint32Array.of(1, 2, 3, 4), Uint32Array.of(1, 2, 0, 0))).toBe(0.5);
    expect(estimateJaccard(Uint32Array.of(1, 2), Uint32Array.of(1, 2))).toBe(1);
    expect(() => estimateJaccard(Uint32Array.of(1), Uint32Array.of(1, 2))).toThrow(RangeError);
  });
});
