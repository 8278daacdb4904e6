// Per-item scoring of DoIT evaluate/utils.py (*_score functions) and evaluate/parse_utils.py
// evaluate_single_sample (ChiyuSONG/dynamics-of-instruction-tuning, MIT, © Microsoft Corporation).
import type { AnswerType } from '../../imports/import-types';
import { type LetterLogits, parseCloze, parseMultiChoice, parseSingleChoice, parseTrueFalse, trueFalseGold } from './choice-parsers';
import { isMathEquiv, parseMathAnswer } from './math-answer';
import { pyStrip } from './python-text';

export type ExactMatchType = Exclude<AnswerType, 'open'>;

/** What scoring needs of an exact-match (question format 0) item: its `answer_type`, `gold` and, for choice items, how many choices it offers. */
export interface ExactMatchItem {
  answerType: ExactMatchType;
  gold: string;
  /** Number of choices (A…); DoIT assumes 4. */
  choiceCount?: number;
}

export interface ExactMatchVerdict {
  /** The parser's reading of the generation (null: nothing usable, DoIT's 'E' / None). */
  parsed: string | null;
  score: 0 | 1;
  /** Whether a single choice was read from the first-token letter logits rather than the text. */
  via: 'text' | 'logits';
}

/**
 * Scores one greedy generation. The generation is stripped first, as DoIT's inference.py strips the
 * decoded response before anything parses it. Only single-choice items use `firstTokenLogits`.
 */
export function scoreExactMatch(item: ExactMatchItem, generation: string, firstTokenLogits?: LetterLogits): ExactMatchVerdict {
  const output = pyStrip(generation);
  switch (item.answerType) {
    case 'single_choice': {
      const { letter, via } = parseSingleChoice(output, item.choiceCount, firstTokenLogits);
      return { parsed: letter, score: letter === item.gold ? 1 : 0, via };
    }
    case 'multi_choice': {
      const letters = parseMultiChoice(output);
      return text(letters, letters === parseMultiChoice(item.gold));
    }
    case 'true_false': {
      const verdict = parseTrueFalse(output);
      return text(verdict, verdict === trueFalseGold(item.gold));
    }
    case 'cloze': {
      const answer = parseCloze(output);
      return text(answer, answer === item.gold);
    }
    case 'math': {
      const answer = parseMathAnswer(output);
      return text(answer, isMathEquiv(answer, item.gold));
    }
    default:
      throw new RangeError(`not an exact-match answer type: ${String((item as { answerType: unknown }).answerType)}`);
  }
}

function text(parsed: string | null, correct: boolean): ExactMatchVerdict {
  return { parsed, score: correct ? 1 : 0, via: 'text' };
}

/**
 * The random-guess score of an item: 1/n for n choices (DoIT: 0.25, and 0.33 for its three-choice
 * dialogue items), 1/2 for true/false, 1/C(n, k) for a k-letter multi-choice gold (DoIT: C(4, k)),
 * 0 for cloze and math, 1/3 for open-ended items (gold against two distractors).
 */
export function expectedScore(item: { answerType: AnswerType; gold?: string | null; choiceCount?: number }): number {
  const n = item.choiceCount ?? 4;
  switch (item.answerType) {
    case 'single_choice':
      return 1 / n;
    case 'multi_choice':
      return 1 / binomial(n, parseMultiChoice(item.gold ?? '').length);
    case 'true_false':
      return 1 / 2;
    case 'cloze':
    case 'math':
      return 0;
    case 'open':
      return 1 / 3;
  }
}

function binomial(n: number, k: number): number {
  if (k < 0 || k > n) throw new RangeError(`a ${k}-letter gold does not fit ${n} choices`);
  let result = 1;
  for (let i = 1; i <= k; i += 1) result = (result * (n - k + i)) / i;
  return Math.round(result);
}
