import { render } from '@testing-library/react';
import { afterEach } from 'vitest';
import { App, i18nProvider } from '../App';
import { startEarlyReads } from '../boot';
import type { Role } from '../roles';
import { listOf, signedInAs, stubApi, userWith, type FakeRequest, type FakeResponse } from './fakeApi';

// The app's i18n provider is one per module, so a test's language outlives it: each test ends back in English, also
// when it failed or timed out in Chinese (which otherwise failed every later test of its file, in Chinese).
afterEach(async () => {
  if (i18nProvider.getLocale() !== 'en') await i18nProvider.changeLocale('en');
});

/**
 * The whole app at `path`, signed in as `role`, against an API whose lists are empty unless `api` answers the
 * route. Starts the early reads as main.tsx does. Returns the requests the app sent.
 */
export function renderAppAs(role: Role, { path = '/', api = {} }: { path?: string; api?: Record<string, (req: FakeRequest) => FakeResponse | Promise<FakeResponse>> } = {}) {
  signedInAs(role);
  window.history.replaceState(null, '', path);
  const seen = stubApi({
    'GET /api/auth/me': () => ({ body: userWith(role) }),
    ...Object.fromEntries(['users', 'abilities', 'sources', 'imports', 'items'].map((r) => [`GET /api/${r}`, () => listOf(r, [])])),
    ...api,
  });
  startEarlyReads(path);
  render(<App />);
  return seen;
}
