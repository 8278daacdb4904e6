/**
 * What a model back-end answers, and how. The requests are the trainer's scoring protocol
 * (server/training/trainer-protocol.ts), which the torch scorer reads from a file; every back-end answers the same ones.
 */
import type { GenerateRequest, LoglikelihoodRequest } from '../../training/trainer-protocol';

export type { BackendRequest, GenerateRequest, LoglikelihoodRequest } from '../../training/trainer-protocol';

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
