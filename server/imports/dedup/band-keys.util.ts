import { fmix32, mix32 } from './hash32.util';

/**
 * One int32 key per band: a MurmurHash3 of the band index and the band's `rows` signature values,
 * so equal rows in different bands give different keys. Fits a Postgres int4[] column.
 */
export function bandKeys(sig: Uint32Array, bands: number, rows: number, keys: Int32Array = new Int32Array(bands)): Int32Array {
  if (bands * rows > sig.length) {
    throw new RangeError(`bands × rows (${bands} × ${rows}) exceeds the signature length ${sig.length}`);
  }
  if (keys.length !== bands) throw new RangeError(`${bands} band keys need room for ${bands}, got ${keys.length}`);
  for (let band = 0, offset = 0; band < bands; band++, offset += rows) {
    let h = mix32(0x2f693b5d, band);
    for (let r = 0; r < rows; r++) h = mix32(h, sig[offset + r]);
    keys[band] = fmix32(h ^ (rows + 1));
  }
  return keys;
}

/** Estimated Jaccard similarity: the fraction of positions where two signatures agree. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length) throw new RangeError(`signature lengths differ: ${a.length} vs ${b.length}`);
  if (a.length === 0) return 0;
  let equal = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) equal++;
  return equal / a.length;
}
