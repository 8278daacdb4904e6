import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { listOf, type FakeRequest, type FakeResponse } from '../test/fakeApi';
import { fakeSocket } from '../test/fakeSocket';
import { renderAppAs } from '../test/renderApp';
import type { MyWorkEntry, MyWorkItem } from './myWorkTypes';

const ABILITIES = [
  { id: 3, key: 'biology', nameEn: 'Biology', nameZh: '生物', description: '' },
  { id: 5, key: 'history', nameEn: 'History', nameZh: '历史', description: '' },
];

function entry(over: Partial<MyWorkEntry>): MyWorkEntry {
  return {
    id: 'decision-11',
    kind: 'decision',
    refId: '11',
    itemId: 7,
    abilityId: 5,
    abilityKey: 'history',
    instruction: '汉朝是谁建立的？',
    at: '2026-12-07T08:00:00.000Z',
    changedAt: null,
    roundKind: 'filter',
    decision: 'approve',
    reasons: [],
    comment: null,
    distractorKind: null,
    outcome: null,
    decidedAt: null,
    coReviewer: null,
    changeable: true,
    ...over,
  };
}

const OPEN = entry({ id: 'decision-12', refId: '12', itemId: 8, decision: 'reject', reasons: ['incorrect_answer'], comment: '答案错了' });
const DECIDED = entry({
  outcome: 'rejected',
  decidedAt: '2026-12-07T09:00:00.000Z',
  changeable: false,
  coReviewer: { reviewerId: 'u2', reviewerName: 'Bo', decision: 'reject', reasons: ['formatting'], comment: null, timeSpentMs: 1000, submittedAt: '2026-12-07T08:30:00.000Z' },
});
const REVISION = entry({ id: 'revision-3', kind: 'revision', refId: '3', itemId: 9, abilityId: 3, abilityKey: 'biology', roundKind: null, decision: null, comment: '更正', changeable: false });

type Routes = Record<string, (req: FakeRequest) => FakeResponse>;
function api(rows: MyWorkEntry[], over: Routes = {}): Routes {
  return {
    'GET /api/abilities': () => listOf('abilities', ABILITIES),
    'GET /api/reviews/mine/history': () => listOf('reviews/mine/history', rows),
    ...over,
  };
}

vi.mock('socket.io-client', async () => (await import('../test/fakeSocket')).socketIoClient);

const rowOf = async (itemId: number) => (await screen.findByRole('link', { name: `Open item #${itemId}` })).closest('tr')!;

describe('My work', () => {
  it('lists the annotator’s work: outcome and co-reviewer once decided, hidden while open, change only while open', async () => {
    const seen = renderAppAs('annotator', { path: '/my-work', api: api([OPEN, DECIDED, REVISION]) });
    const open = await rowOf(8);
    expect(within(open).getByText('Decision')).toBeInTheDocument();
    expect(within(open).getByText('Filtering')).toBeInTheDocument();
    expect(within(open).getByText('Reject')).toBeInTheDocument();
    expect(within(open).getByText('Incorrect answer')).toBeInTheDocument();
    expect(within(open).getByText('Open')).toBeInTheDocument();
    expect(within(open).getByText('Hidden until the round is decided')).toBeInTheDocument();
    expect(within(open).getByRole('button', { name: 'Change' })).toBeInTheDocument();

    const decided = await rowOf(7);
    expect(within(decided).getByText('Rejected')).toBeInTheDocument();
    expect(within(decided).getByText('Bo')).toBeInTheDocument();
    expect(within(decided).queryByText('Hidden until the round is decided')).toBeNull();
    expect(within(decided).queryByRole('button', { name: 'Change' })).toBeNull();

    const revision = await rowOf(9);
    expect(within(revision).getByText('Revision')).toBeInTheDocument();
    expect(within(revision).getByText('更正')).toBeInTheDocument();
    await waitFor(() => expect(within(revision).getByText('Biology')).toBeInTheDocument());

    const list = seen.find((r) => r.path === '/api/reviews/mine/history')!;
    expect(JSON.parse(list.search.get('sort')!)).toEqual(['at', 'DESC']);
    expect(JSON.parse(list.search.get('range')!)).toEqual([0, 9]);
  });

  it('shows the outcome and the co-reviewer as soon as the server says the round was decided, without a reload', async () => {
    let rows = [OPEN];
    renderAppAs('annotator', { path: '/my-work', api: api([], { 'GET /api/reviews/mine/history': () => listOf('reviews/mine/history', rows) }) });
    expect(within(await rowOf(8)).getByText('Hidden until the round is decided')).toBeInTheDocument();
    await waitFor(() => expect(fakeSocket.listening('work.changed')).toBe(true));
    rows = [{ ...OPEN, outcome: 'rejected', decidedAt: DECIDED.decidedAt, changeable: false, coReviewer: DECIDED.coReviewer }];
    act(() => fakeSocket.receive('work.changed', { today: 1, approvedToday: 0 }));
    await waitFor(async () => expect(within(await rowOf(8)).getByText('Bo')).toBeInTheDocument());
  });

  it('filters by outcome and kind through the API', async () => {
    const user = userEvent.setup();
    const seen = renderAppAs('annotator', { path: '/my-work', api: api([OPEN, DECIDED]) });
    await rowOf(8);
    await user.click(screen.getByRole('combobox', { name: 'Outcome' }));
    await user.click(await screen.findByRole('option', { name: 'Rejected' }));
    await waitFor(() => expect(seen.some((r) => r.path === '/api/reviews/mine/history' && JSON.parse(r.search.get('filter')!).outcome === 'rejected')).toBe(true));
    await user.click(screen.getByRole('combobox', { name: 'Kind' }));
    await user.click(await screen.findByRole('option', { name: 'Revision' }));
    await waitFor(() =>
      expect(seen.some((r) => r.path === '/api/reviews/mine/history' && JSON.stringify(JSON.parse(r.search.get('filter')!)) === JSON.stringify({ outcome: 'rejected', kind: 'revision' }))).toBe(
        true,
      ),
    );
  });

  it('changes an open decision: needs a reason to reject, sends it, shows the refreshed list; a 409 is shown as the server says', async () => {
    const user = userEvent.setup();
    let changed = false;
    let refuse = false;
    const seen = renderAppAs('annotator', {
      path: '/my-work',
      api: api([], {
        'GET /api/reviews/mine/history': () =>
          listOf('reviews/mine/history', [changed ? { ...OPEN, decision: 'approve', reasons: [], comment: null, changedAt: '2026-12-07T10:00:00.000Z' } : { ...OPEN, decision: 'approve', reasons: [], comment: null }]),
        'PUT /api/reviews/12/decision': () => {
          if (refuse) return { status: 409, body: { message: 'Round 5 is already decided (accepted): its decisions are final' } };
          changed = true;
          return { body: { leaseId: '12', roundId: '5', itemId: 8, decision: 'reject', reasons: ['formatting'], comment: null, changedAt: '2026-12-07T10:00:00.000Z' } };
        },
      }),
    });
    const row = await rowOf(8);
    await user.click(within(row).getByRole('button', { name: 'Change' }));
    const dialog = await screen.findByRole('dialog', { name: 'Change your decision on item #8' });
    await user.click(within(dialog).getByRole('radio', { name: 'Reject' }));
    expect(within(dialog).getByText('Pick at least one reason.')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Save the change' })).toBeDisabled();
    await user.click(within(dialog).getByRole('checkbox', { name: 'Formatting' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save the change' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(seen.find((r) => r.method === 'PUT')!.body).toEqual({ decision: 'reject', reasons: ['formatting'] });
    expect(await within(await rowOf(8)).findByText(/^changed /)).toBeInTheDocument();

    refuse = true;
    await user.click(within(await rowOf(8)).getByRole('button', { name: 'Change' }));
    const again = await screen.findByRole('dialog');
    await user.click(within(again).getByRole('button', { name: 'Save the change' }));
    expect(await within(again).findByText(/already decided \(accepted\)/)).toBeInTheDocument();
  });

  it('opens an item from the list: its content and the rounds the reviewer may see', async () => {
    const user = userEvent.setup();
    const item: MyWorkItem = {
      item: { id: 7, messages: [{ role: 'user', content: '汉朝是谁建立的？' }, { role: 'assistant', content: '刘邦。' }], gold: null, choices: null, questionFormat: 1, answerType: 'open', status: 'rejected' },
      ability: { id: 5, key: 'history', nameEn: 'History', nameZh: '历史' },
      rounds: [
        {
          id: '5',
          item_id: '7',
          kind: 'filter',
          revision_id: null,
          distractor_id: null,
          ability_id: 5,
          source_id: 's',
          status: 'decided',
          outcome: 'rejected',
          reviews_needed: 2,
          created_at: '2026-12-07T08:00:00.000Z',
          decided_at: '2026-12-07T09:00:00.000Z',
          reviewsIn: 2,
          decisions: [DECIDED.coReviewer!],
        },
      ],
    };
    renderAppAs('annotator', { path: '/my-work', api: api([DECIDED], { 'GET /api/reviews/mine/items/7': () => ({ body: item }) }) });
    await user.click(await screen.findByRole('link', { name: 'Open item #7' }));
    await waitFor(() => expect(window.location.pathname).toBe('/my-work/items/7'));
    expect(await screen.findByText('刘邦。')).toBeInTheDocument();
    expect(screen.getByText('Status now: Rejected')).toBeInTheDocument();
    const round = screen.getByRole('region', { name: 'Filtering' });
    expect(within(round).getByText(/Bo: Reject \(Formatting\)/)).toBeInTheDocument();
  });

  it('speaks Chinese', async () => {
    const user = userEvent.setup();
    renderAppAs('annotator', { path: '/my-work', api: api([OPEN]) });
    await rowOf(8);
    await user.click(screen.getByRole('button', { name: 'English' }));
    await user.click(await screen.findByRole('menuitem', { name: '中文' }));
    expect(await screen.findByText('本轮决定之前不可见')).toBeInTheDocument();
    expect(screen.getByRole('menuitem', { name: '我的工作' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '修改' })).toBeInTheDocument();
    // the app's i18n provider outlives the test: back to English for the next ones
    await user.click(screen.getByRole('button', { name: '中文' }));
    await user.click(await screen.findByRole('menuitem', { name: 'English' }));
    expect(await screen.findByText('Hidden until the round is decided')).toBeInTheDocument();
  });
});
