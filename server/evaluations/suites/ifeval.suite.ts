// IFEval (issue 15 item 7): one greedy generation per prompt through the back-ends' `generate` request, scored by the
// verifiable-instruction checkers (server/benchmarks/ifeval). Each item's verdict keeps, per instruction, its strict and
// loose outcome; the four metrics are aggregated from those in ../runner/ability-scores.ts.
import { checkResponse, IfevalPromptError, parseIfevalPrompt, type IfevalPrompt } from '../../benchmarks/ifeval';
import type { BackendRequest } from '../backends/backend.types';
import { promptContext } from '../backends/chat-format';
import { generationFor, requestId } from './request-results';
import type { EvalItem, ScoredResult, SkippedItem, SuitePlan } from './suite.types';

/**
 * Generation budget when `hyperParams.ifevalMaxNewTokens` is unset: IFEval asks for essays of hundreds of words (its
 * length checkers count up to ~1,200 words), and lm-evaluation-harness's ifeval task generates up to 1,280 tokens.
 */
export const IFEVAL_DEFAULT_MAX_NEW_TOKENS = 1280;

/** IFEval prompts are scored zero-shot. */
const SHOTS = 0;

export interface IfevalOptions {
  maxNewTokens: number;
}

/** The IFEval prompt of an item (its user turn, and the instructions its importer kept in meta), or why it has none. */
export function ifevalPromptOf(item: EvalItem): IfevalPrompt | string {
  const prompt = item.messages.find((m) => m.role === 'user')?.content;
  try {
    return parseIfevalPrompt({ key: item.itemId, prompt, instruction_id_list: item.meta.instruction_id_list, kwargs: item.meta.kwargs }, `ifeval item ${item.itemId}`);
  } catch (e) {
    if (e instanceof IfevalPromptError) return `${e.field}: ${e.reason} (re-import it with the ifeval adapter)`;
    throw e;
  }
}

export function planIfeval(items: EvalItem[], { maxNewTokens }: IfevalOptions): SuitePlan {
  if (!Number.isInteger(maxNewTokens) || maxNewTokens < 1) throw new RangeError(`maxNewTokens is a positive integer, got ${maxNewTokens}`);
  const requests: BackendRequest[] = [];
  const skipped: SkippedItem[] = [];
  const planned: Array<{ item: EvalItem; prompt: IfevalPrompt }> = [];
  const seen = new Set<number>();
  for (const item of items) {
    if (seen.has(item.itemId)) throw new Error(`item ${item.itemId} is given twice to the ifeval suite`);
    seen.add(item.itemId);
    const prompt = ifevalPromptOf(item);
    if (typeof prompt === 'string') {
      skipped.push({ itemId: item.itemId, ability: item.ability, reason: prompt });
      continue;
    }
    planned.push({ item, prompt });
    requests.push({ kind: 'generate', id: requestId(item, SHOTS, 'generate'), context: promptContext([{ role: 'user', content: prompt.prompt }]), maxTokens: maxNewTokens });
  }
  return {
    suite: 'ifeval',
    requests,
    skipped,
    score: (results) =>
      planned.map(({ item, prompt }): ScoredResult => {
        const response = generationFor(results, requestId(item, SHOTS, 'generate'), item).text;
        const { strict, loose } = checkResponse(prompt, response);
        const promptStrict = strict.every(Boolean);
        return {
          itemId: item.itemId,
          suite: 'ifeval',
          ability: item.ability,
          split: 'test',
          shots: SHOTS,
          answer: response,
          parsed: null,
          // the item's own score is its prompt-level strict verdict; the four metrics are aggregated from the details
          score: promptStrict ? 1 : 0,
          // IFEval has no random-guess baseline
          expected: 0,
          details: {
            via: 'ifeval-checkers',
            instructionIds: prompt.instructions.map((i) => i.id),
            strict,
            loose,
            promptStrict,
            promptLoose: loose.every(Boolean),
          },
        };
      }),
  };
}
