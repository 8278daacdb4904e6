import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { listOf, type FakeRequest, type FakeResponse } from '../test/fakeApi';
import { fakeSocket } from '../test/fakeSocket';
import { renderAppAs } from '../test/renderApp';
import type { EvaluationView, ItemResultView } from './experimentTypes';
import { epochScores, experiment } from './testing';

vi.mock('socket.io-client', async () => (await import('../test/fakeSocket')).socketIoClient);

type Routes = Record<string, (req: FakeRequest) => FakeResponse>;

const abilities = [
  { id: 1, key: 'history', nameEn: 'History', nameZh: '历史' },
  { id: 2, key: 'chinese', nameEn: 'Chinese', nameZh: '语文' },
];
const e1 = experiment({ status: 'completed' });

function evaluation(over: Partial<EvaluationView> = {}): EvaluationView {
  return {
    id: 'ev5',
    experimentId: 'e1',
    epoch: 5,
    backend: 'torch',
    suites: ['in-domain', 'cmmlu'],
    status: 'completed',
    progress: { requestsDone: 120, requestsTotal: 120, percent: 100 },
    failureReason: null,
    createdAt: '2025-06-01T09:00:00Z',
    finishedAt: '2025-06-01T09:10:00Z',
    ...over,
  };
}

/** 28 in-domain history verdicts (items 1–28, every third wrong) and CMMLU chinese_history at 0 and 5 shots (items 101–102). */
const RESULTS: ItemResultView[] = [
  ...Array.from({ length: 28 }, (_, i): ItemResultView => {
    const itemId = i + 1;
    const right = itemId % 3 !== 0;
    return {
      itemId,
      suite: 'in-domain',
      ability: 'history',
      split: itemId % 2 ? 'valid' : 'test',
      shots: 0,
      answer: `第 ${itemId} 题：秦始皇统一了文字。答案是 ${right ? 'B' : 'C'}`,
      parsed: right ? 'B' : 'C',
      score: right ? 1 : 0,
      expected: 0.25,
      details: { via: 'text', gold: 'B' },
    };
  }),
  ...[0, 5].flatMap((shots) =>
    [101, 102].map((itemId): ItemResultView => ({
      itemId,
      suite: 'cmmlu',
      ability: 'chinese_history',
      split: 'test',
      shots,
      answer: null,
      parsed: itemId === 101 ? 'A' : 'D',
      score: itemId === 101 ? 1 : 0,
      expected: 0.25,
      details: { via: 'loglikelihood', optionLogprobs: [-0.5, -2, -3, -1.5] },
    })),
  ),
];

/** GET /evaluations/ev5/results as the server answers it: filtered, sorted by suite, ability, item and shots, paged. */
function resultsRoute(req: FakeRequest): FakeResponse {
  const filter = JSON.parse(req.search.get('filter') ?? '{}') as Record<string, string | number>;
  const [start, end] = JSON.parse(req.search.get('range') ?? '[0,24]') as [number, number];
  const rows = RESULTS.filter((r) => Object.entries(filter).every(([k, v]) => r[k as keyof ItemResultView] === v)).sort(
    (a, b) => a.suite.localeCompare(b.suite) || a.ability.localeCompare(b.ability) || a.itemId - b.itemId || a.shots - b.shots,
  );
  const page = rows.slice(start, end + 1);
  return { body: page, headers: { 'Content-Range': `results ${start}-${start + page.length - 1}/${rows.length}` } };
}

function pageApi(over: Routes = {}): Routes {
  return {
    'GET /api/abilities': () => listOf('abilities', abilities),
    'GET /api/experiments/e1': () => ({ body: e1 }),
    'GET /api/experiments/e1/steps': () => ({ body: [] }),
    'GET /api/experiments/e1/checkpoints': () => ({
      body: [
        { epoch: 1, step: 60, path: '/runs/e1/epoch-1', onnxPath: null, createdAt: '2025-06-01T08:30:00Z' },
        { epoch: 5, step: 300, path: '/runs/e1/epoch-5', onnxPath: null, createdAt: '2025-06-01T09:00:00Z' },
      ],
    }),
    'GET /api/experiments/e1/evaluations': () => ({ body: [evaluation()] }),
    'GET /api/experiments/e1/scores': () => ({ body: { experimentId: 'e1', epochs: [epochScores(5, [0.6, 0.55], [0.5, 0.45])], best: null } }),
    'GET /api/experiments/e1/log': () => ({ body: '' }),
    'GET /api/evaluations/ev5': () => ({ body: evaluation() }),
    'GET /api/evaluations/ev5/results': resultsRoute,
    ...over,
  };
}

const cells = (row: HTMLElement) => [...row.querySelectorAll('th, td')].map((c) => c.textContent);
const resultRequests = (seen: FakeRequest[]) =>
  seen.filter((r) => r.path === '/api/evaluations/ev5/results').map((r) => ({ filter: JSON.parse(r.search.get('filter')!), range: JSON.parse(r.search.get('range')!) }));

beforeEach(() => {
  fakeSocket.emitted.length = 0;
});

describe('evaluation results page', () => {
  it('lists what the checkpoint answered item by item, pages through them and filters by suite, ability, split and shots', async () => {
    const user = userEvent.setup();
    const seen = renderAppAs('researcher', { path: '/experiments/e1', api: pageApi() });
    await user.click(await within(await screen.findByTestId('evaluation-ev5')).findByRole('link', { name: 'Results of epoch 5 (torch)' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Results of epoch 5 (torch)' })).toBeInTheDocument();
    expect(screen.getByText('In-domain, CMMLU · 120 / 120 requests', { exact: false })).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: 'Results per item' });
    expect(within(table).getAllByRole('columnheader').map((c) => c.textContent)).toEqual(['Item', 'Ability', 'Split', 'Shots', 'Answer', 'Parsed', 'Score', 'Expected', 'Details']);
    // the server's order: cmmlu before in-domain; a log-likelihood verdict has no text
    expect(cells(within(table).getByTestId('result-101-0'))).toEqual(['#101', 'CMMLU · chinese_history', 'Test', '0', 'Scored by perplexity (no generated text)', 'A', 'Correct (1)', '0.25', 'vialoglikelihoodoptionLogprobs[-0.5,-2,-3,-1.5]']);
    expect(within(within(table).getByTestId('result-101-0')).getByRole('link', { name: '#101' })).toHaveAttribute('href', '/items/101/show');
    expect(screen.getByText('1–25 of 32')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Go to next page' }));
    const history3 = await within(table).findByTestId('result-24-0');
    expect(cells(history3)).toEqual(['#24', 'History', 'Test', '0', '第 24 题：秦始皇统一了文字。答案是 C', 'C', 'Wrong (0)', '0.25', 'viatextgoldB']);
    expect(within(table).getAllByRole('row')).toHaveLength(1 + 7);
    expect(screen.getByText('26–32 of 32')).toBeInTheDocument();

    const filters = screen.getByRole('search', { name: 'Filter results' });
    await user.click(within(filters).getByLabelText('Suite'));
    await user.click(await screen.findByRole('option', { name: 'CMMLU' }));
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(1 + 4));
    expect(screen.getByText('1–4 of 4')).toBeInTheDocument();
    // ability choices come from the evaluation's scores, narrowed to the suite
    await user.click(within(filters).getByLabelText('Ability'));
    expect((await screen.findAllByRole('option')).map((o) => o.textContent)).toEqual(['All', 'chinese_history', 'high_school_biology']);
    await user.click(screen.getByRole('option', { name: 'chinese_history' }));
    await user.click(within(filters).getByLabelText('Shots'));
    await user.click(await screen.findByRole('option', { name: '5-shot' }));
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(1 + 2));
    expect(within(table).getByTestId('result-102-5')).toHaveTextContent('Wrong (0)');

    await user.click(within(filters).getByLabelText('Split'));
    await user.click(await screen.findByRole('option', { name: 'Validation' }));
    expect(await screen.findByText('No result matches these filters.')).toBeInTheDocument();

    expect(resultRequests(seen)).toEqual([
      { filter: {}, range: [0, 24] },
      { filter: {}, range: [25, 49] },
      { filter: { suite: 'cmmlu' }, range: [0, 24] }, // another filter starts at the first page
      { filter: { suite: 'cmmlu', ability: 'chinese_history' }, range: [0, 24] },
      { filter: { suite: 'cmmlu', ability: 'chinese_history', shots: 5 }, range: [0, 24] },
      { filter: { suite: 'cmmlu', ability: 'chinese_history', split: 'valid', shots: 5 }, range: [0, 24] },
    ]);
    expect(window.location.search).toBe('?suite=cmmlu&ability=chinese_history&shots=5&split=valid');
  }, 30_000);

  it('reads the results again as a running evaluation stores more, and offers ability and shots once it is scored', async () => {
    let stored = 10;
    const running = evaluation({ status: 'running', progress: { requestsDone: 10, requestsTotal: 120, percent: 8 }, finishedAt: null });
    renderAppAs('researcher', {
      path: '/experiments/e1/evaluations/ev5',
      api: pageApi({
        'GET /api/evaluations/ev5': () => ({ body: running }),
        'GET /api/experiments/e1/scores': () => ({ body: { experimentId: 'e1', epochs: [], best: null } }),
        'GET /api/evaluations/ev5/results': () => {
          const rows = RESULTS.slice(0, stored);
          return { body: rows, headers: { 'Content-Range': `results 0-${rows.length - 1}/${rows.length}` } };
        },
      }),
    });
    expect(await screen.findByText('1–10 of 10')).toBeInTheDocument();
    const filters = screen.getByRole('search', { name: 'Filter results' });
    expect(within(filters).getByLabelText('Ability')).toHaveAttribute('aria-disabled', 'true');
    expect(within(filters).getAllByText('Once the evaluation has completed')).toHaveLength(2);
    await waitFor(() => expect(fakeSocket.rooms()).toContain('experiment:e1'));

    stored = 20;
    act(() => fakeSocket.receive('evaluation.progress', { ...running, progress: { requestsDone: 20, requestsTotal: 120, percent: 17 } }));
    expect(await screen.findByText('1–20 of 20')).toBeInTheDocument();
    expect(screen.getByText('20 / 120 requests', { exact: false })).toBeInTheDocument();
  });
});

describe('evaluation actions', () => {
  it('evaluates a checkpoint again after a confirmation naming what is lost, showing the server’s refusal', async () => {
    const user = userEvent.setup();
    const rerun = evaluation({ id: 'ev1-onnx', epoch: 1, backend: 'onnx', status: 'queued', progress: { requestsDone: 0, requestsTotal: 0, percent: 0 }, finishedAt: null, createdAt: '2025-06-01T10:00:00Z' });
    const seen = renderAppAs('researcher', {
      path: '/experiments/e1',
      api: pageApi({
        'POST /api/evaluations': (req) =>
          (req.body as { backend: string }).backend === 'torch'
            ? { status: 409, body: { message: 'Evaluation ev1 of epoch 1 (torch) is running; cancel it or wait for it to finish' } }
            : { status: 201, body: rerun },
      }),
    });
    const checkpoints = await screen.findByRole('table', { name: 'Checkpoints' });
    await user.click(within(checkpoints).getByRole('button', { name: 'Evaluate epoch 1 again' }));
    let dialog = await screen.findByRole('dialog', { name: 'Evaluate epoch 1 again?' });
    expect(dialog).toHaveTextContent('the answers and scores stored for it are discarded');
    await user.click(within(dialog).getByRole('button', { name: 'Keep as it is' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(seen.some((r) => r.method === 'POST')).toBe(false);

    await user.click(within(checkpoints).getByRole('button', { name: 'Evaluate epoch 1 again' }));
    dialog = await screen.findByRole('dialog', { name: 'Evaluate epoch 1 again?' });
    expect(within(dialog).getByLabelText('Back-end')).toHaveTextContent('torch'); // the experiment's evalBackend
    await user.click(within(dialog).getByRole('button', { name: 'Evaluate again' }));
    expect(await within(dialog).findByText('The server refused: Evaluation ev1 of epoch 1 (torch) is running; cancel it or wait for it to finish')).toBeInTheDocument();

    await user.click(within(dialog).getByLabelText('Back-end'));
    await user.click(await screen.findByRole('option', { name: 'onnx' }));
    expect(within(dialog).getByText('ONNX export of the checkpoint, scored by onnxruntime')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Evaluate again' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(seen.filter((r) => r.method === 'POST').map((r) => r.body)).toEqual([
      { experimentId: 'e1', epoch: 1, backend: 'torch' },
      { experimentId: 'e1', epoch: 1, backend: 'onnx' },
    ]);
    // the queued evaluation takes its place among the experiment's, by epoch
    await waitFor(() => expect(screen.getAllByTestId(/^evaluation-/).map((r) => r.dataset.testid)).toEqual(['evaluation-ev1-onnx', 'evaluation-ev5']));
    expect(within(screen.getByTestId('evaluation-ev1-onnx')).getByText('Queued')).toBeInTheDocument();
    expect(await screen.findByText('Evaluation of epoch 1 (onnx) queued')).toBeInTheDocument();

    // epoch 0 is the base model itself
    await user.click(screen.getByRole('button', { name: 'Evaluate the base model again' }));
    expect(await screen.findByRole('dialog', { name: 'Evaluate the base model again?' })).toBeInTheDocument();
  }, 30_000);

  it('cancels a running evaluation and resumes it once cancelled', async () => {
    const user = userEvent.setup();
    const running = evaluation({ status: 'running', progress: { requestsDone: 40, requestsTotal: 120, percent: 33 }, finishedAt: null });
    const seen = renderAppAs('researcher', {
      path: '/experiments/e1',
      api: pageApi({
        'GET /api/experiments/e1/evaluations': () => ({ body: [running] }),
        'POST /api/evaluations/ev5/cancel': () => ({ body: { ...running, status: 'cancelling' } }),
        'POST /api/evaluations/ev5/resume': () => ({ body: { ...running, status: 'queued' } }),
      }),
    });
    const row = await screen.findByTestId('evaluation-ev5');
    expect(within(row).queryByRole('button', { name: /^Resume/ })).toBeNull();
    await user.click(within(row).getByRole('button', { name: 'Cancel the evaluation of epoch 5 (torch)' }));
    expect(await within(row).findByText('Cancelling')).toBeInTheDocument();
    expect(within(row).queryByRole('button', { name: /^Cancel the/ })).toBeNull();

    // the runner stops at its next progress save and says so
    await waitFor(() => expect(fakeSocket.rooms()).toContain('experiment:e1'));
    act(() => fakeSocket.receive('evaluation.progress', { ...running, status: 'cancelled' }));
    await user.click(await within(row).findByRole('button', { name: 'Resume the evaluation of epoch 5 (torch)' }));
    expect(await within(row).findByText('Queued')).toBeInTheDocument();
    expect(await within(row).findByRole('button', { name: 'Cancel the evaluation of epoch 5 (torch)' })).toBeInTheDocument();
    expect(seen.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual(['/api/evaluations/ev5/cancel', '/api/evaluations/ev5/resume']);
  });
});
