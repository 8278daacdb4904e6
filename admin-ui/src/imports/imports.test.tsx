import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { listOf } from '../test/fakeApi';
import { renderAppAs } from '../test/renderApp';

const ID = '6f1c2b9e-0000-4000-8000-000000000001';
const running = {
  id: ID,
  originalName: 'history.jsonl',
  adapter: 'messages',
  sourceId: 's1',
  status: 'running',
  totalSize: 200,
  doneSize: 85,
  itemsCreated: 120,
  errorCount: 1,
  createdAt: '2025-01-01T00:00:00Z',
};
const sources = () => listOf('sources', [{ id: 's1', name: 'doit', kind: 'curation' }]);

describe('imports', () => {
  it('lists imports with their status and a progress bar', async () => {
    renderAppAs('researcher', { path: '/imports', api: { 'GET /api/imports': () => listOf('imports', [running]), 'GET /api/sources': sources } });
    const row = (await screen.findByText('history.jsonl')).closest('tr')!;
    expect(within(row).getByText('Running')).toBeInTheDocument();
    expect(within(row).getByRole('progressbar', { name: 'Progress' })).toHaveAttribute('aria-valuenow', '43');
    expect(within(row).getByText('42.5%')).toBeInTheDocument();
    expect(await within(row).findByText('doit')).toBeInTheDocument();
  });

  it("shows an import's progress and its error report", async () => {
    const seen = renderAppAs('lead', {
      path: `/imports/${ID}/show`,
      api: {
        [`GET /api/imports/${ID}`]: () => ({ body: { ...running, status: 'completed', progress: { percent: 100, linesPerSecond: 900 } } }),
        [`GET /api/imports/${ID}/errors`]: () =>
          listOf('errors', [{ id: '1', importId: ID, file: 'history.jsonl', line: 7, field: 'messages', reason: 'expected an array', excerpt: '{"messages":"x"}' }]),
        'GET /api/sources': sources,
      },
    });
    expect(await screen.findByText('Completed')).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Progress' })).toHaveAttribute('aria-valuenow', '100');
    expect(await screen.findByText('expected an array')).toBeInTheDocument();
    const errorsRequest = seen.find((r) => r.path === `/api/imports/${ID}/errors`)!;
    expect(errorsRequest.search.get('sort')).toBe('["line","ASC"]');
  });
});
