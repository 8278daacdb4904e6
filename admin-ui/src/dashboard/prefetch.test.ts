import { afterEach, describe, expect, it, vi } from 'vitest';
import { signedInAs, stubApi } from '../test/fakeApi';
import { earlyReadsIn, prefetchDashboard, takePrefetched } from './prefetch';
import * as fx from './testing/fixtures';

const api = () =>
  stubApi({
    'GET /api/reviews/queue': () => ({ body: fx.queue }),
    'GET /api/agreement/pass-rates': () => ({ body: fx.passRatesOf(fx.byAbility) }),
  });

afterEach(() => vi.useRealTimers());

describe('dashboard prefetch', () => {
  it('starts queue depth and pass rates for a lead opening the dashboard, and hands each over once', async () => {
    signedInAs('lead');
    const seen = api();
    prefetchDashboard('/dashboard');
    const queue = takePrefetched('queue')!;
    expect(await queue.promise).toEqual(fx.queue);
    // the value is kept once it came, for a dashboard that mounts after the answer
    expect(queue.value).toEqual(fx.queue);
    expect(await takePrefetched('passRates')!.promise).toEqual(fx.passRatesOf(fx.byAbility));
    expect(takePrefetched('queue')).toBeUndefined();
    expect(seen.map((r) => r.path).sort()).toEqual(['/api/agreement/pass-rates', '/api/reviews/queue']);
  });

  it('reads nothing on another page, or for a role without the dashboard', async () => {
    signedInAs('lead');
    const seen = api();
    prefetchDashboard('/items');
    signedInAs('annotator');
    prefetchDashboard('/dashboard');
    expect(takePrefetched('queue')).toBeUndefined();
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual([]);
  });

  it('does not hand over a read older than five seconds', async () => {
    signedInAs('lead');
    api();
    const now = Date.now();
    const clock = vi.spyOn(Date, 'now').mockReturnValue(now);
    prefetchDashboard('/dashboard');
    clock.mockReturnValue(now + 5001);
    expect(takePrefetched('queue')).toBeUndefined();
    clock.mockRestore();
  });

  it('sends the session token as is, and leaves a session about to lapse to the usual path (which refreshes it)', async () => {
    signedInAs('lead');
    const seen = api();
    prefetchDashboard('/dashboard');
    await takePrefetched('queue')!.promise;
    expect(seen.every((r) => r.authorization === 'Bearer access-1')).toBe(true);
    signedInAs('lead', 20); // 20 s left: within the refresh margin
    const later = api();
    prefetchDashboard('/dashboard');
    expect(takePrefetched('queue')).toBeUndefined();
    await new Promise((r) => setTimeout(r, 20));
    expect(later).toEqual([]);
  });

  it('a refused read rejects (the dashboard then reads the usual way), and earlyReadsIn resolves once both are in', async () => {
    signedInAs('lead');
    stubApi({
      'GET /api/reviews/queue': () => ({ status: 401, body: { message: 'Unauthorized' } }),
      'GET /api/agreement/pass-rates': () => ({ body: fx.passRatesOf(fx.byAbility) }),
    });
    prefetchDashboard('/dashboard');
    const started = Date.now();
    await earlyReadsIn(5000);
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(takePrefetched('queue')!.promise).rejects.toThrow('GET /reviews/queue: 401');
    expect(takePrefetched('passRates')!.value).toEqual(fx.passRatesOf(fx.byAbility));
  });

  it('earlyReadsIn gives up after its bound when a read hangs, and resolves at once when nothing was started', async () => {
    signedInAs('lead');
    stubApi({
      'GET /api/reviews/queue': () => new Promise(() => undefined),
      'GET /api/agreement/pass-rates': () => ({ body: fx.passRatesOf(fx.byAbility) }),
    });
    prefetchDashboard('/dashboard');
    const started = Date.now();
    await earlyReadsIn(100);
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    prefetchDashboard('/items');
    const at = Date.now();
    await earlyReadsIn(5000);
    expect(Date.now() - at).toBeLessThan(50);
  });
});
