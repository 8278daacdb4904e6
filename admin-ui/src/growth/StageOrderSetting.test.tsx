import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { listOf, type FakeRequest, type FakeResponse } from '../test/fakeApi';
import { renderAppAs } from '../test/renderApp';
import { hoursGuidance, paceQueue, study } from './testing';

vi.mock('socket.io-client', async () => (await import('../test/fakeSocket')).socketIoClient);
vi.mock('./echartsCore', () => ({ init: () => ({ setOption: () => undefined, on: () => undefined, resize: () => undefined, dispose: () => undefined }) }));

/** The growth page is a lazy chunk: its first load in a test may take a while on a loaded machine. */
const FIRST = { timeout: 15_000 };
const DEFAULT_VIEW = { stages: ['validation', 'distractor', 'filter'], updatedAt: null, updatedBy: null };

const pageApi = (over: Record<string, (req: FakeRequest) => FakeResponse> = {}) => ({
  'GET /api/abilities': () => listOf('abilities', []),
  'GET /api/studies': () => ({ body: [study()] }),
  'GET /api/experiments': () => listOf('experiments', []),
  'GET /api/guidance/hours': (req: FakeRequest) => ({ body: hoursGuidance(Number(req.search.get('hours'))) }),
  'GET /api/reviews/pace': () => ({ body: paceQueue() }),
  'GET /api/reviews/stage-order': () => ({ body: DEFAULT_VIEW }),
  ...over,
});
const stagesIn = (list: HTMLElement) => within(list).getAllByRole('listitem').map((li) => li.textContent);

describe('review queue stage order setting (issue 16 item 2)', () => {
  // first: it pays for loading the page's lazy chunk
  it('is not shown to a researcher, who cannot change it', async () => {
    const seen = renderAppAs('researcher', { path: '/growth-curves', api: pageApi() });
    await screen.findByRole('region', { name: 'Where the next annotation hours are worth most' }, FIRST);
    expect(screen.queryByRole('region', { name: 'Review queue: stage order' })).toBeNull();
    expect(seen.some((r) => r.path === '/api/reviews/stage-order')).toBe(false);
  });

  it('shows the order served, lets a lead move a stage and save, and says who changed it', async () => {
    const user = userEvent.setup();
    const seen = renderAppAs('lead', {
      path: '/growth-curves',
      api: pageApi({
        'PUT /api/reviews/stage-order': (req) => ({ body: { stages: (req.body as { stages: string[] }).stages, updatedAt: '2026-12-07T10:00:00Z', updatedBy: 'Lead Li' } }),
      }),
    });
    const section = await screen.findByRole('region', { name: 'Review queue: stage order' }, FIRST);
    const list = await within(section).findByRole('list', { name: 'Stages, first served first' });
    expect(stagesIn(list)).toEqual(['1. Validation of revised items', '2. Distractor review', '3. Filtering (second reviews, then new items)']);
    expect(within(section).getByRole('status')).toHaveTextContent('The default order: no lead has changed it.');
    const save = within(section).getByRole('button', { name: 'Save order' });
    expect(save).toBeDisabled();
    expect(within(section).getByRole('button', { name: 'Default order' })).toBeDisabled();
    expect(within(section).getByRole('button', { name: 'Move Validation of revised items up' })).toBeDisabled();

    await user.click(within(section).getByRole('button', { name: 'Move Filtering (second reviews, then new items) up' }));
    await user.click(within(section).getByRole('button', { name: 'Move Filtering (second reviews, then new items) up' }));
    expect(stagesIn(list)).toEqual(['1. Filtering (second reviews, then new items)', '2. Validation of revised items', '3. Distractor review']);
    // nothing is sent until the lead saves
    expect(seen.some((r) => r.method === 'PUT')).toBe(false);
    await user.click(save);

    await waitFor(() => expect(within(section).getByRole('status')).toHaveTextContent(/Changed .* by Lead Li/));
    expect(seen.filter((r) => r.method === 'PUT').map((r) => [r.path, r.body])).toEqual([['/api/reviews/stage-order', { stages: ['filter', 'validation', 'distractor'] }]]);
    expect(save).toBeDisabled();

    // back to the default: validation first again, to be saved
    await user.click(within(section).getByRole('button', { name: 'Default order' }));
    expect(stagesIn(list)).toEqual(['1. Validation of revised items', '2. Distractor review', '3. Filtering (second reviews, then new items)']);
    expect(save).toBeEnabled();
  });
});
