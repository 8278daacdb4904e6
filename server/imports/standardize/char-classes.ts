const CJK_LETTER = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}\p{sc=Bopomofo}\u30fc]/u;
const LETTER_OR_DIGIT = /[\p{L}\p{Nd}]/u;

function testCjkLetter(cp: number): boolean {
  return cp >= 0x1100 && CJK_LETTER.test(String.fromCodePoint(cp));
}

function testLatinLike(cp: number): boolean {
  if (cp < 0x80) return (cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122);
  return LETTER_OR_DIGIT.test(String.fromCodePoint(cp)) && !testCjkLetter(cp);
}

function testSpace(cp: number): boolean {
  return cp === 32 || cp === 10 || cp === 9 || (cp > 0x7f && /\s/.test(String.fromCodePoint(cp)));
}

const SPACE = 1;
const CJK = 2;
const LATIN = 4;

// The predicates above, evaluated once per BMP code point: the Unicode-property regexes per character
// dominated normalizeText. Astral code points (rare) still take the regexes.
let bmpClasses: Uint8Array | null = null;

function classesOf(cp: number): number {
  if (!bmpClasses) {
    const table = new Uint8Array(0x10000);
    for (let c = 0; c < 0x10000; c++) {
      table[c] = (testSpace(c) ? SPACE : 0) | (testCjkLetter(c) ? CJK : 0) | (testLatinLike(c) ? LATIN : 0);
    }
    bmpClasses = table;
  }
  return bmpClasses[cp];
}

/** Han, kana, hangul or bopomofo. */
export function isCjkLetter(cp: number): boolean {
  return cp >= 0 && cp <= 0xffff ? (classesOf(cp) & CJK) !== 0 : testCjkLetter(cp);
}

/** CJK and full-width punctuation (ideographic space excluded: it is whitespace). */
export function isCjkPunct(cp: number): boolean {
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
export function isLatinLike(cp: number): boolean {
  return cp >= 0 && cp <= 0xffff ? (classesOf(cp) & LATIN) !== 0 : testLatinLike(cp);
}

export function isSpace(cp: number): boolean {
  return cp >= 0 && cp <= 0xffff ? (classesOf(cp) & SPACE) !== 0 : testSpace(cp);
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
