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
const TOKEN = new RegExp(`[${CJK}]|(?:(?![${CJK}])[\\p{L}\\p{N}\\p{M}])+`, 'gu');
const FORMAT = /\p{Cf}/gu;
const IS_CJK = new RegExp(`^[${CJK}]$`, 'u');

/** The tokens of a text (see the module comment). */
export function contaminationTokens(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().replace(FORMAT, '').match(TOKEN) ?? [];
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
