import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FixtureLlmServer, startFixtureLlmServer } from '../../../test/utils/fixture-llm-server';
import { until } from '../../../test/utils/until';
import { Budget, FREE } from './budget';
import { ChatClient, ChatClientOptions } from './chat-client';
import { BudgetReached, LlmCancelled } from './llm-errors';
import { Permit, RateLimiter, type RateLimits } from './rate-limiter';
import { estimatePromptTokens } from './token-estimate';

/** Float rounding in the buckets, and a settle recorded in the millisecond before the limiter saw it. */
const CLOCK_SLACK_MS = 1;

interface Admission {
  at: number;
  reserved: number;
  settled: number | null;
  settledAt: number | null;
}

/**
 * A limiter that records, in order, when it admits each call (on its own clock, at the moment it decides: not when
 * the caller's await resumes, which a busy event loop delays) and what it reserved; and, through each permit, when
 * and with what the call was settled.
 */
function recordingLimiter(limits: RateLimits): { limiter: RateLimiter; admitted: Admission[] } {
  const admitted: Admission[] = [];
  const limiter = new RateLimiter(limits, Date.now, (at, reserved) => admitted.push({ at, reserved, settled: null, settledAt: null }));
  const acquire = limiter.acquire.bind(limiter);
  let claimed = 0;
  limiter.acquire = async (tokens, signal, onAbort): Promise<Permit> => {
    const permit = await acquire(tokens, signal, onAbort);
    // permits resolve in admission order, so the n-th to resume is the n-th admitted
    const entry = admitted[claimed++];
    return {
      settle: (actual) => {
        entry.settled = actual;
        entry.settledAt = Date.now();
        permit.settle(actual);
      },
      release: () => permit.release(),
    };
  };
  return { limiter, admitted };
}

// issue 15 item 3: the limits and the budget, measured at a real HTTP server on loopback (short windows so the file
// takes seconds).
describe(`${ChatClient.name} limits and budget`, () => {
  let server: FixtureLlmServer;
  const client = (o: Partial<ChatClientOptions> = {}) => new ChatClient({ baseUrl: server.baseUrl, model: 'fixture-model', retry: { baseDelayMs: 5, maxDelayMs: 20 }, ...o });
  const ask = (content: string) => ({ messages: [{ role: 'user' as const, content }] });

  beforeAll(async () => {
    server = await startFixtureLlmServer({ respond: (req) => `answer to ${req.messages[0].content}` });
  });
  afterAll(() => server.close());
  beforeEach(() => server.reset());

  it('issue 15 item 3: concurrency never exceeds the limit (the server records the most requests it held at once)', async () => {
    server.inject({ fault: { kind: 'slow', delayMs: 40 }, times: Infinity });
    const c = client({ limits: { concurrency: 3 } });
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => c.chat(ask(`q${i}`))));
    expect(results).toHaveLength(12);
    expect(server.maxInFlight).toBe(3);
    expect(c.limiter.stats()).toMatchObject({ inFlight: 0, peakInFlight: 3, queued: 0 });
  });

  it('issue 15 item 3: requests per window: a burst of the limit, then the steady rate', async () => {
    const windowMs = 400;
    const { limiter, admitted } = recordingLimiter({ concurrency: 50, requestsPerWindow: 4, windowMs });
    const c = client({ limiter });
    await Promise.all(Array.from({ length: 10 }, (_, i) => c.chat(ask(`q${i}`))));
    // every admitted call reached the server, each once
    expect(admitted).toHaveLength(10);
    expect(new Set(server.log.map((e) => e.key)).size).toBe(10);
    // a token bucket of 4 per 400 ms: the i-th admission (from 0) comes no sooner than (i − 3) × 100 ms after the
    // first. Admissions are timed where the limiter grants them: the server's arrival times add each connection's
    // own delay (a fresh socket for each call of the burst, a kept-alive one after), and the callers' awaits resume
    // late when the event loop is busy; neither is the limiter's doing.
    const t = admitted.map((a) => a.at);
    t.forEach((at, i) => expect(at - t[0]).toBeGreaterThanOrEqual(Math.max(0, (i - 3) * (windowMs / 4)) - CLOCK_SLACK_MS));
    // and the limit is used, not just respected: the burst went out at once
    expect(t[3] - t[0]).toBeLessThan(windowMs / 2);
  });

  it('issue 15 item 3: tokens per window: admitted by the estimate before the call, counted by the real usage after it', async () => {
    const windowMs = 400;
    const capacity = 300;
    const { limiter, admitted } = recordingLimiter({ concurrency: 50, tokensPerWindow: capacity, windowMs });
    const c = client({ limiter, defaultMaxTokens: 60 });
    const reserve = estimatePromptTokens(ask('q10').messages) + 60;
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => c.chat(ask(`q${i + 10}`))));
    // every call costs the same here (one-token question, three-token answer)
    const perCall = results[0].usage.totalTokens;
    expect(results.every((r) => r.usage.totalTokens === perCall && !r.usage.estimated)).toBe(true);
    expect(60 * perCall).toBeGreaterThan(capacity); // the window had to refill
    expect(reserve).toBeGreaterThan(perCall); // the estimate reserved more than was used, and the rest came back
    expect(admitted).toHaveLength(60);
    expect(admitted.every((a) => a.reserved === reserve && a.settled === perCall)).toBe(true);
    expect(server.log).toHaveLength(60);
    // Over every span of admissions [a, b], the bucket allows its capacity, the refill over b − a, and what calls
    // admitted before a gave back (reserve − real use) while the span ran; the real tokens of the span's calls stay
    // within that. Without the give-backs counted, calls would be admitted by their estimate only.
    for (let i = 0; i < admitted.length; i++) {
      let tokens = 0;
      for (let j = i; j < admitted.length; j++) {
        tokens += perCall;
        const [a, b] = [admitted[i].at, admitted[j].at];
        const givenBack = admitted.slice(0, i).filter((e) => e.settledAt !== null && e.settledAt >= a - CLOCK_SLACK_MS && e.settledAt <= b + CLOCK_SLACK_MS).length * (reserve - perCall);
        expect(tokens).toBeLessThanOrEqual(capacity + (capacity * (b - a + CLOCK_SLACK_MS)) / windowMs + givenBack);
      }
    }
  });

  it('issue 15 item 3: the token cap stops new calls with BudgetReached; calls in flight finish; nothing refused is sent', async () => {
    server.inject({ fault: { kind: 'slow', delayMs: 50 }, times: Infinity });
    const budget = new Budget({ maxTokens: 400 }, { 'fixture-model': FREE });
    const c = client({ limits: { concurrency: 8 }, defaultMaxTokens: 80, budget });
    const reserve = estimatePromptTokens(ask('q0').messages) + 80; // each call holds its worst case
    const fits = Math.floor(400 / reserve);
    const settled = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => c.chat(ask(`q${i}`))));
    const ok = settled.filter((s) => s.status === 'fulfilled');
    const refused = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
    expect(ok).toHaveLength(fits);
    expect(refused.every((r) => r.reason instanceof BudgetReached && r.reason.limit === 'tokens')).toBe(true);
    expect(server.log).toHaveLength(fits);
    const totals = budget.snapshot();
    expect(totals).toMatchObject({ calls: fits, reservedTokens: 0 });
    expect(totals.totalTokens).toBeLessThanOrEqual(400);
    // the finished calls used less than they held: room again for a call whose worst case fits
    const more = await c.chat(ask('again')).then(
      () => 'sent',
      (e) => (e instanceof BudgetReached ? 'refused' : e),
    );
    expect(more).toBe(400 - totals.totalTokens >= reserve ? 'sent' : 'refused');
  });

  it('issue 15 item 3: the money cap stops new calls; cost comes from the price table', async () => {
    const prices = { 'fixture-model': { inputPer1M: 1000, outputPer1M: 4000 } };
    const budget = new Budget({ maxCostUsd: 0.5 }, prices);
    const c = client({ limits: { concurrency: 1 }, defaultMaxTokens: 20, budget });
    let sent = 0;
    let refusal: unknown = null;
    for (let i = 0; i < 50 && !refusal; i++) {
      await c.chat(ask(`q${i}`)).then(
        (r) => {
          sent++;
          expect(r.costUsd).toBeCloseTo((r.usage.promptTokens * 1000 + r.usage.completionTokens * 4000) / 1e6, 12);
        },
        (e) => (refusal = e),
      );
    }
    expect(refusal).toBeInstanceOf(BudgetReached);
    expect((refusal as BudgetReached).limit).toBe('cost');
    expect(server.log).toHaveLength(sent);
    expect(budget.snapshot().costUsd).toBeLessThanOrEqual(0.5);
    expect(budget.snapshot().costUsd).toBeGreaterThan(0.5 - (estimatePromptTokens(ask('q10').messages) * 1000 + 20 * 4000) / 1e6);
  });

  it('issue 15 item 3: cancelling aborts the calls in flight and the queued ones, at once, and frees their budget', async () => {
    server.inject({ fault: { kind: 'slow', delayMs: 10_000 }, times: Infinity });
    const budget = new Budget({ maxTokens: 1e6 }, { 'fixture-model': FREE });
    const c = client({ limits: { concurrency: 2 }, budget });
    const ac = new AbortController();
    const calls = Array.from({ length: 4 }, (_, i) => c.chat(ask(`q${i}`), { signal: ac.signal }).catch((e) => e));
    await until('two calls in flight at the server', async () => server.inFlight === 2, 5000, 10);
    const t0 = Date.now();
    ac.abort();
    const errors = await Promise.all(calls);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(errors.every((e) => e instanceof LlmCancelled)).toBe(true);
    expect(errors[0].message).toBe(`the call to ${server.baseUrl}/chat/completions was cancelled`);
    // the server saw both connections closed before it answered; the queued two were never sent
    await until('the server to see both aborts', async () => server.log.filter((e) => e.aborted).length === 2, 5000, 10);
    expect(server.log).toHaveLength(2);
    expect(budget.snapshot()).toMatchObject({ calls: 0, reservedTokens: 0 });
    expect(c.limiter.stats()).toMatchObject({ inFlight: 0, queued: 0 });
  });

  it('issue 15 item 3: cancelling during a Retry-After wait stops waiting at once', async () => {
    server.inject({ fault: { kind: 'status', status: 429, retryAfter: '30' } });
    const ac = new AbortController();
    const call = client().chat(ask('q'), { signal: ac.signal }).catch((e) => e);
    await until('the 429', async () => server.log.find((e) => e.status === 429), 5000, 10);
    const t0 = Date.now();
    ac.abort();
    expect(await call).toBeInstanceOf(LlmCancelled);
    expect(Date.now() - t0).toBeLessThan(500);
    expect(server.log).toHaveLength(1);
  });
});
