import { render } from '@testing-library/react';
import { App } from '../../App';
import { listOf, signedInAs, stubApi, userWith, type FakeRequest, type FakeResponse } from '../../test/fakeApi';

export type Routes = Record<string, (req: FakeRequest) => FakeResponse | Promise<FakeResponse>>;

/** The whole app at a workspace path, signed in as an annotator, against `api`; returns the requests sent. */
export function renderWorkspace(path: string, api: Routes): FakeRequest[] {
  signedInAs('annotator');
  window.history.replaceState(null, '', path);
  const seen = stubApi({
    'GET /api/auth/me': () => ({ body: userWith('annotator') }),
    'GET /api/abilities': () => listOf('abilities', []),
    'GET /api/reviews/mine': () => ({ body: { today: 0, approvedToday: 0 } }),
    ...api,
  });
  render(<App />);
  return seen;
}

/** A response the test hands out when it chooses. */
export function deferred<T = FakeResponse>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
