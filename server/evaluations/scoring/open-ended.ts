// Open-ended (question format 1) scoring of DoIT evaluate/pred.py and evaluate/scorer.py
// (ChiyuSONG/dynamics-of-instruction-tuning, MIT, © Microsoft Corporation).

/** A back-end's loglikelihood answer for one continuation: summed log-probability over its tokens, end-of-turn token included. */
export interface ContinuationLogprob {
  sum: number;
  tokens: number;
}

export interface OpenEndedVerdict {
  /** Perplexities of [gold, fine distractor, coarse distractor]. */
  perplexities: [number, number, number];
  score: 0 | 1;
}

/** PPL = exp(mean NLL over the answer tokens), as pred.py's CrossEntropyLoss over the labelled (answer + `<eot>`) positions. */
export function perplexity({ sum, tokens }: ContinuationLogprob): number {
  if (!Number.isInteger(tokens) || tokens < 1) throw new RangeError(`a continuation has at least one token (its end-of-turn), got ${tokens}`);
  if (Number.isNaN(sum) || sum > 0) throw new RangeError(`a summed log-probability is ≤ 0, got ${sum}`);
  return Math.exp(-sum / tokens);
}

/** Score 1 when the gold answer's perplexity is the lowest of the three; a tie counts for the gold, as scorer.py's `min(ppl) == ppl[0]`. */
export function scoreOpenEnded(gold: ContinuationLogprob, fine: ContinuationLogprob, coarse: ContinuationLogprob): OpenEndedVerdict {
  const perplexities: [number, number, number] = [perplexity(gold), perplexity(fine), perplexity(coarse)];
  return { perplexities, score: Math.min(...perplexities) === perplexities[0] ? 1 : 0 };
}
