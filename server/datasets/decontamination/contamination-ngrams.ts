/**
 * The one n-gram rule of decontamination: the dataset freeze and the synthetic-data decontamination use these
 * tokens, n-grams and boilerplate cut-off, so "contaminated" means the same everywhere.
 *
 * Tokens: text is NFKC-folded and lowercased; whitespace, punctuation, symbols and invisible format characters only
 * separate tokens. Each CJK character (Han, hiragana, katakana) is a token of its own, so CJK text gives n code
 * points with whitespace and punctuation removed; any other run of letters, digits and marks is one token (a word),
 * so English text (IFEval, PRM800K, GLAN output) gives n words. n-character grams of English are two or three
 * words, which any two texts on one subject share.
 */

/** Default n: 13 (as GPT-3's decontamination), for CJK characters and words alike. */
export const CONTAMINATION_NGRAM = 13;

const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}';
const IS_CJK = new RegExp(`^[${CJK}]$`, 'u');
const IS_WORD = /^[\p{L}\p{N}\p{M}]$/u;
const SEPARATOR = 0;
const CJK_CHAR = 1;
const WORD_CHAR = 2;

function classify(char: string): number {
  return IS_CJK.test(char) ? CJK_CHAR : IS_WORD.test(char) ? WORD_CHAR : SEPARATOR;
}

// The classes of the BMP, computed once: a table lookup per character is several times faster than a regular
// expression with Unicode properties over the text.
let bmpClasses: Uint8Array | null = null;
function classes(): Uint8Array {
  if (bmpClasses) return bmpClasses;
  const table = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) if (c < 0xd800 || c >= 0xe000) table[c] = classify(String.fromCharCode(c));
  return (bmpClasses = table);
}

/** A text split into tokens: token i is `text.slice(starts[i], ends[i])` of the folded text. */
export interface Tokenized {
  /** The text NFKC-folded and lowercased. */
  text: string;
  count: number;
  starts: Int32Array;
  ends: Int32Array;
}

/** Splits a text into tokens (see the module comment) without making a string per token. */
export function tokenize(raw: string): Tokenized {
  const text = raw.normalize('NFKC').toLowerCase();
  const table = classes();
  const starts = new Int32Array(text.length);
  const ends = new Int32Array(text.length);
  let count = 0;
  let wordStart = -1;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const cls = cp > 0xffff ? classify(String.fromCodePoint(cp)) : table[cp];
    if (cls === WORD_CHAR) {
      if (wordStart < 0) wordStart = i;
    } else {
      if (wordStart >= 0) {
        starts[count] = wordStart;
        ends[count++] = i;
      }
      wordStart = -1;
      if (cls === CJK_CHAR) {
        starts[count] = i;
        ends[count++] = i + width;
      }
    }
    i += width;
  }
  if (wordStart >= 0) {
    starts[count] = wordStart;
    ends[count++] = text.length;
  }
  return { text, count, starts, ends };
}

/** The tokens of a text (see the module comment). */
export function contaminationTokens(text: string): string[] {
  const t = tokenize(text);
  return Array.from({ length: t.count }, (_, i) => t.text.slice(t.starts[i], t.ends[i]));
}

/** An n-gram as people read it: CJK characters run together, words are separated by a space. */
export function renderNgram(tokens: readonly string[]): string {
  let out = '';
  tokens.forEach((token, i) => {
    if (i > 0 && !(IS_CJK.test(token) && IS_CJK.test(tokens[i - 1]))) out += ' ';
    out += token;
  });
  return out;
}

/**
 * When a shared n-gram is boilerplate (a template, an instruction, common phrasing) rather than a copied item:
 * decided from the data, by its document frequency in the pooled corpus (every reference item and every candidate
 * item, each distinct text counted once). An n-gram present in more than
 *
 *     cutoff = max(minDocuments, ceil(fraction × documents))
 *
 * documents is boilerplate and never counts as contamination. A copied benchmark or test item shares n-grams with
 * its source and its few copies (identical copies are one document); an exam template or an instruction such as
 * "每小题给出的四个选项中只有一项是符合题目要求的" or "your entire response should be in english" recurs across many
 * unrelated items. minDocuments = 10 keeps small corpora from calling a copy boilerplate (an item would need more
 * than ten distinct near-copies); fraction = 1/1000 raises the bar in large corpora, where a popular problem can
 * reappear in dozens of scraped items and should still be caught.
 */
export const BOILERPLATE = { minDocuments: 10, fraction: 0.001 } as const;

export function boilerplateCutoff(documents: number, rule: { minDocuments: number; fraction: number } = BOILERPLATE): number {
  return Math.max(rule.minDocuments, Math.ceil(rule.fraction * documents));
}
