// The prompts of the benchmark scripts DoIT runs (ChiyuSONG/dynamics-of-instruction-tuning, MIT, © Microsoft
// Corporation): evaluate/cmmlu/src/mp_utils.py (from haonan-li/CMMLU) and evaluate/agieval/src/dataset_loader.py
// (from ruixiangcui/AGIEval). Both score by the letter logits right after the `<assistant>` token; here that is the
// log-likelihood of each option letter as the continuation of the same context.
import type { ChatMessage } from '../backends/chat-format';
import { candidateLetters } from '../scoring';
import { pyStrip } from '../scoring/python-text';

/** What a benchmark prompt needs of an item (kept in the item's meta by the importers, as the source wrote it). */
export interface BenchmarkQuestion {
  /** CMMLU: the subject's Chinese name (中国历史), as in CMMLU's name_en2zh. */
  subjectName?: string;
  /** AGIEval: the passage before the question (logiqa-zh), or null. */
  passage?: string | null;
  question: string;
  /** The options as the source writes them: CMMLU's without letters, AGIEval's with its own ("(A)…", some "A．…"). */
  options: string[];
  /** The gold letter; exemplars show it. */
  gold: string;
}

/**
 * CMMLU (gen_prompt + format_example, no chain of thought): one user turn
 *
 *   以下是关于{subject}的单项选择题，请直接给出正确答案的选项。\n\n
 *   [per exemplar] 题目：{question}\nA. {A}\nB. {B}\nC. {C}\nD. {D}\n答案是：{gold}\n\n
 *   题目：{question}\nA. {A}\nB. {B}\nC. {C}\nD. {D}\n答案是：
 *
 * stripped (DoIT's process() tokenizes `s.strip()`), then `<eot><assistant>`.
 */
export function cmmluMessages(question: BenchmarkQuestion, exemplars: readonly BenchmarkQuestion[]): ChatMessage[] {
  if (!question.subjectName) throw new Error('a CMMLU question needs its subject name');
  let prompt = `以下是关于${question.subjectName}的单项选择题，请直接给出正确答案的选项。\n\n`;
  for (const exemplar of exemplars) prompt += `${cmmluQuestion(exemplar)}${exemplar.gold}\n\n`;
  prompt += cmmluQuestion(question);
  return [{ role: 'user', content: pyStrip(prompt) }];
}

function cmmluQuestion(q: BenchmarkQuestion): string {
  const letters = candidateLetters(q.options.length);
  return `题目：${q.question}${q.options.map((option, i) => `\n${letters[i]}. ${option}`).join('')}\n答案是：`;
}

/**
 * C-Eval (its evaluator's few-shot prompt, hkust-nlp/ceval code/evaluator_series, answer-only): one user turn
 *
 *   以下是中国关于{subject}考试的单项选择题，请选出其中的正确答案。\n\n
 *   [per exemplar] {question}\nA. {A}\nB. {B}\nC. {C}\nD. {D}\n答案：{gold}\n\n
 *   {question}\nA. {A}\nB. {B}\nC. {C}\nD. {D}\n答案：
 *
 * stripped as the CMMLU prompt is. The subject is the item's meta.subjectName, else its subset (the file's subject).
 */
export function cevalMessages(question: BenchmarkQuestion, exemplars: readonly BenchmarkQuestion[]): ChatMessage[] {
  if (!question.subjectName) throw new Error('a C-Eval question needs its subject');
  let prompt = `以下是中国关于${question.subjectName}考试的单项选择题，请选出其中的正确答案。\n\n`;
  for (const exemplar of exemplars) prompt += `${cevalQuestion(exemplar)}${exemplar.gold}\n\n`;
  prompt += cevalQuestion(question);
  return [{ role: 'user', content: pyStrip(prompt) }];
}

function cevalQuestion(q: BenchmarkQuestion): string {
  const letters = candidateLetters(q.options.length);
  return `${q.question}${q.options.map((option, i) => `\n${letters[i]}. ${option}`).join('')}\n答案：`;
}

/**
 * AGIEval, Chinese multiple choice. Zero-shot (convert_zero_shot), one user turn:
 *
 *   {passage}问题：{question} 选项：{options joined by ' '}\n答案：从A到D, 我们应选择
 *
 * Few-shot (combine_prompt + concat_prompt + convert_few_shot) is a conversation: per exemplar i (from 1) a user turn
 *
 *   问题 {i}.   {passage} {question}\n从以下选项中选择:    {options joined by ' '}\n答案：从A到D, 我们应选择
 *
 * and an assistant turn holding the gold letter; then the question as a user turn numbered n+1. Every turn is stripped.
 * "从A到D" names the last option's letter (DoIT: D, all its items have four options).
 */
export function agievalMessages(question: BenchmarkQuestion, exemplars: readonly BenchmarkQuestion[]): ChatMessage[] {
  if (exemplars.length === 0) {
    const prompt = `${question.passage ?? ''}问题：${question.question} 选项：${agievalOptions(question)}\n答案：从A到${lastLetter(question)}, 我们应选择`;
    return [{ role: 'user', content: pyStrip(prompt) }];
  }
  const messages: ChatMessage[] = [];
  exemplars.forEach((exemplar, i) => {
    messages.push({ role: 'user', content: agievalFewShotTurn(exemplar, i + 1) }, { role: 'assistant', content: exemplar.gold });
  });
  messages.push({ role: 'user', content: agievalFewShotTurn(question, exemplars.length + 1) });
  return messages;
}

function agievalFewShotTurn(q: BenchmarkQuestion, n: number): string {
  return pyStrip(`问题 ${n}.   ${q.passage ?? ''} ${q.question}\n从以下选项中选择:    ${agievalOptions(q)}\n答案：从A到${lastLetter(q)}, 我们应选择`);
}

/** AGIEval's options carry their own letters, not always as "(A)" (logiqa-zh writes "A．…" too): DoIT joins them as they are. */
function agievalOptions(q: BenchmarkQuestion): string {
  return q.options.join(' ');
}

function lastLetter(q: BenchmarkQuestion): string {
  return candidateLetters(q.options.length).at(-1)!;
}
