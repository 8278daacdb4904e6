// Multiple-choice benchmarks (CMMLU, AGIEval's Chinese MCQ subsets, C-Eval subjects and any MCQ set registered through
// a CSV column mapping) scored as DoIT's scripts score CMMLU and AGIEval: the option letter the model finds most likely
// right after the prompt (./benchmark-prompts.ts).
import type { BackendRequest, BackendResult } from '../backends/backend.types';
import type { ChatMessage } from '../backends/chat-format';
import { promptContext } from '../backends/chat-format';
import { argmaxLetter, candidateLetters } from '../scoring';
import { agievalMessages, cevalMessages, cmmluMessages, type BenchmarkQuestion } from './benchmark-prompts';
import { MULTIPLE_CHOICE_SUITES, type MultipleChoiceSuite } from '../../benchmarks/benchmark-registry';
import { loglikelihoodFor, requestId } from './request-results';
import type { EvalItem, ScoredResult, SkippedItem, SuitePlan } from './suite.types';

/**
 * Exemplars per subset. A subset with a dev split (items whose meta.exemplar is true: C-Eval's `<subject>_dev.csv`, an
 * MCQ set's dev file) takes its first five dev items as the 5-shot exemplars, and none of its dev items is scored.
 * Otherwise (the shared CMMLU/AGIEval samples hold test rows only) the first five items of the subset, in source order,
 * are the exemplars. Either way they are held out in both settings, so 0-shot and 5-shot score the same items and their
 * numbers compare.
 */
export const EXEMPLARS_PER_SUBSET = 5;

const PROMPTS: Record<MultipleChoiceSuite, (q: BenchmarkQuestion, exemplars: readonly BenchmarkQuestion[]) => ChatMessage[]> = {
  cmmlu: cmmluMessages,
  agieval: agievalMessages,
  ceval: cevalMessages,
  // an MCQ set registered through a column mapping is prompted as CMMLU is, its subject being the set's name
  mcq: cmmluMessages,
};

/** An item of a dev split: a few-shot exemplar, never scored (meta.exemplar, written by the ceval and mcq_csv adapters). */
export const isDevExemplar = (item: EvalItem) => item.meta.exemplar === true;

/** `items` are one benchmark's items in source order, `ability` being the subset (chinese_history, gaokao-history, …). */
export function planBenchmark(suite: MultipleChoiceSuite, items: EvalItem[], shots: 0 | 5): SuitePlan {
  if (!MULTIPLE_CHOICE_SUITES.includes(suite)) throw new RangeError(`unknown multiple-choice suite '${String(suite)}'; known: ${MULTIPLE_CHOICE_SUITES.join(', ')}`);
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
    const dev = list.filter((e) => isDevExemplar(e.item));
    const heldOut = dev.length ? dev : list.slice(0, EXEMPLARS_PER_SUBSET);
    const exemplars = heldOut.slice(0, EXEMPLARS_PER_SUBSET);
    const exemplarIds = exemplars.map((e) => e.item.itemId);
    for (const { item } of heldOut) {
      const reason = dev.length
        ? `a dev item of ${subset} (a few-shot exemplar), never scored`
        : `one of the ${EXEMPLARS_PER_SUBSET} 5-shot exemplars of ${subset}, held out of scoring`;
      skipped.push({ itemId: item.itemId, ability: subset, reason });
    }
    const held = new Set(heldOut.map((e) => e.item.itemId));
    for (const { item, question } of list.filter((e) => !held.has(e.item.itemId))) {
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
  suite: MultipleChoiceSuite,
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
export function benchmarkQuestion(suite: MultipleChoiceSuite, item: EvalItem): BenchmarkQuestion {
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
    // a C-Eval subject or an MCQ set without a display name is named by its subset (the file's name)
    subjectName: typeof subjectName === 'string' && subjectName !== '' ? subjectName : suite === 'ceval' || suite === 'mcq' ? item.ability : undefined,
    passage: typeof passage === 'string' ? passage : null,
    question,
    options: options as string[],
    gold: item.gold,
  };
}
