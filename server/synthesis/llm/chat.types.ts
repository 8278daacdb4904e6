export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
  name?: string;
}

/** The sampling parameters sent as OpenAI's chat-completions fields (snake_case there). */
export interface SamplingParams {
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  /** Completions per prompt. */
  n?: number;
  seed?: number;
  stop?: string | string[];
}

export interface ChatRequest {
  messages: ChatMessage[];
  /** Merged over the client's defaults. */
  sampling?: SamplingParams;
}

export interface ChatCallOptions {
  /** Cancels waiting for a slot, a backoff sleep and the call in flight. */
  signal?: AbortSignal;
  /** Extra request headers (e.g. `x-pace-sample-index`); Authorization and Content-Type cannot be set here. */
  headers?: Record<string, string>;
}

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  /** True when the server sent no usage and these are the client's estimate. */
  estimated: boolean;
}

export interface ChatChoice {
  text: string;
  /** `stop`, `length`, … as the server said; null when it said nothing. */
  finishReason: string | null;
}

export interface ChatResult {
  /** The first choice's text and finish reason (n = 1, the usual case). */
  text: string;
  finishReason: string | null;
  choices: ChatChoice[];
  usage: TokenUsage;
  /** USD, from the price table; null when the model has no price there. */
  costUsd: number | null;
  /** The model the server says answered. */
  model: string;
  /** Attempts this call took (1 unless retried). */
  attempts: number;
}
