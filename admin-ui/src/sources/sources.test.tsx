import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { listOf } from '../test/fakeApi';
import { renderAppAs } from '../test/renderApp';
import { makeItem } from '../items/testing/fixtures';

const source = (kind: string) => ({ id: 's1', name: 'glan-zh', kind, license: null, notes: '', createdAt: '2025-01-01T00:00:00Z' });

describe('source page', () => {
  it('issue 15 item 4: lists a synthetic source’s items by review mode, asking GET /api/items for each count', async () => {
    const counts: Record<string, number> = { dual: 0, single: 3, none: 2 };
    const seen = renderAppAs('lead', {
      path: '/sources/s1',
      api: {
        'GET /api/sources/s1': () => ({ body: source('synthetic') }),
        'GET /api/items': (req) => {
          const { reviewMode } = JSON.parse(req.search.get('filter')!);
          return listOf('items', Array.from({ length: counts[reviewMode] }, (_, i) => makeItem({ id: i + 1, reviewMode })));
        },
      },
    });
    const region = await screen.findByRole('region', { name: 'Items by review mode' });
    await waitFor(() => expect([...region.querySelectorAll('a')].map((l) => l.textContent)).toEqual(['Dual review: 0', 'Single review: 3', 'No review: 2']));
    expect(within(region).getByText('Single review: 3').getAttribute('href')).toContain(encodeURIComponent(JSON.stringify({ sourceId: 's1', reviewMode: 'single' })));
    const filters = seen.filter((r) => r.path === '/api/items').map((r) => JSON.parse(r.search.get('filter')!));
    expect(filters).toEqual(expect.arrayContaining([{ sourceId: 's1', reviewMode: 'dual' }, { sourceId: 's1', reviewMode: 'single' }, { sourceId: 's1', reviewMode: 'none' }]));
  });

  it('shows no review modes for a curation source', async () => {
    renderAppAs('lead', { path: '/sources/s1', api: { 'GET /api/sources/s1': () => ({ body: source('curation') }) } });
    expect(await screen.findByDisplayValue('glan-zh')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Items by review mode' })).toBeNull();
  });
});
