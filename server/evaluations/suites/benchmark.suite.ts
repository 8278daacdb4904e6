// Public multiple-choice benchmarks (CMMLU, AGIEval's Chinese MCQ subsets) scored as DoIT's scripts score them: the
// option letter the model finds most likely right after the prompt (./benchmark-prompts.ts).
import type { BackendRequest, BackendResult } from '../backends/backend.types';
import type { ChatMessage } from '../backends/chat-format';
import { promptContext } from '../backends/chat-format';
import { argmaxLetter, candidateLetters } from '../scoring';
import { agievalMessages, cmmluMessages, type BenchmarkQuestion } from './benchmark-prompts';
import { loglikelihoodFor, requestId } from './request-results';
import type { EvalItem, ScoredResult, SkippedItem, SuitePlan } from './suite.types';

export type BenchmarkSuite = 'cmmlu' | 'agieval';
export const BENCHMARK_SUITES: readonly BenchmarkSuite[] = ['cmmlu', 'agieval'];

/**
 * Exemplars per subset. The shared samples hold test rows only (no dev split), so the first five items of each subset,
 * in source order, are the 5-shot exemplars; they are held out in both settings, so 0-shot and 5-shot score the same
 * items and their numbers compare.
 */
export const EXEMPLARS_PER_SUBSET = 5;

const PROMPTS: Record<BenchmarkSuite, (q: BenchmarkQuestion, exemplars: readonly BenchmarkQuestion[]) => ChatMessage[]> = {
  cmmlu: cmmluMessages,
  agieval: agievalMessages,
};

/** `items` are one benchmark's items in source order, `ability` being the subset (chinese_history, gaokao-history, …). */
export function planBenchmark(suite: BenchmarkSuite, items: EvalItem[], shots: 0 | 5): SuitePlan {
  if (!BENCHMARK_SUITES.includes(suite)) throw new RangeError(`unknown benchmark suite '${String(suite)}'; known: ${BENCHMARK_SUITES.join(', ')}`);
  if (shots !== 0 && shots !== 5) throw new RangeError(`benchmarks are scored 0-shot or 5-shot, got ${String(shots)}`);
  const subsets = new Map<string, Array<{ item: EvalItem; question: BenchmarkQuestion }>>();
  const seen = new Set<number>();
  for (const item of items) {
    if (seen.has(item.itemId)) throw new Error(`item ${item.itemId} is given twice to the ${suite} suite`);
    seen.add(item.itemId);
    const question = benchmarkQuestion(suite, item);
    const list = subsets.get(item.ability) ?? [];
    list.push({ item, question });
    subsets.set(item.ability, list);
  }

  const requests: BackendRequest[] = [];
  const skipped: SkippedItem[] = [];
  const planned: Array<{ item: EvalItem; letters: string[]; exemplarIds: number[] }> = [];
  for (const [subset, list] of subsets) {
    const exemplars = list.slice(0, EXEMPLARS_PER_SUBSET);
    const exemplarIds = exemplars.map((e) => e.item.itemId);
    for (const { item } of exemplars) skipped.push({ itemId: item.itemId, ability: subset, reason: `one of the ${EXEMPLARS_PER_SUBSET} 5-shot exemplars of ${subset}, held out of scoring` });
    for (const { item, question } of list.slice(EXEMPLARS_PER_SUBSET)) {
      const context = promptContext(PROMPTS[suite](question, shots === 5 ? exemplars.map((e) => e.question) : []));
      const letters = candidateLetters(question.options.length);
      for (const letter of letters) requests.push({ kind: 'loglikelihood', id: requestId(item, shots, letter), context, continuation: letter });
      planned.push({ item, letters, exemplarIds: shots === 5 ? exemplarIds : [] });
    }
  }

  return {
    suite,
    requests,
    skipped,
    score: (results) => planned.map((p) => scoreOptions(suite, shots, p.item, p.letters, p.exemplarIds, results)),
  };
}

function scoreOptions(
  suite: BenchmarkSuite,
  shots: number,
  item: EvalItem,
  letters: string[],
  exemplarIds: number[],
  results: ReadonlyMap<string, BackendResult>,
): ScoredResult {
  const optionLogprobs: Record<string, number> = {};
  for (const letter of letters) optionLogprobs[letter] = loglikelihoodFor(results, requestId(item, shots, letter), item).logprob;
  const chosen = argmaxLetter(letters, optionLogprobs);
  return {
    itemId: item.itemId,
    suite,
    ability: item.ability,
    split: 'test',
    shots,
    answer: chosen,
    parsed: chosen,
    score: chosen === item.gold ? 1 : 0,
    expected: 1 / letters.length,
    details: { via: 'option-loglikelihood', gold: item.gold, optionLogprobs, exemplars: exemplarIds },
  };
}

/** The prompt material of a benchmark item, from the meta its importer wrote; a clear error naming the item otherwise. */
export function benchmarkQuestion(suite: BenchmarkSuite, item: EvalItem): BenchmarkQuestion {
  const where = `${suite} item ${item.itemId} (${item.ability})`;
  const { benchmark, subjectName, passage, question, options } = item.meta;
  if (benchmark !== undefined && benchmark !== suite) throw new Error(`${where} belongs to benchmark '${String(benchmark)}'`);
  if (typeof question !== 'string' || question.trim() === '') throw new Error(`${where}: meta.question is missing`);
  if (!Array.isArray(options) || options.length < 2 || options.some((o) => typeof o !== 'string')) {
    throw new Error(`${where}: meta.options must list at least two option texts`);
  }
  const letters = candidateLetters(options.length);
  if (!item.gold || !letters.includes(item.gold)) throw new Error(`${where}: gold '${String(item.gold)}' is not one of ${letters.join('')}`);
  if (suite === 'cmmlu' && (typeof subjectName !== 'string' || subjectName === '')) throw new Error(`${where}: meta.subjectName is missing`);
  return {
    subjectName: typeof subjectName === 'string' ? subjectName : undefined,
    passage: typeof passage === 'string' ? passage : null,
    question,
    options: options as string[],
    gold: item.gold,
  };
}
