/**
 * Typed errors of the chat client. Each has a `code` a job can branch on (pause on `budget_reached`, stop on
 * `cancelled`, fail the node on the rest) and a message that names the endpoint (origin and path, never the API key:
 * every server text that goes into a message passes through the key's redaction first).
 */
export type LlmErrorCode = 'config' | 'http' | 'attempts_exhausted' | 'bad_response' | 'budget_reached' | 'cancelled' | 'too_large' | 'secret';

export class LlmError extends Error {
  constructor(
    readonly code: LlmErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A setting is missing or wrong; names the setting. */
export class LlmConfigError extends LlmError {
  constructor(message: string) {
    super('config', message);
  }
}

/** A stored or referenced secret cannot be read (bad server key, tampered ciphertext, unset variable). */
export class LlmSecretError extends LlmError {
  constructor(message: string) {
    super('secret', message);
  }
}

/** The server answered an HTTP error that retrying cannot fix (400, 401, 403, 404, 422, …). */
export class LlmHttpError extends LlmError {
  constructor(
    readonly endpoint: string,
    readonly status: number,
    readonly serverMessage: string,
  ) {
    super('http', `${endpoint} answered ${status}: ${serverMessage}`);
  }
}

/** The answer was not an OpenAI chat completion (not JSON, or no choices). Retried like a 5xx. */
export class LlmBadResponse extends LlmError {
  constructor(
    readonly endpoint: string,
    detail: string,
  ) {
    super('bad_response', `${endpoint} answered something that is not a chat completion: ${detail}`);
  }
}

/** Every attempt failed with a retryable error (429, 5xx, network, timeout, bad body); `lastReason` says the last one. */
export class LlmAttemptsExhausted extends LlmError {
  constructor(
    readonly endpoint: string,
    readonly attempts: number,
    readonly lastReason: string,
  ) {
    super('attempts_exhausted', `${endpoint}: gave up after ${attempts} attempt${attempts === 1 ? '' : 's'}; the last one: ${lastReason}`);
  }
}

/** The call was cancelled through its AbortSignal, while waiting for a slot, sleeping before a retry, or in flight. */
export class LlmCancelled extends LlmError {
  constructor(endpoint: string) {
    super('cancelled', `the call to ${endpoint} was cancelled`);
  }
}

/** One call needs more tokens than the tokens-per-window limit ever allows: it could never be admitted. */
export class LlmRequestTooLarge extends LlmError {
  constructor(
    readonly tokens: number,
    readonly limit: number,
  ) {
    super('too_large', `the call needs about ${tokens} tokens (prompt estimate + max_tokens × n), more than the tokens-per-window limit of ${limit}; lower max_tokens or raise the limit`);
  }
}

/**
 * The budget cannot cover this call: what was spent plus the worst case of the calls in flight plus this call's
 * worst case would pass the cap. Thrown before anything is sent; calls already in flight finish and are counted.
 */
export class BudgetReached extends LlmError {
  constructor(
    readonly limit: 'tokens' | 'cost',
    readonly cap: number,
    readonly spent: number,
    readonly reserved: number,
    readonly needed: number,
  ) {
    const unit = limit === 'tokens' ? ' tokens' : ' USD';
    const fmt = (v: number) => (limit === 'tokens' ? String(v) : v.toFixed(6)) + unit;
    super('budget_reached', `budget reached: the ${limit} cap is ${fmt(cap)}; spent ${fmt(spent)}, ${fmt(reserved)} reserved by calls in flight, and the next call may need up to ${fmt(needed)}`);
  }
}
