import { LlmConfigError, LlmRequestTooLarge } from './llm-errors';

export interface RateLimits {
  /** Calls in flight at once. */
  concurrency: number;
  /** Requests per window (a token bucket of this size, refilled evenly over the window); unset: no limit. */
  requestsPerWindow?: number;
  /** Tokens (prompt + completion) per window, estimated before a call and corrected after it; unset: no limit. */
  tokensPerWindow?: number;
  /** The window of the two limits above; 60 000 ms (per minute) unless set (tests use short ones). */
  windowMs?: number;
}

/**
 * A token bucket: holds up to `capacity`, refills `capacity` per `windowMs` evenly. Over any interval of length t it
 * admits at most capacity + capacity · t / windowMs, so a full bucket allows one burst of `capacity` and from then
 * on the steady rate. Its level may go below zero when a call turns out to cost more than was reserved: later calls
 * then wait for the debt to refill.
 */
export class TokenBucket {
  private level: number;
  private last: number;

  constructor(
    readonly capacity: number,
    readonly windowMs: number,
    now: number,
  ) {
    this.level = capacity;
    this.last = now;
  }

  private refill(now: number): void {
    this.level = Math.min(this.capacity, this.level + ((now - this.last) * this.capacity) / this.windowMs);
    this.last = now;
  }

  /** Milliseconds until `amount` is available (0: now). */
  waitFor(amount: number, now: number): number {
    this.refill(now);
    return this.level >= amount ? 0 : Math.ceil(((amount - this.level) * this.windowMs) / this.capacity);
  }

  take(amount: number, now: number): void {
    this.refill(now);
    this.level -= amount;
  }

  /** Gives back (positive) or charges more (negative) after the real cost is known. */
  adjust(amount: number, now: number): void {
    this.refill(now);
    this.level = Math.min(this.capacity, this.level + amount);
  }

  available(now: number): number {
    this.refill(now);
    return this.level;
  }
}

/** An admitted call: `settle` corrects the token bucket with the real count, `release` frees the concurrency slot. */
export interface Permit {
  settle(actualTokens: number): void;
  release(): void;
}

interface Waiter {
  tokens: number;
  resolve: (permit: Permit) => void;
  reject: (e: Error) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

/**
 * Concurrency, requests-per-window and tokens-per-window in one FIFO queue: the call at the head is admitted when a
 * slot is free and both buckets hold what it needs, so a large call is not overtaken forever by small ones. One
 * limiter may be shared by the clients of one endpoint. `pauseUntil` holds every new admission (a 429's Retry-After
 * is about the endpoint, not one call).
 */
export class RateLimiter {
  readonly concurrency: number;
  readonly windowMs: number;
  private readonly requests?: TokenBucket;
  private readonly tokens?: TokenBucket;
  private readonly queue: Waiter[] = [];
  private inFlight = 0;
  private peak = 0;
  private pausedUntil = 0;
  private timer: NodeJS.Timeout | null = null;
  private timerAt = 0;

  /**
   * `onGrant`, when given, is told of each admission as the limiter makes it (its clock's time and the tokens reserved),
   * in admission order: tests check the buckets' bounds on these times, which no await or socket delays.
   */
  constructor(
    readonly limits: RateLimits,
    private readonly now: () => number = Date.now,
    private readonly onGrant?: (at: number, tokens: number) => void,
  ) {
    const positiveInt = (name: keyof RateLimits, v: number | undefined) => {
      if (v !== undefined && !(Number.isInteger(v) && v > 0)) throw new LlmConfigError(`limits.${name} must be a positive integer, got ${JSON.stringify(v)}`);
    };
    positiveInt('concurrency', limits.concurrency);
    positiveInt('requestsPerWindow', limits.requestsPerWindow);
    positiveInt('tokensPerWindow', limits.tokensPerWindow);
    positiveInt('windowMs', limits.windowMs);
    if (limits.concurrency === undefined) throw new LlmConfigError('limits.concurrency is required');
    this.concurrency = limits.concurrency;
    this.windowMs = limits.windowMs ?? 60_000;
    if (limits.requestsPerWindow) this.requests = new TokenBucket(limits.requestsPerWindow, this.windowMs, now());
    if (limits.tokensPerWindow) this.tokens = new TokenBucket(limits.tokensPerWindow, this.windowMs, now());
  }

  /** Waits for a slot and for `tokens` of the token budget; rejects with `onAbort()` when `signal` aborts first. */
  acquire(tokens: number, signal: AbortSignal | undefined, onAbort: () => Error): Promise<Permit> {
    if (this.tokens && tokens > this.tokens.capacity) return Promise.reject(new LlmRequestTooLarge(tokens, this.tokens.capacity));
    if (signal?.aborted) return Promise.reject(onAbort());
    return new Promise<Permit>((resolve, reject) => {
      const waiter: Waiter = { tokens, resolve, reject, signal };
      if (signal) {
        waiter.onAbort = () => {
          const i = this.queue.indexOf(waiter);
          if (i >= 0) this.queue.splice(i, 1);
          reject(onAbort());
          this.pump();
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.queue.push(waiter);
      this.pump();
    });
  }

  /** No admission before `epochMs` (a later pause wins over an earlier one). */
  pauseUntil(epochMs: number): void {
    if (epochMs <= this.pausedUntil) return;
    this.pausedUntil = epochMs;
    this.pump();
  }

  /** `pausedForMs`: how long admissions are still held by `pauseUntil` (0: not paused). */
  stats(): { inFlight: number; peakInFlight: number; queued: number; tokensAvailable: number | null; pausedForMs: number } {
    const now = this.now();
    return { inFlight: this.inFlight, peakInFlight: this.peak, queued: this.queue.length, tokensAvailable: this.tokens ? this.tokens.available(now) : null, pausedForMs: Math.max(0, this.pausedUntil - now) };
  }

  private pump(): void {
    while (this.queue.length) {
      const head = this.queue[0];
      const now = this.now();
      if (now < this.pausedUntil) return this.wake(this.pausedUntil - now);
      if (this.inFlight >= this.concurrency) return; // a release pumps again
      const wait = Math.max(this.requests?.waitFor(1, now) ?? 0, this.tokens?.waitFor(head.tokens, now) ?? 0);
      if (wait > 0) return this.wake(wait);
      this.queue.shift();
      if (head.onAbort) head.signal?.removeEventListener('abort', head.onAbort);
      this.requests?.take(1, now);
      this.tokens?.take(head.tokens, now);
      this.inFlight++;
      this.peak = Math.max(this.peak, this.inFlight);
      this.onGrant?.(now, head.tokens);
      head.resolve(this.permit(head.tokens));
    }
  }

  private permit(reserved: number): Permit {
    let settled = false;
    let released = false;
    return {
      settle: (actual) => {
        if (settled) return;
        settled = true;
        this.tokens?.adjust(reserved - actual, this.now());
        this.pump();
      },
      release: () => {
        if (released) return;
        released = true;
        this.inFlight--;
        this.pump();
      },
    };
  }

  private wake(ms: number): void {
    const at = this.now() + ms;
    if (this.timer && this.timerAt <= at) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.pump();
    }, ms);
  }
}
