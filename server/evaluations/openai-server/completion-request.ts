/** The subset of OpenAI's `POST /v1/completions` body this server answers, validated field by field. */
export interface CompletionRequest {
  model: string | undefined;
  prompts: string[];
  maxTokens: number;
  logprobs: number | null;
  echo: boolean;
  stop: string[];
}

/** More than OpenAI's 5 and vLLM's default 20: a client may read a small vocabulary whole. */
export const MAX_LOGPROBS = 1000;

/** An OpenAI-shaped 400: `{ error: { message, type: 'invalid_request_error', param } }`. */
export class OpenAiRequestError extends Error {
  constructor(
    readonly param: string | null,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export function parseCompletionRequest(body: unknown): CompletionRequest {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new OpenAiRequestError(null, 'the request body must be a JSON object');
  const b = body as Record<string, unknown>;
  const prompt = b.prompt;
  const prompts = typeof prompt === 'string' ? [prompt] : Array.isArray(prompt) && prompt.length && prompt.every((p) => typeof p === 'string') ? (prompt as string[]) : null;
  if (!prompts) throw new OpenAiRequestError('prompt', 'prompt must be a string or a non-empty list of strings (token-id prompts are not served)');
  const maxTokens = b.max_tokens ?? 16;
  if (!Number.isInteger(maxTokens) || (maxTokens as number) < 0) throw new OpenAiRequestError('max_tokens', `max_tokens must be a non-negative integer, got ${JSON.stringify(b.max_tokens)}`);
  if (b.temperature !== undefined && b.temperature !== null && b.temperature !== 0) {
    throw new OpenAiRequestError('temperature', `only greedy decoding is served: temperature must be 0, got ${JSON.stringify(b.temperature)}`);
  }
  const n = b.n ?? 1;
  if (n !== 1) throw new OpenAiRequestError('n', `n must be 1 (greedy decoding gives one answer), got ${JSON.stringify(b.n)}`);
  const logprobs = b.logprobs ?? null;
  if (logprobs !== null && (!Number.isInteger(logprobs) || (logprobs as number) < 0 || (logprobs as number) > MAX_LOGPROBS)) {
    throw new OpenAiRequestError('logprobs', `logprobs must be an integer from 0 to ${MAX_LOGPROBS}, got ${JSON.stringify(b.logprobs)}`);
  }
  const echo = b.echo ?? false;
  if (typeof echo !== 'boolean') throw new OpenAiRequestError('echo', `echo must be a boolean, got ${JSON.stringify(b.echo)}`);
  const stopRaw = b.stop ?? [];
  const stop = typeof stopRaw === 'string' ? [stopRaw] : stopRaw;
  if (!Array.isArray(stop) || stop.length > 4 || !stop.every((s) => typeof s === 'string' && s)) {
    throw new OpenAiRequestError('stop', 'stop must be a non-empty string or a list of up to 4 of them');
  }
  if (b.stream) throw new OpenAiRequestError('stream', 'streaming is not served');
  if (maxTokens === 0 && !echo) throw new OpenAiRequestError('max_tokens', 'max_tokens 0 returns nothing without echo');
  if (b.model !== undefined && typeof b.model !== 'string') throw new OpenAiRequestError('model', 'model must be a string');
  return { model: b.model as string | undefined, prompts, maxTokens: maxTokens as number, logprobs: logprobs as number | null, echo, stop: stop as string[] };
}
