/**
 * The two primitive requests every model back-end answers (as in lm-evaluation-harness); all scoring logic stays in
 * TypeScript (../scoring). Contexts and continuations are text in the conversation format of ./chat-format.ts; a
 * back-end prepends the tokenizer's BOS token to the context and tokenizes context and continuation separately.
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

export interface LoglikelihoodResult {
  id: string;
  /** Summed log-probability of the continuation's tokens given the context. */
  logprob: number;
  tokens: number;
  /** Whether greedy decoding would have produced the continuation. */
  greedy: boolean;
  tokenLogprobs?: number[];
}

export interface GenerateResult {
  id: string;
  /** Greedy generation, stopped at `<eot>` or EOS (neither included). */
  text: string;
  /** Log-softmax at the first generated position, at each candidate's first token. */
  candidateLogprobs?: Record<string, number>;
}

export type BackendResult = LoglikelihoodResult | GenerateResult;

export interface BackendProgress {
  done: number;
  total: number;
}

export interface ModelBackend {
  /** 'onnx' | 'torch' | 'openai' */
  readonly kind: string;
  loglikelihood(requests: LoglikelihoodRequest[], onProgress?: (p: BackendProgress) => void, signal?: AbortSignal): Promise<LoglikelihoodResult[]>;
  generate(requests: GenerateRequest[], onProgress?: (p: BackendProgress) => void, signal?: AbortSignal): Promise<GenerateResult[]>;
  close(): Promise<void>;
}
