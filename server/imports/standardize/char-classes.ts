const CJK_LETTER = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}\p{sc=Bopomofo}\u30fc]/u;
const LETTER_OR_DIGIT = /[\p{L}\p{Nd}]/u;

/** Han, kana, hangul or bopomofo. */
function isCjkLetter(cp: number): boolean {
  return cp >= 0x1100 && CJK_LETTER.test(String.fromCodePoint(cp));
}

/** CJK and full-width punctuation (ideographic space excluded: it is whitespace). */
function isCjkPunct(cp: number): boolean {
  return (
    (cp > 0x3000 && cp <= 0x303f) ||
    (cp >= 0xff01 && cp <= 0xff0f) ||
    (cp >= 0xff1a && cp <= 0xff20) ||
    (cp >= 0xff3b && cp <= 0xff40) ||
    (cp >= 0xff5b && cp <= 0xff65) ||
    (cp >= 0xfe10 && cp <= 0xfe1f) ||
    (cp >= 0xfe30 && cp <= 0xfe4f)
  );
}

/** A letter or digit of a non-CJK script (Latin, Greek, digits…). */
function isLatinLike(cp: number): boolean {
  if (cp < 0x80) return (cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122);
  return LETTER_OR_DIGIT.test(String.fromCodePoint(cp)) && !isCjkLetter(cp);
}

function isSpace(cp: number): boolean {
  return cp === 32 || cp === 10 || cp === 9 || (cp > 0x7f && /\s/.test(String.fromCodePoint(cp)));
}

export type CharClass = 'space' | 'cjk' | 'latin' | 'other';

const CLASSES: readonly CharClass[] = ['other', 'space', 'cjk', 'latin'];

function classify(cp: number): number {
  if (isSpace(cp)) return 1;
  if (isCjkLetter(cp) || isCjkPunct(cp)) return 2;
  return isLatinLike(cp) ? 3 : 0;
}

// classify() evaluated once per BMP code point: its Unicode-property regexes, run per character, dominated
// normalizeText. Astral code points (rare) are still classified one by one.
let bmpClasses: Uint8Array | null = null;

/** Whitespace; a CJK letter or CJK/full-width punctuation; a letter or digit of another script; anything else. */
export function charClass(cp: number): CharClass {
  if (cp < 0 || cp > 0xffff) return CLASSES[classify(cp)];
  if (!bmpClasses) {
    bmpClasses = new Uint8Array(0x10000);
    for (let c = 0; c < 0x10000; c++) bmpClasses[c] = classify(c);
  }
  return CLASSES[bmpClasses[cp]];
}

/** Code point ending just before index i (surrogate-aware), or -1 at the start. */
export function codePointBefore(s: string, i: number): number {
  if (i <= 0) return -1;
  const c = s.charCodeAt(i - 1);
  if (c >= 0xdc00 && c <= 0xdfff && i >= 2) {
    const h = s.charCodeAt(i - 2);
    if (h >= 0xd800 && h <= 0xdbff) return ((h - 0xd800) << 10) + (c - 0xdc00) + 0x10000;
  }
  return c;
}

/** Code point starting at index i, or -1 at the end. */
export function codePointAtOr(s: string, i: number): number {
  return i < s.length ? (s.codePointAt(i) as number) : -1;
}

/** Index where the code point ending just before i starts. */
export function startOfCodePointBefore(s: string, i: number): number {
  return codePointBefore(s, i) > 0xffff ? i - 2 : i - 1;
}
