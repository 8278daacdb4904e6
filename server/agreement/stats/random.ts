/** A source of uniform random numbers on the open interval (0, 1). */
export type Random = () => number;

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** xoshiro128** (Blackman & Vigna 2018) from a given 128-bit state (not all zero): raw 32-bit outputs. */
export function xoshiro128ssWords(state: readonly [number, number, number, number]): () => number {
  let [s0, s1, s2, s3] = state.map((w) => w | 0);
  return () => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };
}

/**
 * Seeded uniform generator: xoshiro128** with its state filled from the seed (taken modulo 2^32) by
 * splitmix32. Deterministic for a given seed. Returns (x + 0.5)/2^32 for 32-bit outputs x, so never
 * exactly 0 or 1: the samplers take logarithms.
 */
export function xoshiro128ss(seed: number): Random {
  let z = seed >>> 0;
  const splitmix32 = (): number => {
    z = (z + 0x9e3779b9) | 0;
    let t = z ^ (z >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = Math.imul(t, 0x735a2d97);
    return (t ^ (t >>> 15)) >>> 0;
  };
  const words = xoshiro128ssWords([splitmix32(), splitmix32(), splitmix32(), splitmix32()]);
  return () => (words() + 0.5) / 4294967296;
}
