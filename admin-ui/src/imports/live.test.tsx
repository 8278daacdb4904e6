import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { listOf } from '../test/fakeApi';
import { fakeSocket } from '../test/fakeSocket';
import { renderAppAs } from '../test/renderApp';

vi.mock('socket.io-client', async () => (await import('../test/fakeSocket')).socketIoClient);

const ID = '6f1c2b9e-0000-4000-8000-000000000001';
const OTHER = '6f1c2b9e-0000-4000-8000-000000000002';
const row = (id: string, name: string, percent: number) => ({
  id,
  originalName: name,
  adapter: 'messages',
  sourceId: 's1',
  status: 'running',
  totalSize: 1000,
  doneSize: percent * 10,
  itemsCreated: 120,
  errorCount: 0,
  createdAt: '2025-01-01T00:00:00Z',
  progress: { id, status: 'running', percent, linesRead: 120, linesPerSecond: 800, itemsCreated: 120, exactDuplicates: 0, nearDuplicates: 0, skipped: 0, errorCount: 0, failureReason: null },
});
const event = (id: string, changes: object) => ({
  id,
  status: 'running',
  percent: 0,
  linesRead: 0,
  linesPerSecond: 0,
  itemsCreated: 0,
  exactDuplicates: 0,
  nearDuplicates: 0,
  skipped: 0,
  errorCount: 0,
  failureReason: null,
  ...changes,
});
const sources = () => listOf('sources', [{ id: 's1', name: 'doit', kind: 'curation' }]);
const bar = (name: string) => within(screen.getByText(name).closest('tr')!).getByRole('progressbar', { name: 'Progress' });

describe('live import progress', () => {
  it('moves the list bars from import.progress events in the imports room, and refetches when one stops', async () => {
    const rows = [row(ID, 'history.jsonl', 40), row(OTHER, 'code.jsonl', 10)];
    const seen = renderAppAs('researcher', {
      path: '/imports',
      api: { 'GET /api/imports': () => listOf('imports', rows), 'GET /api/sources': sources },
    });
    expect(await screen.findByText('history.jsonl')).toBeInTheDocument();
    expect(bar('history.jsonl')).toHaveAttribute('aria-valuenow', '40');
    await waitFor(() => expect(fakeSocket.rooms()).toContain('imports'));

    act(() => fakeSocket.receive('import.progress', event(ID, { percent: 72.5, itemsCreated: 5321, linesRead: 5400 })));
    await waitFor(() => expect(bar('history.jsonl')).toHaveAttribute('aria-valuenow', '73'));
    const historyRow = screen.getByText('history.jsonl').closest('tr')!;
    expect(within(historyRow).getByText('72.5%')).toBeInTheDocument();
    expect(within(historyRow).getByText('5,321')).toBeInTheDocument();
    expect(bar('code.jsonl')).toHaveAttribute('aria-valuenow', '10');

    const listCalls = () => seen.filter((r) => r.path === '/api/imports').length;
    const before = listCalls();
    rows[1] = { ...rows[1], status: 'failed' };
    act(() => fakeSocket.receive('import.progress', event(OTHER, { status: 'failed', percent: 12, failureReason: 'disk full' })));
    const codeRow = screen.getByText('code.jsonl').closest('tr')!;
    expect(await within(codeRow).findByText('Failed')).toBeInTheDocument();
    expect(within(codeRow).getByRole('button', { name: 'Resume' })).toBeInTheDocument();
    await waitFor(() => expect(listCalls()).toBeGreaterThan(before));
  });

  it("follows one import's room on its page, ignoring other imports' events", async () => {
    renderAppAs('lead', {
      path: `/imports/${ID}/show`,
      api: { [`GET /api/imports/${ID}`]: () => ({ body: row(ID, 'history.jsonl', 40) }), [`GET /api/imports/${ID}/errors`]: () => listOf('errors', []), 'GET /api/sources': sources },
    });
    expect(await screen.findByText('history.jsonl')).toBeInTheDocument();
    const progress = () => screen.getByRole('progressbar', { name: 'Progress' });
    expect(progress()).toHaveAttribute('aria-valuenow', '40');
    await waitFor(() => expect(fakeSocket.rooms()).toContain(`import:${ID}`));

    act(() => fakeSocket.receive('import.progress', event(OTHER, { percent: 99 })));
    act(() => fakeSocket.receive('import.progress', event(ID, { percent: 64, linesPerSecond: 1234, itemsCreated: 640 })));
    await waitFor(() => expect(progress()).toHaveAttribute('aria-valuenow', '64'));
    expect(screen.getByText('1,234')).toBeInTheDocument();
    expect(screen.getByText('640')).toBeInTheDocument();
  });
});
