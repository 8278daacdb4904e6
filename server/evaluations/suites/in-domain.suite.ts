// In-domain evaluation of DESIGN.md §1 (DoIT evaluate/): exact-match items by greedy generation and a per-type
// parser, open-ended items by the perplexity of the gold answer against its two distractors.
import type { BackendRequest, BackendResult } from '../backends/backend.types';
import { answerContinuation, promptContext } from '../backends/chat-format';
import { candidateLetters, expectedScore, scoreExactMatch, scoreOpenEnded, type ExactMatchType } from '../scoring';
import { generationFor, loglikelihoodFor, requestId } from './request-results';
import type { EvalItem, ScoredResult, SkippedItem, SuitePlan } from './suite.types';

export interface InDomainOptions {
  /** Generation budget of exact-match items. */
  maxNewTokens: number;
  /**
   * Which exact-match items also get a log-likelihood request of their gold answer, for its loss (`details.goldNll`,
   * and per ability `ability_scores.loss`: L_i of the probe study). Open-ended items measure it anyway (their gold
   * is one of the three ranked answers). Default `test`: L_i is a test loss, and a validation split, read every epoch
   * for the checkpoint choice, need not pay for it. The request is one forward pass over a few tokens, against a
   * generation of up to maxNewTokens steps for the same item.
   */
  goldLoss?: 'test' | 'all' | 'none';
}

/** In-domain items are scored once (no exemplars): every request id carries shots 0. */
const SHOTS = 0;
const OPEN_PARTS = ['gold', 'fine', 'coarse'] as const;

/**
 * How many choices (A…) a choice item offers. Imports do not store a count column: an item's `meta.choiceCount`
 * or its `meta.options` say it where the source gave one, otherwise DoIT's four.
 */
export function choiceCountOf(item: EvalItem): number {
  const declared = item.meta.choiceCount;
  if (typeof declared === 'number' && Number.isInteger(declared)) return declared;
  const options = item.meta.options;
  if (Array.isArray(options) && options.length >= 2) return options.length;
  return 4;
}

export function planInDomain(items: EvalItem[], { maxNewTokens, goldLoss = 'test' }: InDomainOptions): SuitePlan {
  if (!Number.isInteger(maxNewTokens) || maxNewTokens < 1) throw new RangeError(`maxNewTokens is a positive integer, got ${maxNewTokens}`);
  const measuresGold = (item: EvalItem) => goldLoss === 'all' || (goldLoss === 'test' && item.split === 'test');
  const requests: BackendRequest[] = [];
  const skipped: SkippedItem[] = [];
  const planned: EvalItem[] = [];
  const seen = new Set<number>();
  for (const item of items) {
    if (seen.has(item.itemId)) throw new Error(`item ${item.itemId} is given twice to the in-domain suite`);
    seen.add(item.itemId);
    const problem = unscorable(item);
    if (problem) {
      skipped.push({ itemId: item.itemId, ability: item.ability, reason: problem });
      continue;
    }
    planned.push(item);
    const context = promptContext(item.messages);
    if (item.questionFormat === 0) {
      const request: BackendRequest = { kind: 'generate', id: requestId(item, SHOTS, 'generate'), context, maxTokens: maxNewTokens };
      if (item.answerType === 'single_choice') request.candidates = candidateLetters(choiceCountOf(item));
      requests.push(request);
      if (measuresGold(item)) requests.push({ kind: 'loglikelihood', id: requestId(item, SHOTS, 'gold'), context, continuation: answerContinuation(item.gold!) });
    } else {
      OPEN_PARTS.forEach((part, i) => {
        requests.push({ kind: 'loglikelihood', id: requestId(item, SHOTS, part), context, continuation: answerContinuation(item.choices![i]) });
      });
    }
  }
  return {
    suite: 'in-domain',
    requests,
    skipped,
    score: (results) => planned.map((item) => (item.questionFormat === 0 ? scoreGeneration(item, results, measuresGold(item)) : scoreRanking(item, results))),
  };
}

/** Why an item cannot be scored in-domain, or null. */
function unscorable(item: EvalItem): string | null {
  if (!item.messages.some((m) => m.role === 'user')) return 'it has no user message to prompt with';
  if (item.questionFormat === 0) {
    if (item.answerType === 'open') return "an exact-match (format 0) item cannot have answer type 'open'";
    if (!item.gold) return 'an exact-match (format 0) item without a gold answer';
    return null;
  }
  if (!item.choices || item.choices.length !== 3 || item.choices.some((c) => typeof c !== 'string' || c.trim() === '')) {
    return 'an open-ended (format 1) item needs [gold, fine distractor, coarse distractor]; it has ' + (item.choices ? `${item.choices.length} choices` : 'none');
  }
  return null;
}

function base(item: EvalItem): Pick<ScoredResult, 'itemId' | 'suite' | 'ability' | 'split' | 'shots'> {
  return { itemId: item.itemId, suite: 'in-domain', ability: item.ability, split: item.split, shots: SHOTS };
}

/** The gold answer's mean negative log-likelihood per token (its `<eot>` included, as perplexity counts it). */
function goldNll(gold: { logprob: number; tokens: number }): number {
  return gold.tokens > 0 ? -gold.logprob / gold.tokens : NaN;
}

function scoreGeneration(item: EvalItem, results: ReadonlyMap<string, BackendResult>, measuresGold: boolean): ScoredResult {
  const id = requestId(item, SHOTS, 'generate');
  const generation = generationFor(results, id, item);
  const choiceCount = choiceCountOf(item);
  const exact = { answerType: item.answerType as ExactMatchType, gold: item.gold!, choiceCount };
  const singleChoice = item.answerType === 'single_choice';
  const verdict = scoreExactMatch(exact, generation.text, singleChoice ? generation.candidateLogprobs : undefined);
  const details: Record<string, unknown> = { via: verdict.via, gold: item.gold };
  if (singleChoice) {
    details.choiceCount = choiceCount;
    if (generation.candidateLogprobs) details.candidateLogprobs = generation.candidateLogprobs;
  }
  if (measuresGold) {
    const gold = loglikelihoodFor(results, requestId(item, SHOTS, 'gold'), item);
    details.goldNll = goldNll(gold);
    details.goldTokens = gold.tokens;
  }
  return {
    ...base(item),
    answer: generation.text,
    parsed: verdict.parsed,
    score: verdict.score,
    expected: expectedScore(exact),
    details,
  };
}

function scoreRanking(item: EvalItem, results: ReadonlyMap<string, BackendResult>): ScoredResult {
  const [gold, fine, coarse] = OPEN_PARTS.map((part) => loglikelihoodFor(results, requestId(item, SHOTS, part), item));
  const verdict = scoreOpenEnded({ sum: gold.logprob, tokens: gold.tokens }, { sum: fine.logprob, tokens: fine.tokens }, { sum: coarse.logprob, tokens: coarse.tokens });
  // The option the model ranked first: lowest perplexity, a tie going to the earlier (gold first, as the verdict does).
  let first = 0;
  verdict.perplexities.forEach((ppl, i) => {
    if (ppl < verdict.perplexities[first]) first = i;
  });
  const [pGold, pFine, pCoarse] = verdict.perplexities;
  return {
    ...base(item),
    answer: item.choices![first],
    parsed: OPEN_PARTS[first],
    score: verdict.score,
    expected: expectedScore({ answerType: 'open' }),
    details: {
      via: 'perplexity',
      perplexities: { gold: pGold, fine: pFine, coarse: pCoarse },
      logprobs: { gold: gold.logprob, fine: fine.logprob, coarse: coarse.logprob },
      tokens: { gold: gold.tokens, fine: fine.tokens, coarse: coarse.tokens },
      goldNll: goldNll(gold),
    },
  };
}
