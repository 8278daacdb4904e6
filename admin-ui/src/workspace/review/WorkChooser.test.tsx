import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../App';
import { saveSession } from '../../session';
import { listOf, stubApi, userWith, type FakeRequest } from '../../test/fakeApi';
import { fakeReviewServer, nextCalls } from '../testing/fakeReviewServer';
import { reviewLease } from '../testing/fixtures';
import { renderWorkspace, type Routes } from '../testing/renderWorkspace';

vi.mock('socket.io-client', async () => (await import('../../test/fakeSocket')).socketIoClient);

const ABILITIES = [
  { id: 1, key: 'history', nameEn: 'History', nameZh: '历史', description: '', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' },
  { id: 2, key: 'biology', nameEn: 'Biology', nameZh: '生物', description: '', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' },
];
/** GET /reviews/queue: 5 + 1 new items of history and biology, 2 validations of history, 1 distractor of biology. */
const DEPTH = {
  stages: { filter: 6, revision: 4, validation: 2, distractor_authoring: 3, distractor_review: 1 },
  byAbility: [
    { abilityId: 1, abilityKey: 'history', stage: 'filter', count: 5 },
    { abilityId: 1, abilityKey: 'history', stage: 'revision', count: 4 },
    { abilityId: 1, abilityKey: 'history', stage: 'validation', count: 2 },
    { abilityId: 2, abilityKey: 'biology', stage: 'filter', count: 1 },
    { abilityId: 2, abilityKey: 'biology', stage: 'distractor_review', count: 1 },
    { abilityId: 2, abilityKey: 'biology', stage: 'distractor_authoring', count: 3 },
  ],
};
const api = (leases = [reviewLease(1), reviewLease(2), reviewLease(3), reviewLease(4)]): Routes => ({
  ...fakeReviewServer(leases),
  'GET /api/abilities': () => listOf('abilities', ABILITIES),
  'GET /api/reviews/queue': () => ({ body: DEPTH }),
});
const settle = () => act(() => new Promise((r) => setTimeout(r, 30)));
const options = async () => (await screen.findAllByRole('option')).map((o) => o.textContent);
/** Where the signed-in annotator's choice is kept. */
const STORED = `pace.workspace.work.${userWith('annotator').id}`;
const releases = (seen: FakeRequest[]) => seen.filter((r) => r.path.endsWith('/release')).map((r) => r.path);

async function start(extra = {}) {
  const seen = renderWorkspace('/workspace/review', { ...api(), ...extra });
  expect(await screen.findByText('第1题：简述汉朝的建立过程。')).toBeInTheDocument();
  await waitFor(() => expect(nextCalls(seen, true)).toHaveLength(1));
  await settle();
  return seen;
}

beforeEach(() => localStorage.clear());
afterEach(() => localStorage.clear());

describe('review workspace: choosing the work (issue 16 item 2)', () => {
  it('offers each kind with how much waits, and asks only for the kind chosen, handing back what it held first', async () => {
    const user = userEvent.setup();
    const seen = await start();
    // with nothing chosen, next names neither kind nor ability: the lead's stage order decides
    expect(nextCalls(seen, false)[0].body).toEqual({});

    await user.click(within(screen.getByRole('group', { name: 'Work to review' })).getByRole('combobox', { name: 'Kind of work' }));
    // filtering 6, validation 2, distractor review 1 (revision and distractor writing are other screens' work)
    expect(await options()).toEqual(['All kinds (9)', 'Filtering (6)', 'Validation (2)', 'Distractor review (1)']);
    await user.click(screen.getByRole('option', { name: 'Validation (2)' }));

    // the item on screen and the one fetched ahead go back, before the next asks for validation only: else the
    // server could answer with a lease whose release then takes it away
    await waitFor(() => expect(nextCalls(seen, false)).toHaveLength(2));
    expect(releases(seen).sort()).toEqual(['/api/reviews/101/release', '/api/reviews/102/release']);
    const lastRelease = Math.max(...seen.filter((r) => r.path.endsWith('/release')).map((r) => seen.indexOf(r)));
    expect(seen.indexOf(nextCalls(seen, false)[1])).toBeGreaterThan(lastRelease);
    expect(nextCalls(seen, false)[1].body).toEqual({ kind: 'validation' });
    expect(JSON.parse(localStorage.getItem(STORED)!)).toEqual({ kind: 'validation', abilityId: null });
  });

  it('starts from the stored choice and offers the abilities with what waits of that kind', async () => {
    const user = userEvent.setup();
    localStorage.setItem(STORED, JSON.stringify({ kind: 'validation', abilityId: null }));
    const seen = await start();
    expect(nextCalls(seen, false)[0].body).toEqual({ kind: 'validation' });
    expect(screen.getByRole('combobox', { name: 'Kind of work' })).toHaveTextContent('Validation');
    expect(screen.getByRole('combobox', { name: 'Ability' })).toHaveTextContent('All abilities');

    await user.click(screen.getByRole('combobox', { name: 'Ability' }));
    // validation of history 2, of biology none
    expect(await options()).toEqual(['All abilities (2)', 'History (2)', 'Biology (0)']);
    await user.click(screen.getByRole('option', { name: 'History (2)' }));
    await waitFor(() => expect(nextCalls(seen, true).at(-1)?.body).toEqual({ kind: 'validation', abilityId: 1, prefetch: true }));
    expect(nextCalls(seen, false).at(-1)?.body).toEqual({ kind: 'validation', abilityId: 1 });
  });

  it('keeps each user\'s choice apart, and drops an ability that no longer exists', async () => {
    localStorage.setItem(STORED, JSON.stringify({ kind: 'distractor', abilityId: 99 }));
    // another annotator signed in on the same browser: their own (empty) choice
    const other = { ...userWith('annotator'), id: 'someone-else' };
    saveSession({ accessToken: 'access-1', expiresIn: 900, user: other });
    window.history.replaceState(null, '', '/workspace/review');
    const seen = stubApi({ 'GET /api/auth/me': () => ({ body: other }), 'GET /api/reviews/mine': () => ({ body: { today: 0, approvedToday: 0 } }), ...api() });
    render(<App />);
    await waitFor(() => expect(nextCalls(seen, false)).toHaveLength(1));
    expect(nextCalls(seen, false)[0].body).toEqual({});
    cleanup();

    const mine = renderWorkspace('/workspace/review', api());
    await waitFor(() => expect(nextCalls(mine, false).length).toBeGreaterThanOrEqual(2));
    expect(nextCalls(mine, false)[0].body).toEqual({ kind: 'distractor', abilityId: 99 });
    // ability 99 is not in the list: the choice falls back to any ability of the kind
    expect(nextCalls(mine, false).at(-1)?.body).toEqual({ kind: 'distractor' });
    expect(JSON.parse(localStorage.getItem(STORED)!)).toEqual({ kind: 'distractor', abilityId: null });
  });

  it('says when the chosen work is empty and goes back to all work in one click', async () => {
    const user = userEvent.setup();
    const queue = api();
    // no work of biology for this reviewer
    const next = queue['POST /api/reviews/next'];
    const seen = await start({ ...queue, 'POST /api/reviews/next': (req: FakeRequest) => ((req.body as { abilityId?: number }).abilityId === 2 ? { status: 204 } : next(req)) });
    await user.click(screen.getByRole('combobox', { name: 'Ability' }));
    await user.click(await screen.findByRole('option', { name: 'Biology (2)' }));
    expect(await screen.findByText(/Nothing of the work you chose is waiting for you/)).toBeInTheDocument();
    expect(screen.getByText('Nothing to do right now')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Show all work' }));
    expect(await screen.findByText('第3题：简述汉朝的建立过程。')).toBeInTheDocument();
    expect(nextCalls(seen, false).at(-1)?.body).toEqual({});
    expect(screen.getByRole('combobox', { name: 'Ability' })).toHaveTextContent('All abilities');
    expect(JSON.parse(localStorage.getItem(STORED)!)).toEqual({ kind: null, abilityId: null });
  });

  it('in 中文 names the kinds and the abilities in Chinese', async () => {
    const user = userEvent.setup();
    await start();
    await user.click(screen.getByRole('button', { name: 'English' }));
    await user.click(await screen.findByRole('menuitem', { name: '中文' }));
    await user.click(await screen.findByRole('combobox', { name: '能力' }));
    expect(await options()).toEqual(['全部能力 (9)', '历史 (7)', '生物 (2)']);
    await user.keyboard('{Escape}');
    await user.click(screen.getByRole('combobox', { name: '工作类型' }));
    expect(await options()).toEqual(['全部类型 (9)', '筛选 (6)', '复核 (2)', '干扰项审核 (1)']);
    await user.keyboard('{Escape}');

    await user.click(screen.getByRole('button', { name: '中文' }));
    await user.click(await screen.findByRole('menuitem', { name: 'English' }));
    await screen.findByRole('button', { name: 'English' });
  });
});
