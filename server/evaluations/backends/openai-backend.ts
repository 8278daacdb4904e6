import { BackendProgress, GenerateRequest, GenerateResult, LoglikelihoodRequest, LoglikelihoodResult, ModelBackend } from './backend.types';
import { EOT } from './chat-format';
import { BackendRequestError, checkRequests } from './request-checks';

export interface OpenAiBackendOptions {
  /** e.g. http://127.0.0.1:8000/v1 */
  baseUrl: string;
  model: string;
  apiKey?: string;
  /** Requests in flight at once. */
  concurrency?: number;
  /** Top log-probabilities asked for at the first generated position (vLLM's default cap is 20). */
  candidateTopLogprobs?: number;
}

interface CompletionLogprobs {
  tokens: string[];
  token_logprobs: (number | null)[];
  top_logprobs: (Record<string, number> | null)[] | null;
  text_offset: number[];
}

interface Completion {
  choices: { text: string; logprobs: CompletionLogprobs | null; finish_reason: string | null }[];
  usage?: { prompt_tokens: number; completion_tokens: number };
}

/**
 * Any OpenAI-compatible completions server that returns logprobs (vLLM, or `npm run cli -- serve-model`).
 * Log-likelihood: the context and continuation sent as one prompt with `echo`, and the echoed tokens' text offsets
 * split them (a token straddling the boundary counts as continuation). Generation: `temperature: 0`, stopped at
 * `<eot>`; the candidates' values come from the top log-probabilities of the first generated position, so a
 * candidate outside the top `candidateTopLogprobs` gets -Infinity.
 */
export class OpenAiBackend implements ModelBackend {
  readonly kind = 'openai';

  constructor(private readonly opts: OpenAiBackendOptions) {
    if (!/^https?:\/\//.test(opts.baseUrl ?? '')) throw new BackendRequestError(`baseUrl must be an http(s) URL of an OpenAI-compatible server, got ${JSON.stringify(opts.baseUrl)}`);
    if (!opts.model) throw new BackendRequestError('model (the name the server serves) is required for the openai back-end');
  }

  private async complete(body: Record<string, unknown>, signal?: AbortSignal): Promise<Completion> {
    const url = `${this.opts.baseUrl.replace(/\/$/, '')}/completions`;
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(this.opts.apiKey ? { authorization: `Bearer ${this.opts.apiKey}` } : {}) },
      body: JSON.stringify({ model: this.opts.model, temperature: 0, ...body }),
      signal,
    });
    const text = await res.text();
    if (!res.ok) {
      let message = text.slice(0, 500);
      try {
        message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? message;
      } catch {
        /* not JSON: keep the text */
      }
      throw new Error(`${url} answered ${res.status}: ${message}`);
    }
    const completion = JSON.parse(text) as Completion;
    if (!completion.choices?.[0]) throw new Error(`${url} answered no choices`);
    return completion;
  }

  private async each<T, R>(items: T[], fn: (item: T) => Promise<R>, onProgress?: (p: BackendProgress) => void, signal?: AbortSignal): Promise<R[]> {
    const results: R[] = new Array(items.length);
    let next = 0;
    let done = 0;
    const worker = async () => {
      while (next < items.length) {
        signal?.throwIfAborted();
        const i = next++;
        results[i] = await fn(items[i]);
        onProgress?.({ done: ++done, total: items.length });
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.opts.concurrency ?? 4, items.length) }, worker));
    return results;
  }

  async loglikelihood(requests: LoglikelihoodRequest[], onProgress?: (p: BackendProgress) => void, signal?: AbortSignal): Promise<LoglikelihoodResult[]> {
    checkRequests(requests, 'loglikelihood');
    return this.each(requests, (r) => this.loglikelihoodOne(r, signal), onProgress, signal);
  }

  private async loglikelihoodOne(r: LoglikelihoodRequest, signal?: AbortSignal): Promise<LoglikelihoodResult> {
    // max_tokens 1: some servers refuse 0; the one generated token is dropped
    const c = await this.complete({ prompt: r.context + r.continuation, max_tokens: 1, echo: true, logprobs: 1 }, signal);
    const choice = c.choices[0];
    const lp = choice.logprobs;
    if (!lp?.text_offset || !lp.token_logprobs || !lp.top_logprobs) throw new Error(`request ${r.id}: the server returned no echoed logprobs (does it support echo with logprobs?)`);
    const generated = Math.min(c.usage?.completion_tokens ?? 0, lp.tokens.length);
    const promptTokens = lp.tokens.length - generated;
    const promptEnd = generated ? lp.text_offset[promptTokens] : choice.text.length;
    const boundary = promptEnd - r.continuation.length;
    const tokenLogprobs: number[] = [];
    let greedy = true;
    for (let i = 0; i < promptTokens; i++) {
      const start = lp.text_offset[i];
      const end = i + 1 < promptTokens ? lp.text_offset[i + 1] : promptEnd;
      if (start < boundary && end <= boundary) continue;
      const value = lp.token_logprobs[i];
      if (value === null) throw new Error(`request ${r.id}: the server gave no logprob for continuation token ${i}`);
      tokenLogprobs.push(value);
      const top = Object.entries(lp.top_logprobs[i] ?? {}).sort((a, b) => b[1] - a[1])[0];
      if (!top || top[0] !== lp.tokens[i]) greedy = false;
    }
    if (!tokenLogprobs.length) throw new Error(`request ${r.id}: no echoed token fell in the continuation`);
    return { id: r.id, logprob: tokenLogprobs.reduce((a, b) => a + b, 0), tokens: tokenLogprobs.length, greedy, tokenLogprobs };
  }

  async generate(requests: GenerateRequest[], onProgress?: (p: BackendProgress) => void, signal?: AbortSignal): Promise<GenerateResult[]> {
    checkRequests(requests, 'generate');
    return this.each(requests, (r) => this.generateOne(r, signal), onProgress, signal);
  }

  private async generateOne(r: GenerateRequest, signal?: AbortSignal): Promise<GenerateResult> {
    const c = await this.complete({ prompt: r.context, max_tokens: r.maxTokens, stop: [EOT] }, signal);
    const result: GenerateResult = { id: r.id, text: c.choices[0].text };
    if (r.candidates?.length) {
      // a separate one-token call without stop strings: the first position's distribution, even when it is <eot>
      const first = await this.complete({ prompt: r.context, max_tokens: 1, logprobs: this.opts.candidateTopLogprobs ?? 20 }, signal);
      const top = first.choices[0].logprobs?.top_logprobs?.[0];
      if (!top) throw new Error(`request ${r.id}: the server returned no top logprobs for the first generated position`);
      result.candidateLogprobs = Object.fromEntries(r.candidates.map((cand) => [cand, candidateValue(top, cand)]));
    }
    return result;
  }

  async close(): Promise<void> {}
}

/**
 * A candidate's first token among the top logprobs: the candidate itself (or after a space), its first character,
 * else the longest `bytes:\x..` token (vLLM's name for a piece of a character) that starts its UTF-8 bytes.
 */
function candidateValue(top: Record<string, number>, candidate: string): number {
  const first = [...candidate][0];
  for (const key of [candidate, ` ${candidate}`, first, ` ${first}`]) if (key in top) return top[key];
  const utf8 = Buffer.from(candidate, 'utf8');
  let best: { length: number; value: number } | null = null;
  for (const [key, value] of Object.entries(top)) {
    const hex = /^bytes:((?:\\x[0-9a-f]{2})+)$/i.exec(key)?.[1];
    if (!hex) continue;
    const bytes = Buffer.from(hex.replace(/\\x/gi, ''), 'hex');
    if (bytes.length <= utf8.length && utf8.subarray(0, bytes.length).equals(bytes) && (!best || bytes.length > best.length)) best = { length: bytes.length, value };
  }
  return best?.value ?? -Infinity;
}
