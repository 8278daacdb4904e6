/**
 * The synthesis pipeline's LLM access (issue 15 item 3): a chat-completions client for any OpenAI-compatible
 * endpoint with concurrency, requests/tokens-per-window limits, backoff honouring Retry-After, a token and money
 * budget, cancellation; the API key kept as a Secret (encrypted at rest or named by an environment variable).
 * No database and no Nest module here: the pipeline's jobs build a client per endpoint and share one Budget per run.
 */
export { fullJitterDelay, parseRetryAfter } from './backoff';
export { Budget, DEFAULT_PRICES, estimatePlan, FREE } from './budget';
export type { BudgetCaps, BudgetTotals, DryRunEstimate, ModelPrice, PlannedCalls, PriceTable } from './budget';
export { ChatClient } from './chat-client';
export type { ChatClientOptions, RetryOptions } from './chat-client';
export type { ChatCallOptions, ChatChoice, ChatMessage, ChatRequest, ChatResult, SamplingParams, TokenUsage } from './chat.types';
export { BudgetReached, LlmAttemptsExhausted, LlmBadResponse, LlmCancelled, LlmConfigError, LlmError, LlmHttpError, LlmRequestTooLarge, LlmSecretError } from './llm-errors';
export type { LlmErrorCode } from './llm-errors';
export { RateLimiter } from './rate-limiter';
export type { RateLimits } from './rate-limiter';
export { decryptSecret, encryptSecret, parseServerKey, resolveApiKey, Secret, SERVER_KEY_VARIABLE, serverKeyFromEnv } from './secret';
export type { ApiKeyRef } from './secret';
export { estimatePromptTokens, estimateTextTokens } from './token-estimate';
