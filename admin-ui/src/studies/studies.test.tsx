import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { study } from '../growth/testing';
import { listOf, type FakeRequest, type FakeResponse } from '../test/fakeApi';
import { fakeSocket } from '../test/fakeSocket';
import { renderAppAs } from '../test/renderApp';

vi.mock('socket.io-client', async () => (await import('../test/fakeSocket')).socketIoClient);

type Routes = Record<string, (req: FakeRequest) => FakeResponse>;

/** The studies pages are a lazy chunk: its first load in a test may take a while on a loaded machine. */
const FIRST = { timeout: 15_000 };

const models = [
  { id: 1, name: 'llama-7b', path: '/m/7b', parameters: 7e9, notes: '', createdAt: '2026-11-01T00:00:00Z' },
  { id: 2, name: 'llama-13b', path: '/m/13b', parameters: 13e9, notes: '', createdAt: '2026-11-01T00:00:00Z' },
];

function studiesApi(over: Routes = {}): Routes {
  return {
    'GET /api/studies': () => ({ body: [study()] }),
    'GET /api/studies/1': () => ({ body: study() }),
    'GET /api/base-models': () => listOf('base-models', models),
    'GET /api/datasets/versions': () => listOf('versions', [{ id: 2, name: 'v2', status: 'frozen' }]),
    'GET /api/recipes': () => listOf('recipes', [{ id: 3, name: 'curated-10' }, { id: 4, name: 'curated-40' }, { id: 5, name: 'maximum' }]),
    ...over,
  };
}

beforeEach(() => {
  fakeSocket.emitted.length = 0;
});

describe('studies (issue 13 item 1)', () => {
  it('lists studies with their progress, moving live on study.progress', async () => {
    renderAppAs('researcher', { path: '/studies', api: studiesApi() });
    const row = await screen.findByTestId('study-1', {}, FIRST);
    expect(within(row).getByRole('link', { name: 'Volume grid v2' })).toHaveAttribute('href', '/studies/1');
    expect(within(row).getByText('Volume grid (paper)')).toBeInTheDocument();
    expect(within(row).getByRole('progressbar', { name: 'Progress' })).toHaveAttribute('aria-valuenow', '60');
    expect(within(row).getByText('60% · 1/2 done · 1 running · 0 queued · 0 failed · 0 cancelled')).toBeInTheDocument();
    await waitFor(() => expect(fakeSocket.rooms()).toContain('studies'));
    act(() => fakeSocket.receive('study.progress', study({ progress: { total: 2, queued: 0, running: 0, completed: 2, failed: 0, cancelled: 0, percent: 100 } })));
    await waitFor(() => expect(within(row).getByRole('progressbar', { name: 'Progress' })).toHaveAttribute('aria-valuenow', '100'));
  });

  it('creates a study in one action, refusing a bad draft field by field first', async () => {
    const user = userEvent.setup();
    const seen = renderAppAs('researcher', {
      path: '/studies',
      api: studiesApi({ 'POST /api/studies': () => ({ status: 201, body: study({ id: 1 }) }) }),
    });
    await user.click(await screen.findByRole('button', { name: 'New study' }, FIRST));
    const dialog = await screen.findByRole('dialog', { name: 'New study' });
    fireEvent.change(within(dialog).getByLabelText('Seeds', { exact: false }), { target: { value: '1, x' } });
    await user.click(within(dialog).getByRole('button', { name: 'Create and start' }));
    expect(within(dialog).getByText('Required')).toBeInTheDocument();
    expect(within(dialog).getByText('Pick a frozen version, or run on every new version')).toBeInTheDocument();
    expect(within(dialog).getByText('Pick at least one base model')).toBeInTheDocument();
    expect(within(dialog).getByText('Whole numbers, separated by commas')).toBeInTheDocument();
    expect(seen.some((r) => r.method === 'POST')).toBe(false);

    fireEvent.change(within(dialog).getByLabelText('Name', { exact: false }), { target: { value: 'Mix study' } });
    await user.click(within(dialog).getByLabelText('Template'));
    await user.click(await screen.findByRole('option', { name: 'Custom' }));
    await user.click(within(dialog).getByLabelText('Run on every new version'));
    await user.click(within(dialog).getByLabelText('Base models', { exact: false }));
    await user.click(await screen.findByRole('option', { name: 'llama-13b (13B)' }));
    await user.click(within(dialog).getByLabelText('Recipes', { exact: false }));
    await user.click(await screen.findByRole('option', { name: 'maximum' }));
    fireEvent.change(within(dialog).getByLabelText('Seeds', { exact: false }), { target: { value: '1, 2' } });
    fireEvent.change(within(dialog).getByLabelText('Epochs'), { target: { value: '3' } });
    fireEvent.change(within(dialog).getByLabelText('Best checkpoint from epoch'), { target: { value: '4' } });
    await user.click(within(dialog).getByRole('button', { name: 'Create and start' }));
    expect(within(dialog).getByText('Not after the last epoch')).toBeInTheDocument();
    fireEvent.change(within(dialog).getByLabelText('Best checkpoint from epoch'), { target: { value: '2' } });
    await user.click(within(dialog).getByRole('button', { name: 'Create and start' }));

    await waitFor(() => expect(window.location.pathname).toBe('/studies/1'));
    const posts = seen.filter((r) => r.method === 'POST' && r.path === '/api/studies');
    expect(posts).toHaveLength(1);
    expect(posts[0].body).toEqual({
      name: 'Mix study',
      template: 'custom',
      followVersions: true,
      baseModelIds: [2],
      recipes: ['maximum'],
      seeds: [1, 2],
      hyperParams: { epochs: 3, learningRate: 1e-5, bestFromEpoch: 2 },
    });
  });

  // issue 16 item 6: recipe names as the server sorts them (as text) are offered in natural numeric order
  it('offers the recipes of a new study in natural numeric order (curated-10 < curated-40 < curated-160)', async () => {
    const user = userEvent.setup();
    const asText = ['curated-10', 'curated-160', 'curated-40', 'maximum', 'synthetic-10240', 'synthetic-2560'];
    renderAppAs('researcher', {
      path: '/studies',
      api: studiesApi({ 'GET /api/recipes': () => listOf('recipes', asText.map((name, i) => ({ id: i + 1, name }))) }),
    });
    await user.click(await screen.findByRole('button', { name: 'New study' }, FIRST));
    const dialog = await screen.findByRole('dialog', { name: 'New study' });
    await user.click(within(dialog).getByLabelText('Template'));
    await user.click(await screen.findByRole('option', { name: 'Custom' }));
    await user.click(within(dialog).getByLabelText('Recipes', { exact: false }));
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(asText.length));
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['curated-10', 'curated-40', 'curated-160', 'maximum', 'synthetic-2560', 'synthetic-10240']);
  });

  it('shows the runs with status, percent and the reused badge; adds a base model, cancels, and links to its growth curves', async () => {
    const user = userEvent.setup();
    const seen = renderAppAs('researcher', {
      path: '/studies/1',
      api: studiesApi({
        'POST /api/studies/1/base-models': () => ({ body: study({ baseModels: [...study().baseModels, { id: 2, name: 'llama-13b', parameters: 13e9 }] }) }),
        'POST /api/studies/1/cancel': () => ({ body: study({ runs: study().runs.map((r) => ({ ...r, status: r.status === 'running' ? 'cancelled' : r.status })) }) }),
      }),
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Volume grid v2' }, FIRST)).toBeInTheDocument();
    const reused = screen.getByTestId('run-exp-1');
    expect(within(reused).getByText('reused')).toBeInTheDocument();
    expect(within(reused).getByText('Completed')).toBeInTheDocument();
    const running = screen.getByTestId('run-exp-4');
    expect(within(running).queryByText('reused')).toBeNull();
    expect(within(running).getByRole('progressbar')).toHaveAttribute('aria-valuenow', '20');
    expect(screen.getByRole('link', { name: 'Growth curves' })).toHaveAttribute('href', '/growth-curves?studyId=1');
    await waitFor(() => expect(fakeSocket.rooms()).toContain('study:1'));

    await user.click(screen.getByLabelText('Base model'));
    await user.click(await screen.findByRole('option', { name: 'llama-13b' }));
    await user.click(screen.getByRole('button', { name: 'Add base model' }));
    await waitFor(() => expect(seen.find((r) => r.path === '/api/studies/1/base-models')?.body).toEqual({ baseModelId: 2 }));
    expect(await screen.findByText(/base models llama-7b, llama-13b/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Cancel the study' }));
    await waitFor(() => expect(within(screen.getByTestId('run-exp-4')).getByText('Cancelled')).toBeInTheDocument());
    expect(screen.getByRole('button', { name: 'Cancel the study' })).toBeDisabled();
  });

  it('issue 13 item 6: a lead reads the studies and a study (the growth page selects by them) but gets no create, add or cancel', async () => {
    renderAppAs('lead', { path: '/studies', api: studiesApi() });
    expect(await screen.findByTestId('study-1', {}, FIRST)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New study' })).toBeNull();
  });

  it('issue 13 item 6: a lead sees a study\'s runs without its write actions', async () => {
    renderAppAs('lead', { path: '/studies/1', api: studiesApi() });
    expect(await screen.findByRole('heading', { level: 1, name: 'Volume grid v2' }, FIRST)).toBeInTheDocument();
    expect(screen.getByTestId('run-exp-1')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add base model' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Cancel the study' })).toBeNull();
  });
});
