import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { listOf, type FakeRequest, type FakeResponse } from '../test/fakeApi';
import { renderAppAs } from '../test/renderApp';

vi.mock('socket.io-client', async () => (await import('../test/fakeSocket')).socketIoClient);

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

describe('import controls', () => {
  /** The import's page against a server holding `state`, which cancel and resume change as the real one does. */
  function renderImport(status: string, actions: Record<string, (req: FakeRequest) => FakeResponse> = {}) {
    const state = { ...running, status };
    const seen = renderAppAs('researcher', {
      path: `/imports/${ID}/show`,
      api: {
        [`GET /api/imports/${ID}`]: () => ({ body: state }),
        [`GET /api/imports/${ID}/errors`]: () => listOf('errors', []),
        [`POST /api/imports/${ID}/cancel`]: () => (Object.assign(state, { status: 'cancelling' }), { body: state }),
        [`POST /api/imports/${ID}/resume`]: () => (Object.assign(state, { status: 'queued' }), { body: state }),
        'GET /api/sources': sources,
        ...actions,
      },
    });
    return seen;
  }
  const posts = (seen: ReturnType<typeof renderImport>) => seen.filter((r) => r.method === 'POST').map((r) => `${r.path} ${r.authorization}`);

  it('cancels a running import, then offers nothing while it stops', async () => {
    const seen = renderImport('running');
    await userEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(posts(seen)).toEqual([`/api/imports/${ID}/cancel Bearer access-1`]));
    expect(await screen.findByText('Cancelling')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Resume' })).toBeNull();
  });

  it('resumes a cancelled import, which can then be cancelled again', async () => {
    const seen = renderImport('cancelled');
    expect(await screen.findByText('Cancelled')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Resume' }));
    await waitFor(() => expect(posts(seen)).toEqual([`/api/imports/${ID}/resume Bearer access-1`]));
    expect(await screen.findByText('Queued')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeInTheDocument();
  });

  it("shows the server's refusal", async () => {
    renderImport('running', {
      [`POST /api/imports/${ID}/cancel`]: () => ({ status: 409, body: { message: `Import ${ID} is not queued or running (status: completed)` } }),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    expect(await screen.findByText(`Import ${ID} is not queued or running (status: completed)`)).toBeInTheDocument();
  });

  it('offers no control for a completed import', async () => {
    renderImport('completed');
    expect(await screen.findByText('Completed')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Resume' })).toBeNull();
  });

  it('cancels from a list row without opening the import', async () => {
    const seen = renderAppAs('lead', {
      path: '/imports',
      api: { 'GET /api/imports': () => listOf('imports', [running]), [`POST /api/imports/${ID}/cancel`]: () => ({ body: { ...running, status: 'cancelling' } }), 'GET /api/sources': sources },
    });
    const row = (await screen.findByText('history.jsonl')).closest('tr')!;
    await userEvent.click(within(row).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(posts(seen)).toEqual([`/api/imports/${ID}/cancel Bearer access-1`]));
    expect(window.location.pathname).toBe('/imports');
  });

  it('downloads the error report with the bearer token, under the name the server gives', async () => {
    const createObjectURL = vi.fn((_blob: Blob) => 'blob:report');
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const clicked: HTMLAnchorElement[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    const seen = renderImport('completed', {
      [`GET /api/imports/${ID}/errors/report`]: (req) => ({
        body: `file,line\nhistory.jsonl,7\n${req.search.get('format')}`,
        headers: { 'Content-Disposition': `attachment; filename="import-${ID}-errors.${req.search.get('format')}"` },
      }),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Download CSV' }));
    await waitFor(() => expect(clicked).toHaveLength(1));
    const report = seen.find((r) => r.path === `/api/imports/${ID}/errors/report`)!;
    expect(report.authorization).toBe('Bearer access-1');
    expect(report.search.get('format')).toBe('csv');
    expect(clicked[0].download).toBe(`import-${ID}-errors.csv`);
    expect(clicked[0].href).toBe('blob:report');
    expect(await createObjectURL.mock.calls[0][0].text()).toContain('history.jsonl,7');

    await userEvent.click(screen.getByRole('button', { name: 'Download JSON Lines' }));
    await waitFor(() => expect(clicked).toHaveLength(2));
    expect(clicked[1].download).toBe(`import-${ID}-errors.jsonl`);
    click.mockRestore();
  });

  it('offers no download when no line was refused', async () => {
    renderAppAs('lead', {
      path: `/imports/${ID}/show`,
      api: {
        [`GET /api/imports/${ID}`]: () => ({ body: { ...running, status: 'completed', errorCount: 0 } }),
        [`GET /api/imports/${ID}/errors`]: () => listOf('errors', []),
        'GET /api/sources': sources,
      },
    });
    expect(await screen.findByText('No line of this import was refused.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Download CSV' })).toBeNull();
  });
});
