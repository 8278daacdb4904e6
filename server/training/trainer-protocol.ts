import { createHash } from 'node:crypto';

/**
 * The trainer's scoring file protocol (workers/trainer/PROTOCOL.md): the requests it answers and the files it reads
 * and writes. Evaluations plans the requests and reads the results; training hands the request file to the trainer.
 *
 * The two primitive requests every model back-end answers (as in lm-evaluation-harness); all scoring logic stays in
 * TypeScript (server/evaluations/scoring). Contexts and continuations are text in the conversation format of
 * server/evaluations/backends/chat-format.ts; a back-end prepends the tokenizer's BOS token to the context and
 * tokenizes context and continuation separately.
 */
export interface LoglikelihoodRequest {
  kind: 'loglikelihood';
  id: string;
  context: string;
  continuation: string;
}

export interface GenerateRequest {
  kind: 'generate';
  id: string;
  context: string;
  maxTokens: number;
  /** Strings whose first token's log-probability at the first generated position is wanted (choice letters). */
  candidates?: string[];
}

export type BackendRequest = LoglikelihoodRequest | GenerateRequest;

/** The requests a run's trainer answers after each epoch (`train`'s scoreAfterEpoch), in the run's folder. */
export const EVAL_REQUESTS_FILE = 'eval-requests.jsonl';
/** The trainer's answers, in each checkpoint folder: a header line `{requestsSha256, requests, epoch, …}`, then one result per request. */
export const EVAL_RESULTS_FILE = 'eval-results.jsonl';

/** A request file's text: one JSON request a line. The trainer records the SHA-256 of exactly these bytes. */
export function requestFileText(requests: readonly BackendRequest[]): string {
  return requests.map((r) => JSON.stringify(r) + '\n').join('');
}

export function requestFileSha256(requests: readonly BackendRequest[]): string {
  return createHash('sha256').update(requestFileText(requests), 'utf8').digest('hex');
}
