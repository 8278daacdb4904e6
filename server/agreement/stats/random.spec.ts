import { describe, expect, it } from 'vitest';
import { xoshiro128ss, xoshiro128ssWords } from './random';

describe(xoshiro128ssWords.name, () => {
  it('matches the reference C implementation (xoshiro128starstar.c) from state 1, 2, 3, 4', () => {
    const next = xoshiro128ssWords([1, 2, 3, 4]);
    expect(Array.from({ length: 6 }, next)).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492]);
  });
});

describe(xoshiro128ss.name, () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = Array.from({ length: 5 }, xoshiro128ss(42));
    expect(Array.from({ length: 5 }, xoshiro128ss(42))).toEqual(a);
    expect(Array.from({ length: 5 }, xoshiro128ss(43))).not.toEqual(a);
  });

  it('draws from the open interval (0, 1), uniformly', () => {
    const random = xoshiro128ss(7);
    const bins = new Array<number>(10).fill(0);
    const draws = 100_000;
    let outside = 0;
    for (let i = 0; i < draws; i++) {
      const u = random();
      if (!(u > 0 && u < 1)) outside++;
      bins[Math.floor(u * 10)]++;
    }
    expect(outside).toBe(0);
    const chiSquare = bins.reduce((s, b) => s + (b - draws / 10) ** 2 / (draws / 10), 0);
    expect(chiSquare).toBeLessThan(27.9); // χ²(9) at p = 0.001
  });
});
