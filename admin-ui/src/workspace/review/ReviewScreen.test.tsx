import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FakeRequest } from '../../test/fakeApi';
import { fakeSocket } from '../../test/fakeSocket';
import { fakeReviewServer, nextCalls } from '../testing/fakeReviewServer';
import { reviewLease } from '../testing/fixtures';
import { deferred, renderWorkspace } from '../testing/renderWorkspace';

vi.mock('socket.io-client', async () => (await import('../../test/fakeSocket')).socketIoClient);

const itemText = (n: number) => `第${n}题：简述汉朝的建立过程。`;
const decisions = (seen: FakeRequest[]) => seen.filter((r) => r.path.endsWith('/decision'));

/** Lets answered requests land: the fake fetch resolves on the next ticks. */
const settle = () => act(() => new Promise((r) => setTimeout(r, 30)));

/** Renders the review screen and waits until the first item is shown and the next one fetched ahead. */
async function startReviewing(leases = [reviewLease(1), reviewLease(2), reviewLease(3)], decide?: Parameters<typeof fakeReviewServer>[1], extra = {}) {
  const seen = renderWorkspace('/workspace/review', { ...fakeReviewServer(leases, decide), ...extra });
  expect(await screen.findByText(itemText(1))).toBeInTheDocument();
  await waitFor(() => expect(nextCalls(seen, true)).toHaveLength(1));
  await settle();
  return seen;
}

beforeEach(() => {
  fakeSocket.emitted.length = 0;
});

afterEach(() => {
  vi.useRealTimers();
});

describe('review workspace: keyboard', () => {
  it('approves with A and shows the prefetched item at once, before the decision is even answered', async () => {
    const user = userEvent.setup();
    const answer = deferred();
    const seen = await startReviewing(undefined, () => answer.promise);
    const before = seen.length;

    await user.keyboard('a');

    // on screen with no round trip: the decision is still unanswered and no next item was asked for
    expect(screen.getByText(itemText(2))).toBeInTheDocument();
    expect(screen.queryByText(itemText(1))).toBeNull();
    const sent = seen.slice(before);
    expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/reviews/101/decision']);
    expect(sent[0].body).toMatchObject({ decision: 'approve', reasons: [], idempotencyKey: expect.any(String), timeSpentMs: expect.any(Number) });

    // only once the decision is in does the next prefetch go out (it would otherwise get back the lease on screen)
    answer.resolve({ body: { outcome: null } });
    await waitFor(() => expect(nextCalls(seen, true)).toHaveLength(2));
    expect(seen.indexOf(nextCalls(seen, true)[1])).toBeGreaterThan(seen.indexOf(sent[0]));
    await settle();
    await user.keyboard('a');
    expect(screen.getByText(itemText(3))).toBeInTheDocument();
    expect(nextCalls(seen, false)).toHaveLength(1);
  });

  it('rejects with R, number keys toggling reasons, and Enter', async () => {
    const user = userEvent.setup();
    const seen = await startReviewing();

    await user.keyboard('r');
    const panel = screen.getByRole('group', { name: /Why reject/ });
    await user.keyboard('2');
    await user.keyboard('5');
    await user.keyboard('1');
    await user.keyboard('1');
    expect(within(panel).getByRole('checkbox', { name: /Wrong ability/ })).toBeChecked();
    expect(within(panel).getByRole('checkbox', { name: /Formatting/ })).toBeChecked();
    expect(within(panel).getByRole('checkbox', { name: /Incorrect answer/ })).not.toBeChecked();
    await user.keyboard('{Enter}');

    expect(await screen.findByText(itemText(2))).toBeInTheDocument();
    await waitFor(() => expect(decisions(seen)).toHaveLength(1));
    expect(decisions(seen)[0].path).toBe('/api/reviews/101/decision');
    expect(decisions(seen)[0].body).toMatchObject({ decision: 'reject', reasons: ['wrong_category', 'formatting'] });
  });

  it('refuses to reject without a reason', async () => {
    const user = userEvent.setup();
    const seen = await startReviewing();
    await user.keyboard('r{Enter}');
    expect(screen.getByText('Pick at least one reason.')).toBeInTheDocument();
    expect(screen.getByText(itemText(1))).toBeInTheDocument();
    expect(decisions(seen)).toHaveLength(0);
  });

  it('asks for a comment with reason "other", in a focused field whose keys stay in the field', async () => {
    const user = userEvent.setup();
    const seen = await startReviewing();

    await user.keyboard('r6');
    const comment = screen.getByRole('textbox', { name: /Comment/ });
    await waitFor(() => expect(comment).toHaveFocus());
    await user.keyboard('{Enter}');
    expect(screen.getByText('Reason “Other” needs a comment.')).toBeInTheDocument();
    expect(decisions(seen)).toHaveLength(0);

    // typed into the field: neither approves, nor toggles a reason, nor opens the help
    await user.keyboard('a1r?题目重复');
    expect(comment).toHaveValue('a1r?题目重复');
    expect(screen.getByRole('checkbox', { name: /Incorrect answer/ })).not.toBeChecked();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByText(itemText(1))).toBeInTheDocument();

    await user.keyboard('{Enter}');
    expect(await screen.findByText(itemText(2))).toBeInTheDocument();
    await waitFor(() => expect(decisions(seen)).toHaveLength(1));
    expect(decisions(seen)[0].body).toMatchObject({ decision: 'reject', reasons: ['other'], comment: 'a1r?题目重复' });
  });

  it('Esc leaves the comment field first, then cancels the rejection', async () => {
    const user = userEvent.setup();
    await startReviewing();
    await user.keyboard('r6');
    const comment = screen.getByRole('textbox', { name: /Comment/ });
    await waitFor(() => expect(comment).toHaveFocus());
    await user.keyboard('{Escape}');
    expect(comment).not.toHaveFocus();
    expect(screen.getByRole('group', { name: /Why reject/ })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('group', { name: /Why reject/ })).toBeNull();
    expect(screen.getByRole('button', { name: /Approve/ })).toBeInTheDocument();
  });

  it('opens the shortcut list with ? and closes it with Esc, deciding nothing meanwhile', async () => {
    const user = userEvent.setup();
    const seen = await startReviewing();
    await user.keyboard('?');
    const help = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(help).getByText('Approve the item')).toBeInTheDocument();
    expect(within(help).getByText('Scroll the conversation down / up')).toBeInTheDocument();
    await user.keyboard('a');
    expect(decisions(seen)).toHaveLength(0);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByText(itemText(1))).toBeInTheDocument();
  });

  it('scrolls the conversation with J and K', async () => {
    const user = userEvent.setup();
    const scrollBy = vi.fn();
    const original = Object.getOwnPropertyDescriptor(Element.prototype, 'scrollBy');
    Object.defineProperty(Element.prototype, 'scrollBy', { value: scrollBy, configurable: true, writable: true });
    try {
      await startReviewing();
      await user.keyboard('jjk');
      expect(scrollBy.mock.calls.map(([o]) => o.top)).toEqual([160, 160, -160]);
      expect(scrollBy.mock.contexts[0]).toBe(screen.getByLabelText('Conversation'));
    } finally {
      if (original) Object.defineProperty(Element.prototype, 'scrollBy', original);
      else delete (Element.prototype as { scrollBy?: unknown }).scrollBy;
    }
  });

  it('renders markdown with highlighted code, and the ability and source', async () => {
    await startReviewing();
    const code = document.querySelector('pre code.hljs');
    expect(code?.textContent).toContain('print("汉")');
    expect(code?.querySelector('.hljs-string')).not.toBeNull();
    expect(screen.getByText('History')).toBeInTheDocument();
    expect(screen.getByText('Source: doit-zh')).toBeInTheDocument();
  });
});

describe('review workspace: what each round is about', () => {
  it("shows a validation round's diff and the reviser's note", async () => {
    const diff = '--- item-1\tbefore\n+++ item-1\tafter\n@@ -4,1 +4,1 @@\n-公元前202年，刘邦建立汉朝。\n+公元前206年，刘邦建立汉朝。';
    renderWorkspace('/workspace/review', fakeReviewServer([reviewLease(1, { round: { id: '1', kind: 'validation', reviewsNeeded: 2 }, revision: { id: '5', diff, comment: '改正年份' } })]));
    expect(await screen.findByText('Validation: is the revised item right?')).toBeInTheDocument();
    expect(screen.getByText('-公元前202年，刘邦建立汉朝。')).toBeInTheDocument();
    expect(screen.getByText('+公元前206年，刘邦建立汉朝。')).toBeInTheDocument();
    expect(screen.getByText('Reviser’s note: 改正年份')).toBeInTheDocument();
  });

  it('shows a distractor under review beside the gold answer, with what it changed', async () => {
    const lease = reviewLease(1, { round: { id: '1', kind: 'distractor', reviewsNeeded: 2 }, distractor: { id: '8', kind: 'fine', text: '公元前206年，刘邦建立汉朝。' } });
    lease.item.gold = '公元前202年，刘邦建立汉朝。';
    renderWorkspace('/workspace/review', fakeReviewServer([lease]));
    expect(await screen.findByText('The fine-grained distractor under review')).toBeInTheDocument();
    const diff = screen.getByRole('figure', { name: 'Distractor compared with the gold answer' });
    expect([...diff.querySelectorAll('del')].map((d) => d.textContent)).toEqual(['202']);
    expect([...diff.querySelectorAll('ins')].map((d) => d.textContent)).toEqual(['206']);
  });
});

describe('review workspace: counter, leases, queue', () => {
  it("shows today's count and follows the live work.changed event without subscribing to the user room", async () => {
    await startReviewing(undefined, undefined, { 'GET /api/reviews/mine': () => ({ body: { today: 3, approvedToday: 2 } }) });
    expect(await screen.findByText('Today: 3')).toBeInTheDocument();
    await waitFor(() => expect(fakeSocket.listening('work.changed')).toBe(true));
    act(() => fakeSocket.receive('work.changed', { today: 4, approvedToday: 3 }));
    expect(screen.getByText('Today: 4')).toBeInTheDocument();
    expect(fakeSocket.emitted.filter(([event]) => event === 'subscribe')).toEqual([]);
  });

  it('says out loud when a decision comes back 410, without a retry', async () => {
    const user = userEvent.setup();
    await startReviewing(undefined, () => ({ status: 410, body: { message: 'Lease 101 expired; the item went back to the pool — ask for the next item' } }));
    await user.keyboard('a');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Your decision on item #1 was not saved: Lease 101 expired; the item went back to the pool');
    expect(within(alert).queryByRole('button', { name: 'Send again' })).toBeNull();
    expect(screen.getByText(itemText(2))).toBeInTheDocument();
  });

  it('offers to resend a decision that failed for another reason, with the same key', async () => {
    const user = userEvent.setup();
    let calls = 0;
    const seen = await startReviewing(undefined, () => (++calls === 1 ? { status: 503, body: { message: 'Service unavailable' } } : { body: { outcome: null } }));
    await user.keyboard('a');
    const alert = await screen.findByRole('alert');
    await user.click(within(alert).getByRole('button', { name: 'Send again' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    const [first, second] = decisions(seen);
    expect(second.body).toEqual(first.body);
  });

  it('counts the lease down, and when it runs out says so with a button to the next item', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    const soon = reviewLease(1, { lease: { id: '101', leasedAt: new Date().toISOString(), expiresAt: new Date(Date.now() + 65_000).toISOString() } });
    const seen = await startReviewing([soon, reviewLease(2)]);
    // however long the first render took on this machine: between 50 s and 65 s left, counted down from there
    const [, m, sec] = screen.getByRole('timer').getAttribute('aria-label')!.match(/Lease expires in (\d+):(\d\d)/)!;
    const left = Number(m) * 60 + Number(sec);
    expect(left).toBeGreaterThan(50);
    expect(left).toBeLessThanOrEqual(65);

    await act(() => vi.advanceTimersByTimeAsync((left - 5) * 1000));
    expect(screen.getByRole('timer', { name: /Lease expires in 0:0[3-6]/ })).toBeInTheDocument();
    await act(() => vi.advanceTimersByTimeAsync(7_000));

    const banner = screen.getByRole('alert');
    expect(banner).toHaveTextContent('Lease lost');
    expect(banner).toHaveTextContent('Your time on item #1 ran out');
    expect(screen.queryByText(itemText(1))).toBeNull();
    await user.keyboard('a');
    expect(decisions(seen)).toHaveLength(0);
    await user.click(within(banner).getByRole('button', { name: 'Fetch the next item' }));
    expect(screen.getByText(itemText(2))).toBeInTheDocument();
  });

  it('skips by handing the lease back', async () => {
    const user = userEvent.setup();
    const seen = await startReviewing();
    await user.click(screen.getByRole('button', { name: 'Skip' }));
    expect(screen.getByText(itemText(2))).toBeInTheDocument();
    await waitFor(() => expect(seen.some((r) => r.path === '/api/reviews/101/release')).toBe(true));
    expect(decisions(seen)).toHaveLength(0);
  });

  it('hands both leases back when the reviewer leaves the screen', async () => {
    const user = userEvent.setup();
    const seen = await startReviewing();
    await user.click(screen.getByRole('tab', { name: 'Revision' }));
    await waitFor(() => expect(seen.filter((r) => r.path.endsWith('/release')).map((r) => r.path)).toEqual(['/api/reviews/101/release', '/api/reviews/102/release']));
  });

  it('keeps the item on screen held when the tab goes away (a reload comes back to it), handing back only the one fetched ahead', async () => {
    const seen = await startReviewing();
    act(() => {
      window.dispatchEvent(new Event('pagehide'));
    });
    await waitFor(() => expect(seen.filter((r) => r.path.endsWith('/release')).map((r) => r.path)).toEqual(['/api/reviews/102/release']));
    expect(screen.getByText(itemText(1))).toBeInTheDocument();
  });

  it("says why no work came (a paused reviewer), and asks again on request", async () => {
    const user = userEvent.setup();
    let paused = true;
    const routes = fakeReviewServer([reviewLease(1)]);
    const next = routes['POST /api/reviews/next'];
    renderWorkspace('/workspace/review', {
      ...routes,
      'POST /api/reviews/next': (req) => (paused ? { status: 403, body: { message: 'A lead has paused your queue; ask them to resume it' } } : next(req)),
    });
    expect(await screen.findByText(/Could not get work: A lead has paused your queue; ask them to resume it/)).toBeInTheDocument();
    paused = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText(itemText(1))).toBeInTheDocument();
    expect(screen.queryByText(/Could not get work/)).toBeNull();
  });

  it('shows an empty queue kindly and checks again on request', async () => {
    const user = userEvent.setup();
    let empty = true;
    const routes = fakeReviewServer([reviewLease(1)]);
    const next = routes['POST /api/reviews/next'];
    renderWorkspace('/workspace/review', { ...routes, 'POST /api/reviews/next': (req) => (empty ? { status: 204 } : next(req)) });
    expect(await screen.findByText('Nothing to do right now')).toBeInTheDocument();
    empty = false;
    await user.click(screen.getByRole('button', { name: 'Check again' }));
    expect(await screen.findByText(itemText(1))).toBeInTheDocument();
  });
});

describe('review workspace: review modes (issue 15 item 4)', () => {
  it('tells the reviewer of a single-review item that their decision alone decides it, and says nothing on a dual one', async () => {
    const single = reviewLease(1, { round: { id: '1', kind: 'filter', reviewsNeeded: 1 } });
    single.item.reviewMode = 'single';
    renderWorkspace('/workspace/review', fakeReviewServer([single, reviewLease(2)]));
    expect(await screen.findByTestId('review-mode-chip')).toHaveTextContent('Single review');
    expect(screen.getByRole('note')).toHaveTextContent('Single review: your decision alone decides this item.');
  });

  it('shows no review-mode note on a dual item', async () => {
    renderWorkspace('/workspace/review', fakeReviewServer([reviewLease(1)]));
    expect(await screen.findByText('Source: doit-zh')).toBeInTheDocument();
    expect(screen.queryByTestId('review-mode-chip')).toBeNull();
    expect(screen.queryByText('Single review: your decision alone decides this item.')).toBeNull();
  });
});

describe('review workspace: issue 16 item 3, content renders as written', () => {
  it('typesets the LaTeX of a cot_math item and its choices, and names the answer type in words', async () => {
    const math = reviewLease(1, {
      item: {
        ...reviewLease(1).item,
        messages: [
          { role: 'user', content: `${itemText(1)}\n\n已知 $x^2+y^2=z^2$，求 \\(z\\)。` },
          { role: 'assistant', content: '$$\\frac{a}{b}$$' },
        ],
        questionFormat: 0,
        answerType: 'single_choice',
        gold: 'B',
        choices: ['$z=5$', '$z=\\sqrt{2}$'],
      },
    });
    await startReviewing([math, reviewLease(2), reviewLease(3)]);
    const sources = [...document.querySelectorAll('.katex annotation')].map((a) => a.textContent);
    expect(sources).toEqual(['x^2+y^2=z^2', 'z', '\\frac{a}{b}', 'z=5', 'z=\\sqrt{2}']);
    expect(document.querySelector('.katex-display annotation')?.textContent).toBe('\\frac{a}{b}');
    expect(screen.getByText('Single choice')).toBeInTheDocument();
    expect(screen.queryByText('single_choice')).toBeNull();
  });
});
