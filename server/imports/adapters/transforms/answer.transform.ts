import type { AnswerType } from '../../import-types';

function uniqueSorted(letters: string[]): string {
  return [...new Set(letters)].sort().join('');
}

/** DoIT's ethics rule: all A–F letters of the last non-empty line ("故本题选A和B。" → 'AB'). */
export function lastLineLetters(text: string): string | null {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const last = lines.at(-1);
  if (last === undefined) return null;
  const letters = last.match(/[A-F]/g);
  return letters ? uniqueSorted(letters) : null;
}

// Only explicit statements of the answer: "故C项正确" is avoided because explanations also say
// it about options that are correct statements when the question asks for the wrong one.
const STATED_CHOICE =
  /(?:答案(?:应?为|是|选)?|故选择?|应选择?|所以选择?|因此选择?|本题选择?|正确选项(?:为|是))\s*[:：]?\s*([A-F](?:\s*[、,，和及与]?\s*[A-F])*)(?![A-Za-z])/g;

/** The choice letters an exam explanation states as its answer ("因此答案为：A", "故选B"); the last statement wins. */
export function statedChoice(text: string): string | null {
  const matches = [...text.matchAll(STATED_CHOICE)];
  const last = matches.at(-1);
  return last ? uniqueSorted(last[1].match(/[A-F]/g) ?? []) : null;
}

const TRUE_FALSE = new Set(['正确', '错误', '对', '错']);

/** Answer type implied by a gold answer: letters → single/multi choice, 正确/错误/对/错 → true/false, else cloze. */
export function answerTypeOf(gold: string): AnswerType {
  const text = gold.trim();
  if (/^[A-F]$/.test(text)) return 'single_choice';
  if (/^[A-F]{2,6}$/.test(text) && new Set(text).size === text.length) return 'multi_choice';
  if (TRUE_FALSE.has(text)) return 'true_false';
  return 'cloze';
}

/** Content of the last `\boxed{…}` (braces balanced), as DoIT's math parser reads the final answer. */
export function boxed(text: string): string | null {
  const start = text.lastIndexOf('\\boxed{');
  if (start < 0) return null;
  let depth = 0;
  for (let i = start + '\\boxed'.length; i < text.length; i += 1) {
    if (text[i] === '{') depth += 1;
    if (text[i] === '}') {
      depth -= 1;
      if (depth === 0) return text.slice(start + '\\boxed{'.length, i);
    }
  }
  return null;
}
