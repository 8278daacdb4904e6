import type { BackendResult, GenerateResult, LoglikelihoodResult } from '../backends/backend.types';
import type { EvalItem } from './suite.types';

/** A request id: `<itemId>:<shots>:<part>` (part: `generate`, `gold`/`fine`/`coarse`, or an option letter). Stable across runs. */
export function requestId(item: Pick<EvalItem, 'itemId'>, shots: number, part: string): string {
  return `${item.itemId}:${shots}:${part}`;
}

function answerTo(results: ReadonlyMap<string, BackendResult>, id: string, item: EvalItem): BackendResult {
  const result = results.get(id);
  if (!result) throw new Error(`no result for request ${id} (item ${item.itemId}, ${item.ability}): the back-end left it unanswered`);
  return result;
}

export function generationFor(results: ReadonlyMap<string, BackendResult>, id: string, item: EvalItem): GenerateResult {
  const result = answerTo(results, id, item);
  if (typeof (result as GenerateResult).text !== 'string') {
    throw new Error(`request ${id} (item ${item.itemId}, ${item.ability}) is a generate request, but its result has no text`);
  }
  return result as GenerateResult;
}

export function loglikelihoodFor(results: ReadonlyMap<string, BackendResult>, id: string, item: EvalItem): LoglikelihoodResult {
  const result = answerTo(results, id, item) as LoglikelihoodResult;
  if (typeof result.logprob !== 'number' || typeof result.tokens !== 'number') {
    throw new Error(`request ${id} (item ${item.itemId}, ${item.ability}) is a loglikelihood request, but its result has no logprob/tokens`);
  }
  return result;
}
