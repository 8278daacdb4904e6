import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { AdminContext } from 'react-admin';
import { describe, expect, it, vi } from 'vitest';
import { createI18nProvider } from '../i18n/i18nProvider';
import { listOf, signedInAs, stubApi } from '../test/fakeApi';
import { fakeSocket } from '../test/fakeSocket';
import { en, zh } from './messages';
import { ExportPanel } from './ExportPanel';
import type { ExportRecord } from './exportTypes';

vi.mock('socket.io-client', async () => (await import('../test/fakeSocket')).socketIoClient);

const ID = '6f1c2b9e-0000-4000-8000-00000000e001';
const progress = (over: object = {}) => ({
  id: ID, status: 'running', filesDone: 3, filesTotal: 20, rowsWritten: 1200, rowsTotal: 4000, bytesWritten: 2_500_000,
  currentFile: 'hf/data/train.parquet', percent: 30, failureReason: null, ...over,
});
const running = (): ExportRecord => ({
  id: ID, versionId: 2, recipeId: 2, recipeName: 'curated-160', seed: 1, formats: ['doit', 'hf', 'openai'], outputDir: null, status: 'running',
  progress: progress() as ExportRecord['progress'], manifest: null, manifestSha256: null, failureReason: null, createdBy: 'researcher-id',
  createdAt: '2025-05-01T08:00:00Z', startedAt: '2025-05-01T08:00:01Z', finishedAt: null,
});
const completed = (): ExportRecord => ({
  ...running(),
  status: 'completed',
  progress: progress({ status: 'completed', percent: 100, filesDone: 20, rowsWritten: 4000 }) as ExportRecord['progress'],
  manifest: {
    format: 'pace-export/1',
    version: { id: 2, name: 'v2', contentHash: 'ef'.repeat(32) },
    recipe: { id: 2, name: 'curated-160', revision: 1, spec: { pool: 'curated', quotas: { perAbility: 16 } } },
    seed: 1,
    formats: ['doit', 'hf', 'openai'],
    reviewModes: { dual: 160, single: 0, none: 0 },
    files: [{ path: 'hf/data/train.jsonl', bytes: 1234, rows: 160, sha256: 'ab'.repeat(32) }],
  },
  manifestSha256: 'cd'.repeat(32),
});

function renderPanel(api: Parameters<typeof stubApi>[0]) {
  signedInAs('researcher');
  const seen = stubApi({
    'GET /api/recipes': () => listOf('recipes', [{ id: 1, name: 'curated-10' }, { id: 2, name: 'curated-160' }, { id: 3, name: 'curated-160' }]),
    ...api,
  });
  render(
    <AdminContext i18nProvider={createI18nProvider()}>
      <ExportPanel versionId={2} />
    </AdminContext>,
  );
  return seen;
}

describe('ExportPanel', () => {
  it('starts an export with the chosen recipe, seed and formats', async () => {
    const seen = renderPanel({
      'GET /api/exports': () => listOf('exports', []),
      'POST /api/exports': () => ({ status: 201, body: { ...running(), status: 'queued', progress: progress({ status: 'queued', percent: 0, rowsWritten: 0, filesDone: 0 }) } }),
    });
    expect(await screen.findByText('No exports of this version yet.')).toBeInTheDocument();
    fireEvent.mouseDown(screen.getByLabelText('Recipe (train split)'));
    const options = await screen.findAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['None: the whole train split', 'curated-10', 'curated-160']);
    fireEvent.click(screen.getByRole('option', { name: 'curated-160' }));
    fireEvent.change(screen.getByLabelText('Seed'), { target: { value: '7' } });
    fireEvent.click(screen.getByLabelText('OpenAI fine-tuning'));
    fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    await waitFor(() => expect(seen.some((r) => r.method === 'POST' && r.path === '/api/exports')).toBe(true));
    expect(seen.find((r) => r.method === 'POST')!.body).toEqual({ versionId: 2, recipe: 'curated-160', seed: 7, formats: ['doit', 'hf'] });
    expect(await screen.findByText('Queued')).toBeInTheDocument();
    expect(seen.find((r) => r.path === '/api/exports' && r.method === 'GET')!.search.get('filter')).toBe('{"versionId":2}');
  });

  // issue 16 item 6: the server sorts names as text (curated-10 < curated-10000 < curated-160); the picker reads naturally
  it('offers the recipes in natural numeric order: curated-10 < curated-40 < curated-160 < … < curated-10000', async () => {
    const asText = ['baseline', 'curated-10', 'curated-10000', 'curated-160', 'curated-2560', 'curated-40', 'curated-640', 'mix-1000', 'mix-500'];
    renderPanel({
      'GET /api/exports': () => listOf('exports', []),
      'GET /api/recipes': () => listOf('recipes', asText.map((name, i) => ({ id: i + 1, name }))),
    });
    expect(await screen.findByText('No exports of this version yet.')).toBeInTheDocument();
    fireEvent.mouseDown(screen.getByLabelText('Recipe (train split)'));
    await waitFor(async () => expect((await screen.findAllByRole('option')).length).toBe(asText.length + 1));
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual([
      'None: the whole train split',
      'baseline',
      'curated-10',
      'curated-40',
      'curated-160',
      'curated-640',
      'curated-2560',
      'curated-10000',
      'mix-500',
      'mix-1000',
    ]);
  });

  it('moves the bar from export.progress events, cancels, and shows the manifest once completed', async () => {
    let list = [running()];
    const seen = renderPanel({
      'GET /api/exports': () => listOf('exports', list),
      [`POST /api/exports/${ID}/cancel`]: () => ({ body: { ...running(), status: 'cancelling', progress: progress({ status: 'cancelling' }) } }),
    });
    const row = await screen.findByTestId(`export-${ID}`);
    expect(within(row).getByRole('progressbar', { name: 'Progress' })).toHaveAttribute('aria-valuenow', '30');
    await waitFor(() => expect(fakeSocket.rooms()).toContain('exports'));
    act(() => fakeSocket.receive('export.progress', progress({ percent: 72.5, rowsWritten: 2900, filesDone: 12 })));
    await waitFor(() => expect(within(row).getByRole('progressbar', { name: 'Progress' })).toHaveAttribute('aria-valuenow', '73'));
    expect(within(row).getByText(/2,900 \/ 4,000 rows · 12 \/ 20 files · 2.5 MB/)).toBeInTheDocument();
    act(() => fakeSocket.receive('export.progress', { ...progress(), id: 'someone-else', percent: 5 }));

    fireEvent.click(within(row).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(seen.some((r) => r.method === 'POST' && r.path === `/api/exports/${ID}/cancel`)).toBe(true));
    expect(await within(await screen.findByTestId(`export-${ID}`)).findByText('Cancelling')).toBeInTheDocument();

    list = [completed()];
    act(() => fakeSocket.receive('export.progress', progress({ status: 'completed', percent: 100 })));
    const done = await screen.findByTestId(`export-${ID}`);
    await within(done).findByRole('button', { name: 'Download .tar.gz' });
    fireEvent.click(within(done).getByRole('button', { name: 'Manifest' }));
    expect(await within(done).findByText('hf/data/train.jsonl')).toBeInTheDocument();
    expect(within(done).getByText(`Manifest SHA-256: ${'cd'.repeat(32)}`)).toBeInTheDocument();
  });

  it('has a Chinese message for every English one', () => {
    const keys = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
    expect(keys(zh).sort()).toEqual(keys(en).sort());
  });
});
