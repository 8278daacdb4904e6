import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { preloadCharts } from '../charts/lazyChart';
import { listOf, type FakeRequest, type FakeResponse } from '../test/fakeApi';
import { fakeSocket } from '../test/fakeSocket';
import { renderAppAs } from '../test/renderApp';
import * as fx from './testing/fixtures';
import type { AgreementSummary } from './types';

vi.mock('socket.io-client', async () => (await import('../test/fakeSocket')).socketIoClient);

type Routes = Record<string, (req: FakeRequest) => FakeResponse | Promise<FakeResponse>>;

function dashboardApi(over: Routes = {}): Routes {
  return {
    'GET /api/abilities': () => listOf('abilities', fx.abilities),
    'GET /api/reviews/queue': () => ({ body: fx.queue }),
    'GET /api/agreement/pass-rates': () => ({ body: fx.passRatesOf(fx.byAbility) }),
    'GET /api/agreement': (req) => ({ body: req.search.get('groupBy') === 'week' ? fx.weekly : fx.byAbility }),
    'GET /api/agreement/pairs': () => ({ body: fx.pairs }),
    'GET /api/agreement/reviewers': () => ({ body: fx.figures }),
    'GET /api/reviewers': () => ({ body: fx.reviewers }),
    'GET /api/reviewers/leases': () => ({ body: fx.leases }),
    'GET /api/reviews/disagreements': () => listOf('disagreements', fx.disagreements),
    ...over,
  };
}

const region = (name: string) => screen.findByRole('region', { name });
const cellsOf = (row: HTMLElement) => within(row).getAllByRole('cell').map((c) => c.textContent);
/** The pass-rate chart's bars, as their accessible names say them. */
const barsOf = (chart: HTMLElement) => within(chart).queryAllByRole('listitem').map((b) => b.getAttribute('aria-label'));
async function rowOf(table: string, header: string): Promise<HTMLElement> {
  const t = await screen.findByRole('table', { name: table });
  const th = await within(t).findByRole('rowheader', { name: header });
  return th.closest('tr')!;
}
const annotator = (name: string) => within(screen.getByRole('table', { name: 'Annotators' })).getByRole('rowheader', { name }).closest('tr')!;

beforeEach(() => {
  fakeSocket.emitted.length = 0;
});

// the charts' code (recharts) loads when a chart first draws; loaded once here, before any test's clock starts
beforeAll(() => preloadCharts(), 120_000);

describe('lead dashboard', () => {
  it('reads queue depth again the usual way when the early read failed, and shows it', async () => {
    let asked = 0;
    const seen = renderAppAs('lead', {
      path: '/dashboard',
      api: dashboardApi({ 'GET /api/reviews/queue': () => (++asked === 1 ? { status: 503, body: { message: 'starting' } } : { body: fx.queue }) }),
    });
    const filtering = await screen.findByRole('group', { name: 'Filtering' });
    expect(within(filtering).getByText('7')).toBeInTheDocument();
    expect(seen.filter((r) => r.path === '/api/reviews/queue')).toHaveLength(2);
    expect(screen.queryByText(/starting/)).toBeNull();
  });

  it('shows queue depth, pass rates, agreement with intervals, annotators and pair κ from the API', async () => {
    const seen = renderAppAs('lead', { path: '/dashboard', api: dashboardApi() });

    const filtering = await screen.findByRole('group', { name: 'Filtering' });
    expect(within(filtering).getByText('7')).toBeInTheDocument();
    expect(within(screen.getByRole('group', { name: 'Distractor review' })).getByText('4')).toBeInTheDocument();
    expect(cellsOf(await rowOf('Queue depth by ability', 'History'))).toEqual(['2', '2', '1', '', '']);

    expect(cellsOf(await rowOf('Agreement per ability', 'Biology'))).toEqual(['40', '0.58 [0.44, 0.71]', '0.54 [0.39, 0.69]', '0.55 [0.40, 0.70]', '0.62 [0.50, 0.75]', '0.80 [0.70, 0.90]']);
    expect(cellsOf(await rowOf('Agreement per ability', 'History'))[1]).toBe('—');

    const passRates = await region('Pass rate per ability');
    await waitFor(() => expect(barsOf(passRates)).toEqual(['Biology: 60% of 40 decided rounds', 'History: 25% of 20 decided rounds']));
    // each bar's height is its pass rate, its label the rate in words
    expect([...passRates.querySelectorAll<HTMLElement>('.pace-bar')].map((b) => b.style.height)).toEqual(['60%', '25%']);
    expect([...passRates.querySelectorAll('.pace-bar-value')].map((b) => b.textContent)).toEqual(['60%', '25%']);
    const agreementChart = await region('Agreement per ability');
    // the charts drawn with recharts come in a chunk of their own, loaded when they first draw
    await waitFor(() => expect(agreementChart.querySelectorAll('.recharts-errorBar').length).toBeGreaterThan(0));
    const trends = await region('Weekly trends');
    await waitFor(() => expect(within(trends).getByText('2025-W03')).toBeInTheDocument());
    expect(trends.querySelectorAll('.recharts-line')).toHaveLength(4);

    // Name, reviews, today, 7 days, median time, co-reviewer agreement, mean κ, approval, held, status, action
    expect(cellsOf(await rowOf('Annotators', 'Ann'))).toEqual(['12', '3', '9', '8.0 s', '75%', '0.60', '50%', '1', 'Working', 'Pause']);
    expect(cellsOf(await rowOf('Annotators', 'Bo'))).toEqual(['14', '0', '14', '1.6 min', '70%', '0.40', '64%', '0', 'Working', 'Pause']);
    expect(cellsOf(await rowOf('Annotators', 'Cy')).slice(-2)).toEqual(['Paused', 'Resume']);

    const heatmap = await screen.findByRole('table', { name: "Pairwise Cohen's κ" });
    const annBo = within(heatmap).getByLabelText('Ann × Bo: κ 0.60 [0.30, 0.85], 10 shared items');
    expect(annBo).toHaveTextContent('0.60');
    expect(annBo).toHaveStyle({ backgroundColor: 'hsl(72, 65%, 72%)' });
    expect(within(heatmap).getByLabelText('Bo × Ann: κ 0.60 [0.30, 0.85], 10 shared items')).toBeInTheDocument();
    expect(cellsOf(await rowOf("Pairwise Cohen's κ", 'Ann'))).toEqual(['', '0.60', '']);

    expect(seen.some((r) => r.path === '/api/agreement/pairs' && r.search.get('intervals') === 'true')).toBe(true);
    expect(fakeSocket.rooms()).toEqual(expect.arrayContaining(['queue', 'leads']));
  });

  it('draws queue depth and pass rates before asking for anything else, then the rest', async () => {
    // Each gate holds its requests' answers until the test opens it.
    const gate = () => {
      let open!: () => void;
      const opened = new Promise<void>((resolve) => (open = resolve));
      return { open, answer: (body: () => unknown) => async () => (await opened, { body: body() }) };
    };
    const first = gate();
    const slow = gate();
    const slowPaths = ['/api/agreement', '/api/agreement/pairs', '/api/agreement/reviewers'];
    // the other cards' reads, held back too so they never compete with the first paint's two
    const laterPaths = [...slowPaths, '/api/reviewers', '/api/reviewers/leases', '/api/reviews/disagreements', '/api/guidance/hours', '/api/reviews/pace'];
    const seen = renderAppAs('lead', {
      path: '/dashboard',
      api: dashboardApi({
        'GET /api/agreement/pass-rates': first.answer(() => fx.passRatesOf(fx.byAbility)),
        'GET /api/agreement': slow.answer(() => fx.byAbility),
        'GET /api/agreement/pairs': slow.answer(() => fx.pairs),
        'GET /api/agreement/reviewers': slow.answer(() => fx.figures),
      }),
    });
    expect(within(await screen.findByRole('group', { name: 'Filtering' })).getByText('7')).toBeInTheDocument();
    await waitFor(() => expect(seen.map((r) => r.path)).toContain('/api/agreement/pass-rates'));
    // pass rates not in yet: nothing else has been asked for, and the waiting cards say they are loading
    expect(seen.filter((r) => laterPaths.includes(r.path))).toEqual([]);
    expect(within(await region('Held work')).getByText('Loading…')).toBeInTheDocument();
    expect(within(await region('Disagreements')).getByText('Loading…')).toBeInTheDocument();

    act(first.open);
    const passRates = await region('Pass rate per ability');
    await waitFor(() => expect(barsOf(passRates)).toEqual(['Biology: 60% of 40 decided rounds', 'History: 25% of 20 decided rounds']));
    await waitFor(() => expect(new Set(seen.map((r) => r.path).filter((p) => laterPaths.includes(p)))).toEqual(new Set(laterPaths)));
    await screen.findByRole('table', { name: 'Held work' });
    // drawn while the slow cards still wait for their answers
    expect(within(await region('Agreement per ability')).getByText('Loading…')).toBeInTheDocument();
    expect(within(await region("Pairwise Cohen's κ")).getByText('Loading…')).toBeInTheDocument();

    act(slow.open);
    expect(cellsOf(await rowOf('Agreement per ability', 'Biology'))[0]).toBe('40');
    expect(await screen.findByLabelText('Ann × Bo: κ 0.60 [0.30, 0.85], 10 shared items')).toBeInTheDocument();
  });

  it('reads queue depth and pass rates once: the app starts them before it renders, the dashboard takes them', async () => {
    const seen = renderAppAs('lead', { path: '/dashboard', api: dashboardApi() });
    expect(within(await screen.findByRole('group', { name: 'Filtering' })).getByText('7')).toBeInTheDocument();
    await screen.findByLabelText('Ann × Bo: κ 0.60 [0.30, 0.85], 10 shared items');
    expect(seen.filter((r) => r.path === '/api/reviews/queue')).toHaveLength(1);
    expect(seen.filter((r) => r.path === '/api/agreement/pass-rates')).toHaveLength(1);
    // the first two were asked before anything the rendered app asks for
    expect(seen.slice(0, 2).map((r) => r.path).sort()).toEqual(['/api/agreement/pass-rates', '/api/reviews/queue']);
  });

  it('pages a large team of annotators, 25 at a time', async () => {
    const user = userEvent.setup();
    const team = Array.from({ length: 30 }, (_, i) => ({ ...fx.reviewers[0], id: `r${i}`, name: `Reviewer ${String(i + 1).padStart(2, '0')}` }));
    renderAppAs('lead', { path: '/dashboard', api: dashboardApi({ 'GET /api/reviewers': () => ({ body: team }) }) });
    const table = await screen.findByRole('table', { name: 'Annotators' });
    await waitFor(() => expect(within(table).getAllByRole('rowheader')).toHaveLength(25));
    const section = await region('Annotators');
    expect(within(section).getByText('1–25 of 32')).toBeInTheDocument(); // the 30, and Ann and Bo with figures only
    await user.click(within(section).getByRole('button', { name: 'Go to next page' }));
    await waitFor(() => expect(within(table).getAllByRole('rowheader').map((th) => th.textContent)).toEqual(['Reviewer 26', 'Reviewer 27', 'Reviewer 28', 'Reviewer 29', 'Reviewer 30', 'Ann', 'Bo']));
  });

  it('names abilities in Chinese when the interface is in Chinese', async () => {
    const user = userEvent.setup();
    renderAppAs('lead', { path: '/dashboard', api: dashboardApi() });
    expect(cellsOf(await rowOf('Queue depth by ability', 'Biology'))).toEqual(['5', '', '', '', '4']);
    await user.click(screen.getByRole('button', { name: 'English' }));
    await user.click(await screen.findByRole('menuitem', { name: '中文' }));
    expect(cellsOf(await rowOf('各能力的队列深度', '生物'))).toEqual(['5', '', '', '', '4']);
    expect(await screen.findByRole('region', { name: '两两 Cohen κ' })).toBeInTheDocument();
    // the app's i18n provider outlives the test: back to English for the next ones
    await user.click(screen.getByRole('button', { name: '中文' }));
    await user.click(await screen.findByRole('menuitem', { name: 'English' }));
    expect(await screen.findByRole('region', { name: "Pairwise Cohen's κ" })).toBeInTheDocument();
  });

  it('updates from socket events without a reload', async () => {
    let decided = false;
    const seen = renderAppAs('lead', {
      path: '/dashboard',
      api: dashboardApi({
        // after a decision the server has new figures: a refetch must show them
        'GET /api/agreement/reviewers': () => ({ body: decided ? [{ ...fx.figures[0], reviewed: 13 }, fx.figures[1]] : fx.figures }),
        'GET /api/agreement/pairs': () => ({ body: decided ? { ...fx.pairs, pairs: [{ ...fx.pairs.pairs[0], rounds: 11, cohenKappa: { estimate: 0.65, low: 0.35, high: 0.9 } }] } : fx.pairs }),
      }),
    });
    expect(within(await screen.findByRole('group', { name: 'Filtering' })).getByText('7')).toBeInTheDocument();
    expect(cellsOf(await rowOf('Annotators', 'Ann'))[0]).toBe('12');
    await waitFor(() => expect(fakeSocket.rooms()).toEqual(expect.arrayContaining(['queue', 'leads'])));

    act(() => fakeSocket.receive('queue.depth', { ...fx.queue, stages: { ...fx.queue.stages, filter: 9 } }));
    expect(within(screen.getByRole('group', { name: 'Filtering' })).getByText('9')).toBeInTheDocument();

    act(() =>
      fakeSocket.receive('agreement.updated', {
        ...fx.byAbility,
        groups: [fx.group('3', 'biology', { rounds: 41, passRate: 0.55, fleissKappa: { estimate: 0.57, low: 0.41, high: 0.7 } }), fx.byAbility.groups[1]],
      }),
    );
    expect(cellsOf(await rowOf('Agreement per ability', 'Biology')).slice(0, 3)).toEqual(['41', '0.58 [0.44, 0.71]', '0.57 [0.41, 0.70]']);
    // the pass-rate chart, first drawn from GET /agreement/pass-rates, follows the pushed summary too
    const passRates = await region('Pass rate per ability');
    await waitFor(() => expect(barsOf(passRates)).toEqual(['Biology: 55% of 41 decided rounds', 'History: 25% of 20 decided rounds']));
    // a weekly summary pushed to the same event must not replace the per-ability one
    act(() => fakeSocket.receive('agreement.updated', { ...fx.weekly }));
    expect(cellsOf(await rowOf('Agreement per ability', 'Biology'))[0]).toBe('41');

    const before = seen.length;
    decided = true;
    act(() => {
      fakeSocket.receive('round.decided', { roundId: '1', itemId: 42, outcome: 'accepted', decisions: [] });
      fakeSocket.receive('round.decided', { roundId: '2', itemId: 43, outcome: 'accepted', decisions: [] });
    });
    await waitFor(() => expect(cellsOf(annotator('Ann'))[0]).toBe('13'));
    expect(screen.getByLabelText('Ann × Bo: κ 0.65 [0.35, 0.90], 11 shared items')).toHaveTextContent('0.65');
    const refetched = seen.slice(before).map((r) => r.path);
    // two events in a burst, one refetch each
    expect(refetched.filter((p) => p === '/api/agreement/reviewers')).toHaveLength(1);
    expect(refetched).toEqual(expect.arrayContaining(['/api/agreement/pairs', '/api/reviews/disagreements', '/api/agreement']));
  });

  it('pauses and resumes an annotator', async () => {
    const user = userEvent.setup();
    let paused = false;
    const seen = renderAppAs('lead', {
      path: '/dashboard',
      api: dashboardApi({
        'GET /api/reviewers': () => ({ body: fx.reviewers.map((r) => (r.id === 'ann' ? { ...r, paused } : r)) }),
        'POST /api/reviewers/ann/pause': (req) => {
          paused = (req.body as { paused: boolean }).paused;
          return { body: { id: 'ann', paused, leasesReleased: paused ? 1 : 0 } };
        },
      }),
    });
    await user.click(await screen.findByRole('button', { name: 'Pause Ann' }));
    expect(await screen.findByText('Ann is paused; 1 lease went back to the pool')).toBeInTheDocument();
    await waitFor(() => expect(cellsOf(annotator('Ann')).slice(-2)).toEqual(['Paused', 'Resume']));
    await user.click(screen.getByRole('button', { name: 'Resume Ann' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Pause Ann' })).toBeInTheDocument());
    expect(seen.filter((r) => r.method === 'POST').map((r) => [r.path, r.body])).toEqual([
      ['/api/reviewers/ann/pause', { paused: true }],
      ['/api/reviewers/ann/pause', { paused: false }],
    ]);
  });

  it('lists disagreements with both decisions and sends the selected items to revision', async () => {
    const user = userEvent.setup();
    const seen = renderAppAs('lead', {
      path: '/dashboard',
      api: dashboardApi({ 'POST /api/revisions/assign': () => ({ body: { sent: 2, itemIds: [42, 43] } }) }),
    });
    const list = await region('Disagreements');
    const link = await within(list).findByRole('link', { name: '#42' });
    expect(link).toHaveAttribute('href', '/items/42/show');
    const row = link.closest('tr')!;
    expect(within(row).getByText('什么是光合作用？')).toBeInTheDocument();
    expect(within(row).getByText('Biology')).toBeInTheDocument();
    expect(within(row).getByText('Approved')).toBeInTheDocument();
    // one for Bo's decision, one for the item's status now (issue 11 item 5: the status shows where it can be acted on)
    expect(within(row).getAllByText('Rejected')).toHaveLength(2);
    expect(within(list).getByRole('columnheader', { name: 'Status now' })).toBeInTheDocument();
    expect(within(within(list).getByRole('link', { name: '#43' }).closest('tr')!).getByText('Needs an answer')).toBeInTheDocument();
    expect(within(row).getByText('Incorrect answer')).toBeInTheDocument();
    expect(within(row).getByText('“答案不完整”')).toBeInTheDocument();
    expect(within(row).getByText('Bo')).toBeInTheDocument();

    const send = within(list).getByRole('button', { name: /to revision/ });
    expect(send).toBeDisabled();
    await user.click(within(list).getByRole('checkbox', { name: 'Select item 42' }));
    await user.click(within(list).getByRole('checkbox', { name: 'Select item 43' }));
    await user.click(within(list).getByRole('button', { name: 'Send 2 items to revision' }));
    expect(await screen.findByText('2 items sent to revision')).toBeInTheDocument();
    expect(seen.filter((r) => r.method === 'POST').map((r) => [r.path, r.body])).toEqual([['/api/revisions/assign', { itemIds: [42, 43] }]]);
    expect(within(list).getByRole('checkbox', { name: 'Select item 42' })).not.toBeChecked();
    expect(within(list).getByText('1–2 of 2')).toBeInTheDocument();
  });

  it('says 1,000+ when the server stopped counting disagreements, and pages on from there', async () => {
    const user = userEvent.setup();
    const seen = renderAppAs('lead', {
      path: '/dashboard',
      api: dashboardApi({
        'GET /api/reviews/disagreements': (req) => ({
          body: fx.disagreements,
          headers: { 'Content-Range': `disagreements ${JSON.parse(req.search.get('range')!)[0]}-9/1000`, 'X-Total-Is-Lower-Bound': 'true' },
        }),
      }),
    });
    const list = await region('Disagreements');
    expect(await within(list).findByText('1–10 of 1,000+')).toBeInTheDocument();
    await user.click(within(list).getByRole('button', { name: 'Go to next page' }));
    await waitFor(() => expect(seen.filter((r) => r.path === '/api/reviews/disagreements').map((r) => r.search.get('range'))).toEqual(['[0,9]', '[10,19]']));
  });

  it('shows the most active reviewers in the heatmap, says how many of how many, and everyone\'s mean κ in the table', async () => {
    const seen = renderAppAs('lead', {
      path: '/dashboard',
      api: dashboardApi({
        'GET /api/agreement/pairs': () => ({
          body: { ...fx.pairs, reviewerCount: 40, reviewerMeans: [...fx.pairs.reviewerMeans, { reviewerId: 'ann', meanCohenKappa: 0.61, pairs: 39 }].slice(1) },
        }),
      }),
    });
    expect(await screen.findByText("The 3 reviewers with the most shared items, of 40. Everyone's mean κ is in the reviewers table.")).toBeInTheDocument();
    expect(seen.find((r) => r.path === '/api/agreement/pairs')!.search.get('top')).toBe('20');
    // Ann's mean over all her pairs (0.61), not over the pairs the heatmap shows (0.60)
    await waitFor(() => expect(cellsOf(annotator('Ann'))).toContain('0.61'));
  });

  it('sends whole abilities to revision after a confirmation', async () => {
    const user = userEvent.setup();
    const seen = renderAppAs('lead', {
      path: '/dashboard',
      api: dashboardApi({ 'POST /api/revisions/assign': () => ({ body: { sent: 7, itemIds: [] } }) }),
    });
    const panel = await region('Send abilities to revision');
    await user.click(await within(panel).findByRole('button', { name: 'History' }));
    await user.click(within(panel).getByRole('button', { name: 'Send to revision' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('All rejected and unanswered items of History go to the revision queue.')).toBeInTheDocument();
    expect(seen.filter((r) => r.method === 'POST')).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    expect(await screen.findByText('7 items sent to revision')).toBeInTheDocument();
    expect(seen.filter((r) => r.method === 'POST').map((r) => [r.path, r.body])).toEqual([['/api/revisions/assign', { abilityIds: [5] }]]);
  });

  it('reassigns held work to another reviewer or back to the pool', async () => {
    const user = userEvent.setup();
    const seen = renderAppAs('lead', {
      path: '/dashboard',
      api: dashboardApi({ 'POST /api/reviewers/leases/reassign': () => ({ body: { leaseId: '99' } }) }),
    });
    const giveTo = await screen.findByRole('combobox', { name: 'Give to #42' });
    // the holder and paused reviewers are not offered
    expect(within(giveTo).getAllByRole('option').map((o) => o.textContent)).toEqual(['Back to the pool', 'Bo', 'Dee']);
    await user.selectOptions(giveTo, 'Bo');
    await user.click(screen.getByRole('button', { name: 'Reassign #42' }));
    expect(await screen.findByText('Moved to Bo')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Reassign #77' }));
    expect(await screen.findByText('Back in the pool')).toBeInTheDocument();
    expect(seen.filter((r) => r.method === 'POST').map((r) => [r.path, r.body])).toEqual([
      ['/api/reviewers/leases/reassign', { kind: 'review', leaseId: '17', toReviewerId: 'bo' }],
      ['/api/reviewers/leases/reassign', { kind: 'revision', leaseId: '5', toReviewerId: null }],
    ]);
    await waitFor(() => expect(seen.filter((r) => r.path === '/api/reviewers/leases').length).toBeGreaterThanOrEqual(3));
  });

  it('says so when there is nothing yet', async () => {
    const none: AgreementSummary = { groupBy: 'ability', groups: [], computedAt: '2025-01-10T10:00:00Z' };
    renderAppAs('lead', {
      path: '/dashboard',
      api: dashboardApi({
        'GET /api/reviews/queue': () => ({ body: { stages: { filter: 0, revision: 0, validation: 0, distractor_authoring: 0, distractor_review: 0 }, byAbility: [] } }),
        'GET /api/agreement': () => ({ body: none }),
        'GET /api/agreement/pass-rates': () => ({ body: fx.passRatesOf(none) }),
        'GET /api/agreement/pairs': () => ({ body: { reviewers: [], pairs: [], meanCohenKappa: null } }),
        'GET /api/agreement/reviewers': () => ({ body: [] }),
        'GET /api/reviewers': () => ({ body: [] }),
        'GET /api/reviewers/leases': () => ({ body: [] }),
        'GET /api/reviews/disagreements': () => listOf('disagreements', []),
      }),
    });
    for (const text of [
      'Nothing is waiting in any queue.',
      'Trends appear once rounds have been decided.',
      'No annotator yet.',
      'No two reviewers have shared an item yet.',
      'Nobody holds any work right now.',
      'No decided round has two different decisions.',
    ]) {
      expect(await screen.findByText(text)).toBeInTheDocument();
    }
    expect(await screen.findAllByText('No review round has been decided yet.')).toHaveLength(2);
  });

  it('shows an error in the card whose request failed', async () => {
    renderAppAs('lead', { path: '/dashboard', api: dashboardApi({ 'GET /api/agreement/pairs': () => ({ status: 500, body: { message: 'boom' } }) }) });
    const heatmap = await region("Pairwise Cohen's κ");
    expect(await within(heatmap).findByText('Could not load: boom')).toBeInTheDocument();
  });
});
