// Ports of DoIT evaluate/parse_utils.py (ChiyuSONG/dynamics-of-instruction-tuning, MIT, © Microsoft Corporation).
import { PY_SPACE_CLASS, PY_WORD_CLASS, pyLen, pyStrip } from './python-text';

/** First-token logits over the candidate letters, as a back-end's `generate` returns them ({ A: 1.2, B: -0.3, … }). */
export type LetterLogits = Readonly<Record<string, number>>;

/** A parsed single choice and how it was read. `letter` null is DoIT's 'E' (nothing usable). */
export interface SingleChoiceParse {
  letter: string | null;
  via: 'text' | 'logits';
}

/** The first `count` letters from A: the candidates of an item with `count` choices. */
export function candidateLetters(count: number): string[] {
  if (!Number.isInteger(count) || count < 2 || count > 26) throw new RangeError(`a choice item has 2–26 choices, got ${count}`);
  return Array.from({ length: count }, (_, i) => String.fromCharCode(65 + i));
}

/**
 * parse_four_choices_candidates_tasks with choice_parse_mode 'both' (what evaluate/utils.py uses):
 * a stripped one-character answer is read as text; anything longer goes to the letter logits.
 * Without logits, the text is scanned for its first candidate letter (DoIT's 'text' mode).
 *
 * Deliberate difference: DoIT's fallback takes the logits of the *last* generated step
 * (inference.py keeps `outputs.scores[-1]`) over A–D whatever the item's choice count; here it is the
 * first generated token's distribution over the item's own candidate letters. The text reading keeps
 * DoIT's A–D (widened to the item's letters when it has more than four), so text verdicts are DoIT's.
 */
export function parseSingleChoice(generation: string, choiceCount = 4, firstTokenLogits?: LetterLogits): SingleChoiceParse {
  const answer = pyStrip(generation);
  if (pyLen(answer) !== 1 && firstTokenLogits) {
    return { letter: argmaxLetter(candidateLetters(choiceCount), firstTokenLogits), via: 'logits' };
  }
  const textLetters = new Set(candidateLetters(Math.max(4, choiceCount)));
  for (const c of answer) if (textLetters.has(c)) return { letter: c, via: 'text' };
  return { letter: null, via: 'text' };
}

/** np.argmax over the softmax of the letters' logits: the largest logit, ties to the earliest letter; a missing letter never wins. */
export function argmaxLetter(letters: readonly string[], logits: LetterLogits): string {
  let best = letters[0];
  let bestValue = -Infinity;
  for (const letter of letters) {
    const value = logits[letter] ?? -Infinity;
    if (value > bestValue) {
      best = letter;
      bestValue = value;
    }
  }
  return best;
}

/** extract_last_line: the last line (split on '\n') that is not blank; the whole string when every line is. */
function extractLastLine(s: string): string {
  const lines = s.split('\n');
  for (let i = lines.length - 1; i >= 0; i -= 1) if (pyStrip(lines[i]) !== '') return lines[i];
  return s;
}

/**
 * parse_multi_choices_tasks: the set of A–F letters on the last non-blank line (`\(*([A-F])\)*`
 * finds every capital A–F there, so "Answer: BD" reads as {A, B, D}, as in DoIT).
 * Returned as its sorted letters ('' for none), so equal strings mean equal sets. DoIT parses the gold the same way.
 */
export function parseMultiChoice(text: string): string {
  const letters = extractLastLine(text).match(/[A-F]/g) ?? [];
  return [...new Set(letters)].sort().join('');
}

const TRUE_WORDS = ['正确', '对', 'T', '√', 'V'];
const FALSE_WORDS = ['错误', '错', 'F', '×', 'X'];

/**
 * parse_tf_choice with tf_parse_mode 'text' (history_score's default): 'T' when only true words occur
 * (正确/对/T/√/V, anywhere, case-sensitive — so "不对" is 'T'), 'F' when only false words do
 * (错误/错/F/×/X), otherwise null (DoIT's 'E'). DoIT never applies logits to true/false items.
 */
export function parseTrueFalse(generation: string): 'T' | 'F' | null {
  const hasTrue = TRUE_WORDS.some((w) => generation.includes(w));
  const hasFalse = FALSE_WORDS.some((w) => generation.includes(w));
  if (hasTrue && !hasFalse) return 'T';
  if (hasFalse && !hasTrue) return 'F';
  return null;
}

/** history_score's label mapping: a gold in the true set is 'T', one in the false set 'F'; DoIT asserts nothing else occurs. */
export function trueFalseGold(gold: string): 'T' | 'F' {
  if (TRUE_WORDS.includes(gold)) return 'T';
  if (FALSE_WORDS.includes(gold)) return 'F';
  throw new RangeError(`true/false gold must be one of ${[...TRUE_WORDS, ...FALSE_WORDS].join(' ')}, got '${gold}'`);
}

// `[\u4e00-\u9fff]+.*?[^\w\s]*` with Python's Unicode \w and \s: a run of CJK ideographs and the
// punctuation right after it (the lazy `.*?` always matches nothing here).
const CLOZE_SPAN = new RegExp(`[\\u4e00-\\u9fff]+[^\\n]*?[^${PY_WORD_CLASS}${PY_SPACE_CLASS}]*`, 'u');

/**
 * parse_single_cloze_zh: the first run of Chinese characters (with any punctuation that follows it),
 * stripped; the stripped answer when it has none. "答案是：春天。" reads as "答案是：", as in DoIT.
 */
export function parseCloze(generation: string): string {
  const answer = pyStrip(generation);
  const match = CLOZE_SPAN.exec(answer);
  return match ? pyStrip(match[0]) : answer;
}
