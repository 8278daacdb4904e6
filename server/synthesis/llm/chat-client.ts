import { inspect } from 'node:util';
import { fullJitterDelay, parseRetryAfter, sleep } from './backoff';
import { Budget, Reservation } from './budget';
import type { ChatCallOptions, ChatChoice, ChatRequest, ChatResult, SamplingParams, TokenUsage } from './chat.types';
import { LlmAttemptsExhausted, LlmBadResponse, LlmCancelled, LlmConfigError, LlmError, LlmHttpError } from './llm-errors';
import { RateLimiter, RateLimits } from './rate-limiter';
import type { Secret } from './secret';
import { estimatePromptTokens, estimateTextTokens } from './token-estimate';

export interface RetryOptions {
  /** Attempts per call, the first included (default 5). */
  maxAttempts?: number;
  /** Backoff: full jitter in [0, min(maxDelayMs, baseDelayMs · 2^retry)) (defaults 500 ms and 30 s). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A Retry-After longer than this fails the call instead of waiting (default 5 minutes). */
  maxRetryAfterMs?: number;
}

export interface ChatClientOptions {
  /** The OpenAI-compatible API root, e.g. http://127.0.0.1:8000/v1 (vLLM), http://127.0.0.1:11434/v1 (Ollama). */
  baseUrl: string;
  model: string;
  /** Sent as `Authorization: Bearer …`; a local server usually needs none. */
  apiKey?: Secret;
  /** Sampling defaults, overridden per call. */
  defaults?: SamplingParams;
  /** max_tokens when neither the call nor the defaults set one: every call is sent with a bound (budgets need it). */
  defaultMaxTokens?: number;
  /** Built from these unless `limiter` is given (share one limiter among the clients of one endpoint). */
  limits?: RateLimits;
  limiter?: RateLimiter;
  retry?: RetryOptions;
  /** Per attempt (default 120 s); a timed-out attempt is retried like a network error. */
  timeoutMs?: number;
  budget?: Budget;
  /** For tests: the jitter's random source. */
  random?: () => number;
}

interface Attempt {
  ok: true;
  result: Omit<ChatResult, 'attempts' | 'costUsd'>;
}
interface Failure {
  ok: false;
  error: LlmError;
  retryable: boolean;
  retryAfterMs: number | null;
}

interface WireCompletion {
  model?: string;
  choices?: { message?: { content?: string | null }; finish_reason?: string | null }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number };
}

const RESERVED_HEADERS = new Set(['authorization', 'content-type', 'content-length', 'host']);

/**
 * A chat-completions client for any OpenAI-compatible endpoint, with the limits a long synthesis run needs:
 * concurrency, requests and tokens per window (see RateLimiter), retries with full-jitter exponential backoff on
 * 429, 5xx, timeouts, network errors and unreadable bodies (honouring Retry-After), a token/money budget (see Budget)
 * and cancellation through an AbortSignal.
 *
 * Plain `fetch` rather than the `openai` package: the same choice as the evaluation's OpenAiBackend; Node's fetch
 * (undici) keeps connections alive by default; and the package's own retries and timeouts would have to be switched
 * off to let the limiter and budget see every attempt, leaving little of it in use.
 *
 * The key: kept as a Secret, sent only in the Authorization header, and every server text that reaches an error
 * message is passed through its redaction; `toJSON` and `inspect` show whether there is a key, not what it is.
 */
export class ChatClient {
  readonly endpoint: string;
  readonly model: string;
  readonly limiter: RateLimiter;
  private readonly url: string;
  private readonly apiKey?: Secret;
  private readonly defaults: SamplingParams;
  private readonly retry: Required<RetryOptions>;
  private readonly timeoutMs: number;
  /** Running totals and caps; a fresh one with the default price table and no caps unless given. */
  readonly budget: Budget;
  private readonly random: () => number;

  constructor(opts: ChatClientOptions) {
    let url: URL;
    try {
      url = new URL(opts.baseUrl);
    } catch {
      throw new LlmConfigError('baseUrl must be the http(s) URL of an OpenAI-compatible API root, e.g. http://127.0.0.1:8000/v1');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new LlmConfigError(`baseUrl must be http or https, got ${url.protocol}`);
    // fetch refuses URLs with credentials, and they would show in messages: the key belongs in apiKey
    if (url.username || url.password) throw new LlmConfigError('baseUrl must not carry a user name or password; give the key as apiKey');
    if (!opts.model || typeof opts.model !== 'string') throw new LlmConfigError('model (the name the endpoint serves) is required');
    const root = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
    this.url = `${root}/chat/completions${url.search}`;
    this.endpoint = `${root}/chat/completions`;
    this.model = opts.model;
    this.apiKey = opts.apiKey;
    this.defaults = { ...opts.defaults, maxTokens: opts.defaults?.maxTokens ?? opts.defaultMaxTokens ?? 1024 };
    this.retry = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 30_000, maxRetryAfterMs: 300_000, ...opts.retry };
    if (!(Number.isInteger(this.retry.maxAttempts) && this.retry.maxAttempts >= 1)) throw new LlmConfigError(`retry.maxAttempts must be an integer ≥ 1, got ${JSON.stringify(this.retry.maxAttempts)}`);
    this.timeoutMs = opts.timeoutMs ?? 120_000;
    this.limiter = opts.limiter ?? new RateLimiter(opts.limits ?? { concurrency: 4 });
    this.budget = opts.budget ?? new Budget();
    this.random = opts.random ?? Math.random;
    checkSampling(this.defaults, 'defaults');
  }

  async chat(request: ChatRequest, opts: ChatCallOptions = {}): Promise<ChatResult> {
    const { signal } = opts;
    const cancelled = () => new LlmCancelled(this.endpoint);
    if (signal?.aborted) throw cancelled();
    if (!Array.isArray(request.messages) || !request.messages.length) throw new LlmConfigError('a chat request needs at least one message');
    // an explicit undefined in the call keeps the default (max_tokens must always be bounded)
    const sampling: SamplingParams = { ...this.defaults, ...Object.fromEntries(Object.entries(request.sampling ?? {}).filter(([, v]) => v !== undefined)) };
    checkSampling(sampling, 'sampling');
    const n = sampling.n ?? 1;
    const promptEstimate = estimatePromptTokens(request.messages);
    const worstCompletion = sampling.maxTokens! * n;
    const body = JSON.stringify({
      model: this.model,
      messages: request.messages,
      ...(sampling.temperature !== undefined && { temperature: sampling.temperature }),
      ...(sampling.topP !== undefined && { top_p: sampling.topP }),
      max_tokens: sampling.maxTokens,
      ...(sampling.n !== undefined && { n: sampling.n }),
      ...(sampling.seed !== undefined && { seed: sampling.seed }),
      ...(sampling.stop !== undefined && { stop: sampling.stop }),
    });
    const headers = this.headers(opts.headers);
    const reservation: Reservation = this.budget.reserve(this.model, promptEstimate, worstCompletion);
    try {
      let last: Failure | null = null;
      for (let attempt = 1; attempt <= this.retry.maxAttempts; attempt++) {
        const permit = await this.limiter.acquire(promptEstimate + worstCompletion, signal, cancelled);
        let outcome: Attempt | Failure;
        try {
          outcome = await this.attempt(body, headers, request, signal);
        } finally {
          permit.release();
        }
        if (outcome.ok) {
          permit.settle(outcome.result.usage.totalTokens);
          const costUsd = reservation.commit(outcome.result.usage);
          return { ...outcome.result, costUsd, attempts: attempt };
        }
        if (!outcome.retryable) throw outcome.error;
        last = outcome;
        if (attempt === this.retry.maxAttempts) break;
        let delay = fullJitterDelay(attempt - 1, this.retry.baseDelayMs, this.retry.maxDelayMs, this.random);
        if (outcome.retryAfterMs !== null) {
          if (outcome.retryAfterMs > this.retry.maxRetryAfterMs) {
            throw new LlmAttemptsExhausted(this.endpoint, attempt, `${outcome.error.message}; it asked to retry after ${Math.round(outcome.retryAfterMs / 1000)} s, longer than retry.maxRetryAfterMs (${Math.round(this.retry.maxRetryAfterMs / 1000)} s)`);
          }
          delay = outcome.retryAfterMs;
          this.limiter.pauseUntil(Date.now() + delay);
        }
        await sleep(delay, signal, cancelled);
      }
      throw new LlmAttemptsExhausted(this.endpoint, this.retry.maxAttempts, last!.error.message);
    } catch (e) {
      reservation.cancel();
      throw e;
    }
  }

  private headers(extra: Record<string, string> | undefined): Record<string, string> {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    for (const [name, value] of Object.entries(extra ?? {})) {
      if (RESERVED_HEADERS.has(name.toLowerCase())) throw new LlmConfigError(`the header ${name} is set by the client and cannot be given per call`);
      headers[name] = value;
    }
    if (this.apiKey) headers.authorization = `Bearer ${this.apiKey.reveal()}`;
    return headers;
  }

  private async attempt(body: string, headers: Record<string, string>, request: ChatRequest, signal: AbortSignal | undefined): Promise<Attempt | Failure> {
    // One controller per attempt, its timer cleared and its link to the caller's signal removed when the attempt ends:
    // AbortSignal.timeout would keep every attempt's signal (and what hangs on it) alive for the whole timeout, and
    // AbortSignal.any ties each one to a run-long signal — at hundreds of calls a second that is hundreds of MB.
    const attempt = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      attempt.abort();
    }, this.timeoutMs);
    const forward = () => attempt.abort();
    signal?.addEventListener('abort', forward, { once: true });
    let status: number;
    let text: string;
    let retryAfterMs: number | null = null;
    try {
      const res = await fetch(this.url, { method: 'POST', headers, body, signal: attempt.signal });
      status = res.status;
      if (!res.ok) retryAfterMs = parseRetryAfter(res.headers);
      text = await res.text();
    } catch (e) {
      if (signal?.aborted) throw new LlmCancelled(this.endpoint);
      const reason = timedOut ? `no answer within ${this.timeoutMs} ms` : `network error: ${this.redact(describeNetworkError(e))}`;
      return { ok: false, error: new LlmError('http', `${this.endpoint}: ${reason}`), retryable: true, retryAfterMs: null };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', forward);
    }
    if (status < 200 || status >= 300) {
      // redacted before it is cut short: a key across the cut would otherwise leave a fragment
      const error = new LlmHttpError(this.endpoint, status, serverMessage(this.redact(text)));
      return { ok: false, error, retryable: status === 408 || status === 409 || status === 429 || status >= 500, retryAfterMs };
    }
    let wire: WireCompletion;
    try {
      wire = JSON.parse(text) as WireCompletion;
    } catch (e) {
      return { ok: false, error: new LlmBadResponse(this.endpoint, `the body is not JSON (${(e as Error).message}); it starts ${JSON.stringify(this.redact(text).slice(0, 80))}`), retryable: true, retryAfterMs: null };
    }
    if (!Array.isArray(wire?.choices) || !wire.choices.length) {
      return { ok: false, error: new LlmBadResponse(this.endpoint, 'no choices'), retryable: true, retryAfterMs: null };
    }
    const choices: ChatChoice[] = wire.choices.map((c) => ({ text: typeof c?.message?.content === 'string' ? c.message.content : '', finishReason: c?.finish_reason ?? null }));
    const prompt = wire.usage?.prompt_tokens;
    const completion = wire.usage?.completion_tokens;
    const usage: TokenUsage =
      Number.isFinite(prompt) && Number.isFinite(completion)
        ? { promptTokens: prompt!, completionTokens: completion!, totalTokens: prompt! + completion!, estimated: false }
        : estimatedUsage(request, choices);
    return { ok: true, result: { text: choices[0].text, finishReason: choices[0].finishReason, choices, usage, model: typeof wire.model === 'string' ? wire.model : this.model } };
  }

  private redact(text: string): string {
    return this.apiKey ? this.apiKey.redact(text) : text;
  }

  /** What the client is, for logs: never the key. */
  toJSON(): Record<string, unknown> {
    return {
      endpoint: this.endpoint,
      model: this.model,
      hasApiKey: Boolean(this.apiKey),
      defaults: this.defaults,
      limits: this.limiter.limits,
      retry: this.retry,
      timeoutMs: this.timeoutMs,
      budget: this.budget.toJSON(),
    };
  }

  [inspect.custom](): string {
    return `ChatClient ${inspect(this.toJSON(), { depth: 4 })}`;
  }
}

function estimatedUsage(request: ChatRequest, choices: ChatChoice[]): TokenUsage {
  const promptTokens = estimatePromptTokens(request.messages);
  const completionTokens = choices.reduce((s, c) => s + estimateTextTokens(c.text), 0);
  return { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens, estimated: true };
}

function checkSampling(s: SamplingParams, where: string): void {
  const range = (name: keyof SamplingParams, v: unknown, lo: number, hi: number, integer = false) => {
    if (v === undefined) return;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < lo || v > hi || (integer && !Number.isInteger(v))) {
      throw new LlmConfigError(`${where}.${name} must be ${integer ? 'an integer' : 'a number'} in [${lo}, ${hi}], got ${JSON.stringify(v)}`);
    }
  };
  range('temperature', s.temperature, 0, 2);
  range('topP', s.topP, 0, 1);
  range('maxTokens', s.maxTokens, 1, 10_000_000, true);
  range('n', s.n, 1, 128, true);
  range('seed', s.seed, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, true);
  if (s.stop !== undefined && !(typeof s.stop === 'string' || (Array.isArray(s.stop) && s.stop.every((x) => typeof x === 'string')))) {
    throw new LlmConfigError(`${where}.stop must be a string or a list of strings`);
  }
}

/** The error's message from an OpenAI-style body (`{"error":{"message":…}}`), else the body's start. */
function serverMessage(text: string): string {
  try {
    const parsed = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
    const m = typeof parsed.error === 'string' ? parsed.error : (parsed.error?.message ?? parsed.message);
    if (typeof m === 'string' && m) return m.slice(0, 500);
  } catch {
    /* not JSON: the text itself */
  }
  return text.slice(0, 500) || '(empty body)';
}

/** fetch's "fetch failed" hides the reason in `cause` (ECONNRESET, ECONNREFUSED, UND_ERR_SOCKET, …). */
function describeNetworkError(e: unknown): string {
  const err = e as { message?: string; cause?: { code?: string; message?: string } };
  const cause = err?.cause;
  return [err?.message ?? String(e), cause?.code, cause?.message].filter(Boolean).join(': ');
}
