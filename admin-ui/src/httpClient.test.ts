import { HttpError } from 'react-admin';
import { describe, expect, it, vi } from 'vitest';
import { downloadFile } from './download';
import { apiGet, authFetch, httpClient } from './httpClient';
import { readSession } from './session';
import { signedInAs, stubApi, userWith, type FakeRequest } from './test/fakeApi';
import { get as workspaceGet } from './workspace/shared/api';

const tokens = (n: number) => ({ accessToken: `access-${n}`, expiresIn: 900, user: userWith('lead') });

/** A route that refuses the first token (revoked on the server) and answers `body` to the refreshed one. */
const afterRefresh = (body: unknown) => (req: FakeRequest) =>
  req.authorization === 'Bearer access-2' ? { body } : { status: 401, body: { message: 'Invalid or expired token' } };

// issue 12 item 2: token refresh and bearer headers live in one fetch path (httpClient.ts); download.ts and the
// workspace's api.ts had their own copies of both.
describe('the one fetch path', () => {
  it('two calls refused with 401 at once share one refresh, and both succeed with the new token', async () => {
    signedInAs('lead');
    const seen = stubApi({
      'POST /api/auth/refresh': () => ({ body: tokens(2) }),
      'GET /api/reviews/queue': afterRefresh({ stages: {} }),
      'GET /api/reviews/mine': afterRefresh({ today: 3, approvedToday: 2 }),
    });
    const [queue, mine] = await Promise.all([apiGet<unknown>('/reviews/queue'), workspaceGet<unknown>('/reviews/mine')]);
    expect(queue).toEqual({ stages: {} });
    expect(mine).toEqual({ today: 3, approvedToday: 2 });
    expect(seen.filter((r) => r.path === '/api/auth/refresh')).toHaveLength(1);
    expect(seen.filter((r) => r.path !== '/api/auth/refresh').map((r) => `${r.path} ${r.authorization}`).sort()).toEqual([
      '/api/reviews/mine Bearer access-1',
      '/api/reviews/mine Bearer access-2',
      '/api/reviews/queue Bearer access-1',
      '/api/reviews/queue Bearer access-2',
    ]);
  });

  it('a download carries the bearer token, and a 401 is refreshed and retried like every other call', async () => {
    signedInAs('researcher');
    const createObjectURL = vi.fn((_blob: Blob) => 'blob:archive');
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const seen = stubApi({
      'POST /api/auth/refresh': () => ({ body: tokens(2) }),
      'GET /api/exports/e1/archive': afterRefresh('archive bytes'),
    });
    await downloadFile('/api/exports/e1/archive', 'export-e1.tar.gz');
    expect(seen.map((r) => `${r.method} ${r.path} ${r.authorization ?? ''}`.trim())).toEqual([
      'GET /api/exports/e1/archive Bearer access-1',
      'POST /api/auth/refresh',
      'GET /api/exports/e1/archive Bearer access-2',
    ]);
    expect(await createObjectURL.mock.calls[0][0].text()).toBe('"archive bytes"');
  });

  it('a refused refresh ends the session once for all callers: each gets a 401 HttpError, which signs out', async () => {
    signedInAs('lead');
    const seen = stubApi({
      'POST /api/auth/refresh': () => ({ status: 401, body: { message: 'Account is disabled or no longer exists' } }),
      'GET /api/auth/me': () => ({ status: 401, body: { message: 'Invalid or expired token' } }),
    });
    const errors = await Promise.all([httpClient('/api/auth/me').catch((e: unknown) => e), authFetch('/api/auth/me').catch((e: unknown) => e)]);
    for (const e of errors) {
      expect(e).toBeInstanceOf(HttpError);
      expect((e as HttpError).status).toBe(401);
    }
    expect(seen.filter((r) => r.path === '/api/auth/refresh')).toHaveLength(1);
    expect(readSession()).toBeNull();
  });
});
