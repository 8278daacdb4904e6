import { fmix32 } from './hash32.util';

const P = 0x9e3779b1 | 0;
const SHORT_TEXT_TAG = 0x5bd1e995;

/**
 * Writes one 32-bit hash per character n-gram of `text` into `out` and returns how many.
 * N-grams run over code points (a surrogate pair is one character); a text shorter than `ngram`
 * (the empty text included) yields a single shingle of the whole text.
 * `out` must hold at least max(1, text.length) entries; it doubles as the code-point scratch.
 *
 * The hash is a rolling polynomial over avalanche-mixed code points, finalized with fmix32,
 * so no substring is allocated. Changing it changes every persisted signature.
 */
export function hashShingles(text: string, ngram: number, out: Int32Array): number {
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low < 0xe000) {
        c = ((c - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
        i++;
      }
    }
    out[length++] = fmix32(c + 1);
  }

  const window = Math.min(ngram, length);
  let h = 0;
  for (let j = 0; j < window; j++) h = (Math.imul(h, P) + out[j]) | 0;
  if (length < ngram) {
    out[0] = fmix32(h ^ SHORT_TEXT_TAG ^ length);
    return 1;
  }

  let leadingPower = 1; // P^(ngram-1): weight of the character leaving the window
  for (let j = 1; j < ngram; j++) leadingPower = Math.imul(leadingPower, P);
  const count = length - ngram + 1;
  for (let i = 0; i < count; i++) {
    const leaving = out[i];
    out[i] = fmix32(h);
    if (i + 1 < count) h = (Math.imul((h - Math.imul(leaving, leadingPower)) | 0, P) + out[i + ngram]) | 0;
  }
  return count;
}
