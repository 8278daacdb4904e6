import { describe, expect, it } from 'vitest';
import { candidateProbability, lshParams } from './lsh-params.util';

describe('lshParams', () => {
  it('fits bands × rows into numPerm for every threshold', () => {
    for (const numPerm of [16, 64, 128]) {
      for (const threshold of [0.3, 0.5, 0.7, 0.8, 0.9, 0.95]) {
        const { bands, rows } = lshParams(threshold, numPerm);
        expect(bands * rows).toBeLessThanOrEqual(numPerm);
        expect(bands).toBeGreaterThanOrEqual(1);
        expect(rows).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it('uses more bands for a lower threshold', () => {
    expect(lshParams(0.5, 64).bands).toBeGreaterThan(lshParams(0.9, 64).bands);
    expect(lshParams(0.5, 128).bands).toBeGreaterThan(lshParams(0.9, 128).bands);
  });

  it('finds pairs at the threshold with high probability and rejects dissimilar pairs', () => {
    const { bands, rows } = lshParams(0.8, 64);
    expect({ bands, rows }).toEqual({ bands: 8, rows: 6 });
    expect(candidateProbability(0.8, bands, rows)).toBeGreaterThanOrEqual(0.9);
    expect(candidateProbability(0.9, bands, rows)).toBeGreaterThan(0.99);
    expect(candidateProbability(0.3, bands, rows)).toBeLessThan(0.01);
  });

  it('reproduces the datasketch optimum when the recall floor is off', () => {
    expect(lshParams(0.8, 64, { minRecall: 0 })).toEqual({ bands: 5, rows: 11 });
    expect(lshParams(0.5, 128, { minRecall: 0 }).bands * lshParams(0.5, 128, { minRecall: 0 }).rows).toBeLessThanOrEqual(128);
  });

  it('rejects thresholds outside (0, 1)', () => {
    expect(() => lshParams(0, 64)).toThrow(RangeError);
    expect(() => lshParams(1, 64)).toThrow(RangeError);
  });
});
