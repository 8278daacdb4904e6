import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { preloadCharts } from '../charts/lazyChart';
import { listOf, type FakeRequest, type FakeResponse } from '../test/fakeApi';
import { fakeSocket } from '../test/fakeSocket';
import { renderAppAs } from '../test/renderApp';
import { epochScores, experiment, steps } from './testing';

vi.mock('socket.io-client', async () => (await import('../test/fakeSocket')).socketIoClient);

type Routes = Record<string, (req: FakeRequest) => FakeResponse>;

const abilities = [
  { id: 1, key: 'history', nameEn: 'History', nameZh: '历史' },
  { id: 2, key: 'chinese', nameEn: 'Chinese', nameZh: '语文' },
];
const e1 = experiment();
const e2 = experiment({ id: 'e2', name: 'tiny × v1 × curated-10', status: 'completed', best: { epoch: 5, validation: 0.55, test: 0.5 }, progress: { ...e1.progress, percent: 100 } });

function pageApi(over: Routes = {}): Routes {
  return {
    'GET /api/abilities': () => listOf('abilities', abilities),
    'GET /api/experiments/e1': () => ({ body: e1 }),
    'GET /api/experiments/e1/steps': (req) => ({ body: req.search.get('after') ? steps(Number(req.search.get('after')) + 1, 7) : steps(1, 3) }),
    'GET /api/experiments/e1/checkpoints': () => ({ body: [{ epoch: 1, step: 60, path: '/runs/e1/epoch-1', onnxPath: null, createdAt: '2025-06-01T08:30:00Z' }] }),
    'GET /api/experiments/e1/evaluations': () => ({ body: [] }),
    'GET /api/experiments/e1/scores': () => ({ body: { experimentId: 'e1', epochs: [], best: null } }),
    'GET /api/experiments/e1/log': () => ({ body: 'epoch 1 done' }),
    ...over,
  };
}

/** Types a whole value at once (userEvent types key by key: minutes on a busy two-core machine for this form). */
const set = (input: HTMLElement, value: string) => fireEvent.change(input, { target: { value } });

const rowTexts = (table: HTMLElement, header: string) =>
  within(within(table).getByRole('rowheader', { name: header }).closest('tr')!)
    .getAllByRole('cell')
    .map((c) => c.textContent);

beforeEach(() => {
  fakeSocket.emitted.length = 0;
});

// the charts' code (recharts) loads when a chart first draws; loaded once here, before any test's clock starts
beforeAll(() => preloadCharts(), 120_000);

describe('experiments list', () => {
  it('shows status, progress, model, version, recipe and best checkpoint, and moves live on experiment.progress', async () => {
    renderAppAs('researcher', { path: '/experiments', api: { 'GET /api/experiments': () => listOf('experiments', [e1, e2]) } });
    const running = await screen.findByTestId('experiment-e1');
    expect(within(running).getByText('Running')).toBeInTheDocument();
    expect(within(running).getByText('Epoch 2/20 · step 120/1,200 · loss 1.2345 · 2,400 tokens/s · 4 min 10 s left')).toBeInTheDocument();
    expect(within(running).getByRole('progressbar')).toHaveAttribute('aria-valuenow', '10');
    expect(within(running).getByText('135M parameters')).toBeInTheDocument();
    expect(within(running).getByText('curated-40@1')).toBeInTheDocument();
    expect(within(screen.getByTestId('experiment-e2')).getByText('epoch 5: validation 55.0%, test 50.0%')).toBeInTheDocument();
    await waitFor(() => expect(fakeSocket.rooms()).toContain('experiments'));

    act(() => fakeSocket.receive('experiment.progress', { ...e1, progress: { ...e1.progress, epoch: 10, step: 600, loss: 0.5, etaSeconds: 3725, percent: 50 } }));
    await waitFor(() => expect(within(running).getByRole('progressbar')).toHaveAttribute('aria-valuenow', '50'));
    expect(within(running).getByText('Epoch 10/20 · step 600/1,200 · loss 0.5 · 2,400 tokens/s · 1 h 2 min left')).toBeInTheDocument();

    // a policy queued a new run: it appears on top; a failure turns the chip red
    act(() => fakeSocket.receive('experiment.progress', experiment({ id: 'e3', name: 'tiny × v3 × curated-10', status: 'queued', progress: { ...e1.progress, step: 0, totalSteps: 0, percent: 0 } })));
    await waitFor(() => expect(screen.getAllByTestId(/^experiment-/).map((r) => r.dataset.testid)).toEqual(['experiment-e3', 'experiment-e1', 'experiment-e2']));
    act(() => fakeSocket.receive('experiment.progress', { ...e1, status: 'failed', failureReason: 'boom' }));
    expect(await within(screen.getByTestId('experiment-e1')).findByText('Failed')).toBeInTheDocument();
  });
});

describe('experiment page', () => {
  it('draws the loss curve from the stored steps and appends the steps experiment.steps delivers, filling a gap', async () => {
    const seen = renderAppAs('researcher', { path: '/experiments/e1', api: pageApi() });
    expect(await screen.findByRole('heading', { level: 1, name: e1.name })).toBeInTheDocument();
    const curve = await screen.findByRole('figure', { name: '3 steps, last step 3: loss 1' });
    await waitFor(() => expect(curve.querySelectorAll('.recharts-line-dot')).toHaveLength(3));
    await waitFor(() => expect(fakeSocket.rooms()).toContain('experiment:e1'));

    act(() => fakeSocket.receive('experiment.steps', { experimentId: 'e1', steps: steps(3, 5) }));
    await screen.findByRole('figure', { name: '5 steps, last step 5: loss 0.6' });
    await waitFor(() => expect(screen.getByRole('figure').querySelectorAll('.recharts-line-dot')).toHaveLength(5));
    // another experiment's steps are not this one's
    act(() => fakeSocket.receive('experiment.steps', { experimentId: 'e9', steps: steps(6, 6) }));
    // steps 6–7 were missed (say, while reconnecting): read with ?after=5 when step 8 arrives
    act(() => fakeSocket.receive('experiment.steps', { experimentId: 'e1', steps: steps(8, 8) }));
    await screen.findByRole('figure', { name: '8 steps, last step 8: loss 0.375' });
    expect(seen.filter((r) => r.path === '/api/experiments/e1/steps').map((r) => r.search.get('after'))).toEqual([null, '5']);
    await waitFor(() => expect(screen.getByRole('figure').querySelectorAll('.recharts-line-dot')).toHaveLength(8));
  });

  // issue 12 item 4: the curve as the server draws it for publishing, in the page's language
  it('downloads the loss curve as SVG and PNG in the page language, with the bearer token; a refusal is told', async () => {
    const createObjectURL = vi.fn((_blob: Blob) => 'blob:chart');
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const clicked: HTMLAnchorElement[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    const chart = (file: string) => () => ({ body: file, headers: { 'Content-Disposition': `inline; filename="experiment-e1-${file}"` } });
    const seen = renderAppAs('researcher', {
      path: '/experiments/e1',
      api: pageApi({
        'GET /api/experiments/e1/charts/loss.svg': chart('loss.svg'),
        'GET /api/experiments/e1/charts/loss.png': () => ({ status: 400, body: { message: 'locale: expected one of en, zh-CN, got "x"' } }),
      }),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'English' }));
    await userEvent.click(await screen.findByRole('menuitem', { name: '中文' }));
    await userEvent.click(await screen.findByRole('button', { name: '下载 SVG' }));
    await waitFor(() => expect(clicked).toHaveLength(1));
    const svg = seen.find((r) => r.path === '/api/experiments/e1/charts/loss.svg')!;
    expect(svg.search.get('locale')).toBe('zh-CN');
    expect(svg.authorization).toBe('Bearer access-1');
    expect(clicked[0].download).toBe('experiment-e1-loss.svg');
    expect(await createObjectURL.mock.calls[0][0].text()).toContain('loss.svg');

    await userEvent.click(screen.getByRole('button', { name: '下载 PNG' }));
    expect(await screen.findByText('无法下载图表：locale: expected one of en, zh-CN, got "x"')).toBeInTheDocument();
    expect(clicked).toHaveLength(1);
    click.mockRestore();
    // the language is the app's, kept across renders: back to English for the tests after this one
    await userEvent.click(screen.getByRole('button', { name: '中文' }));
    await userEvent.click(await screen.findByRole('menuitem', { name: 'English' }));
    await screen.findByRole('button', { name: 'Download SVG' });
  });

  it('shows the per-ability score table per epoch with expected scores, benchmarks and the best checkpoint, refreshed on experiment.scores', async () => {
    let epochs = [epochScores(4, [0.4, 0.3], [0.2, 0.1]), epochScores(5, [0.6, 0.55], [0.5, 0.45]), epochScores(6, [0.5, 0.5], [0.4, 0.4])];
    let best = { epoch: 5, validation: 0.55, test: 0.5 };
    renderAppAs('researcher', { path: '/experiments/e1', api: pageApi({ 'GET /api/experiments/e1/scores': () => ({ body: { experimentId: 'e1', epochs, best } }) }) });
    const table = await screen.findByRole('table', { name: 'Scores per ability and epoch' });
    expect(within(table).getAllByRole('columnheader').map((c) => c.textContent)).toEqual(['Ability', 'Expected', 'Epoch 4', 'Epoch 5 (best)', 'Epoch 6']);
    expect(within(table).getAllByRole('rowheader').map((c) => c.textContent)).toEqual(['Chinese', 'History', 'Average', 'CMMLU 0-shot', 'CMMLU 5-shot']);
    expect(rowTexts(table, 'History')).toEqual(['25.0 / 25.0', '40.0 / 30.0', '60.0 / 55.0', '50.0 / 50.0']);
    expect(rowTexts(table, 'Chinese')).toEqual(['0.0 / 0.0', '20.0 / 10.0', '50.0 / 45.0', '40.0 / 40.0']);
    expect(rowTexts(table, 'Average')).toEqual(['12.5 / 12.5', '30.0 / 20.0', '55.0 / 50.0', '45.0 / 45.0']);
    expect(rowTexts(table, 'CMMLU 0-shot')).toEqual(['25.0', '27.0', '27.5', '28.0']);
    expect(rowTexts(table, 'CMMLU 5-shot')).toEqual(['25.0', '35.0', '35.0', '35.0']);
    const highlighted = [...table.querySelectorAll('[data-best]')];
    expect(highlighted).toHaveLength(6); // the header and one cell per row, all in epoch 5's column
    expect(highlighted.slice(1).map((c) => c.textContent)).toEqual(['50.0 / 45.0', '60.0 / 55.0', '55.0 / 50.0', '27.5', '35.0']);
    expect(screen.getByTestId('best-checkpoint')).toHaveTextContent('Best checkpoint: epoch 5, validation 55.0%, test 50.0%');

    epochs = [...epochs, epochScores(7, [0.7, 0.6], [0.6, 0.5])];
    best = { epoch: 7, validation: 0.65, test: 0.55 };
    act(() => fakeSocket.receive('experiment.scores', { experimentId: 'e1' }));
    await waitFor(() => expect(within(table).getAllByRole('columnheader').map((c) => c.textContent)).toEqual(['Ability', 'Expected', 'Epoch 4', 'Epoch 5', 'Epoch 6', 'Epoch 7 (best)']));
    expect(rowTexts(table, 'History').at(-1)).toBe('70.0 / 60.0');
    expect(screen.getByTestId('best-checkpoint')).toHaveTextContent('epoch 7, validation 65.0%, test 55.0%');
  });

  it('issue 15 items 7 and 8: shows IFEval as its four metrics and each C-Eval subject and MCQ set 0- and 5-shot on its own row, in English and Chinese', async () => {
    const score = (suite: 'ceval' | 'mcq' | 'ifeval', ability: string, shots: number, value: number, expected: number, items = 3) => ({ suite, ability, split: 'test' as const, shots, items, score: value, expected });
    const epoch = epochScores(1, [0.4, 0.3], [0.2, 0.1]);
    epoch.scores = [
      ...epoch.scores.filter((x) => x.suite === 'in-domain'),
      score('ceval', 'logic', 0, 1 / 3, 0.25),
      score('ceval', 'logic', 5, 2 / 3, 0.25),
      score('mcq', 'law_quiz', 0, 0.5, 5 / 12, 2),
      score('mcq', 'law_quiz', 5, 1, 5 / 12, 2),
      // as the API lists them: by name
      score('ifeval', 'instruction_loose', 0, 5 / 7, 0, 7),
      score('ifeval', 'instruction_strict', 0, 4 / 7, 0, 7),
      score('ifeval', 'prompt_loose', 0, 0.5, 0, 4),
      score('ifeval', 'prompt_strict', 0, 0.25, 0, 4),
    ];
    const user = userEvent.setup();
    renderAppAs('researcher', { path: '/experiments/e1', api: pageApi({ 'GET /api/experiments/e1/scores': () => ({ body: { experimentId: 'e1', epochs: [epoch], best: null } }) }) });
    const table = await screen.findByRole('table', { name: 'Scores per ability and epoch' });
    expect(within(table).getAllByRole('rowheader').map((c) => c.textContent)).toEqual([
      'Chinese',
      'History',
      'Average',
      'C-Eval · logic 0-shot',
      'C-Eval · logic 5-shot',
      'Multiple-choice sets · law_quiz 0-shot',
      'Multiple-choice sets · law_quiz 5-shot',
      'IFEval prompt-level strict',
      'IFEval prompt-level loose',
      'IFEval instruction-level strict',
      'IFEval instruction-level loose',
    ]);
    expect(rowTexts(table, 'C-Eval · logic 5-shot')).toEqual(['25.0', '66.7']);
    expect(rowTexts(table, 'Multiple-choice sets · law_quiz 0-shot')).toEqual(['41.7', '50.0']);
    // IFEval has no random-guess baseline; instruction-level is the stored share of instructions
    expect(rowTexts(table, 'IFEval prompt-level strict')).toEqual(['—', '25.0']);
    expect(rowTexts(table, 'IFEval instruction-level strict')).toEqual(['—', '57.1']);
    await user.click(await screen.findByRole('button', { name: 'English' }));
    await user.click(await screen.findByRole('menuitem', { name: '中文' }));
    const zhTable = await screen.findByRole('table', { name: '各能力各轮得分' });
    await waitFor(() => expect(within(zhTable).getAllByRole('rowheader').map((c) => c.textContent).slice(5)).toEqual([
      '选择题集 · law_quiz 0-shot',
      '选择题集 · law_quiz 5-shot',
      'IFEval 提示级·严格',
      'IFEval 提示级·宽松',
      'IFEval 指令级·严格',
      'IFEval 指令级·宽松',
    ]));
    await user.click(screen.getByRole('button', { name: '中文' }));
    await user.click(await screen.findByRole('menuitem', { name: 'English' }));
    await screen.findByRole('rowheader', { name: 'IFEval prompt-level loose' });
  }, 60_000); // two language switches: slow on a busy two-core machine

  it('follows evaluation progress, and shows settings, checkpoints and the log', async () => {
    const ev = { id: 'ev1', experimentId: 'e1', epoch: 1, backend: 'torch', suites: ['in-domain', 'cmmlu'], status: 'running', progress: { requestsDone: 10, requestsTotal: 200, percent: 5 }, failureReason: null, createdAt: '2025-06-01T08:31:00Z', finishedAt: null };
    renderAppAs('researcher', { path: '/experiments/e1', api: pageApi({ 'GET /api/experiments/e1/evaluations': () => ({ body: [ev] }) }) });
    const row = await screen.findByTestId('evaluation-ev1');
    expect(within(row).getByText('10 / 200 requests')).toBeInTheDocument();
    expect(within(row).getByText('In-domain, CMMLU')).toBeInTheDocument();
    act(() => fakeSocket.receive('evaluation.progress', { ...ev, progress: { requestsDone: 150, requestsTotal: 200, percent: 75 } }));
    await waitFor(() => expect(within(row).getByRole('progressbar')).toHaveAttribute('aria-valuenow', '75'));
    expect(within(row).getByText('150 / 200 requests')).toBeInTheDocument();

    const hyper = screen.getByRole('table', { name: 'Hyper-parameters' });
    expect(rowTexts(hyper, 'Learning rate')).toEqual(['1E-5 → 1E-6']);
    expect(rowTexts(hyper, 'AdamW β')).toEqual(['0.9, 0.95']);
    expect(rowTexts(hyper, 'Global batch size')).toEqual(['64 (micro-batch 8)']);
    expect(within(screen.getByRole('table', { name: 'Checkpoints' })).getByText('/runs/e1/epoch-1')).toBeInTheDocument();
    expect(await screen.findByTestId('run-log')).toHaveTextContent('epoch 1 done');
  });

  it('shows why a run failed and resumes it', async () => {
    const failed = { ...e1, status: 'failed' as const, failureReason: 'RuntimeError: CUDA out of memory at step 40 (微批 8)' };
    const seen = renderAppAs('researcher', {
      path: '/experiments/e1',
      api: pageApi({ 'GET /api/experiments/e1': () => ({ body: failed }), 'POST /api/experiments/e1/resume': () => ({ body: { ...e1, status: 'queued' } }) }),
    });
    expect(await screen.findByTestId('failure-reason')).toHaveTextContent('Failed: RuntimeError: CUDA out of memory at step 40 (微批 8)');
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Resume' }));
    await waitFor(() => expect(seen.some((r) => r.method === 'POST' && r.path === '/api/experiments/e1/resume')).toBe(true));
    expect(await screen.findByRole('button', { name: 'Cancel' })).toBeInTheDocument();
    expect(screen.queryByTestId('failure-reason')).toBeNull();
  });
});

describe('new experiment', () => {
  const choices: Routes = {
    'GET /api/base-models': () => listOf('base-models', [{ id: 1, name: 'tiny-llama', path: '/models/tiny', parameters: 135_000_000, notes: '', createdAt: '2025-06-01T00:00:00Z' }]),
    'GET /api/datasets/versions': () => listOf('versions', [{ id: 3, name: 'v3', status: 'freezing' }, { id: 2, name: 'v2', status: 'frozen' }]),
    'GET /api/recipes': () => listOf('recipes', [{ name: 'curated-10' }, { name: 'baseline' }]),
  };

  it('prefills the paper’s hyper-parameters, refuses bad values field by field, and queues a valid experiment', async () => {
    const user = userEvent.setup();
    const seen = renderAppAs('researcher', {
      path: '/experiments/create',
      api: { ...choices, ...pageApi(), 'POST /api/experiments': () => ({ status: 201, body: e1 }) },
    });
    const form = await screen.findByRole('form', { name: 'New experiment' });
    const field = (label: string) => within(form).getByLabelText(label);
    expect(field('Epochs')).toHaveValue('15');
    expect(field('Learning rate')).toHaveValue('1e-5');
    expect(field('Final learning rate (linear decay)')).toHaveValue('1e-6');
    expect(field('AdamW β₁')).toHaveValue('0.9');
    expect(field('AdamW β₂')).toHaveValue('0.95');
    expect(field('Weight decay')).toHaveValue('0.1');
    expect(field('Global batch size')).toHaveValue('64');
    expect(field('Max length (tokens)')).toHaveValue('2048');

    set(field('Learning rate'), 'fast');
    set(field('Micro-batch size'), '10');
    set(field('AdamW β₂'), '1');
    await user.click(within(form).getByRole('button', { name: 'Queue the experiment' }));
    expect(await within(form).findByText('Some fields need fixing (marked in red).')).toBeInTheDocument();
    expect(within(form).getByText('A number (e.g. 0.1 or 1e-5)')).toBeInTheDocument();
    expect(within(form).getByText('A multiple of micro-batch × GPUs (10 × 1 = 10)')).toBeInTheDocument();
    expect(within(form).getByText('From 0 up to (not including) 1')).toBeInTheDocument();
    expect(within(form).getAllByText('Required')).toHaveLength(2); // base model and version
    expect(seen.some((r) => r.method === 'POST')).toBe(false);

    set(field('Learning rate'), '2e-5');
    set(field('Final learning rate (linear decay)'), '3e-5');
    await user.click(within(form).getByRole('button', { name: 'Queue the experiment' }));
    expect(await within(form).findByText('Not above the learning rate: it decays to this')).toBeInTheDocument();
    set(field('Final learning rate (linear decay)'), '2e-6');
    set(field('Micro-batch size'), '8');
    set(field('AdamW β₂'), '0.95');

    await user.click(field('Base model *'));
    await user.click(await screen.findByRole('option', { name: 'tiny-llama' }));
    await user.click(field('Dataset version *'));
    expect(screen.queryByRole('option', { name: 'v3' })).toBeNull(); // still freezing
    await user.click(await screen.findByRole('option', { name: 'v2' }));
    await user.click(field('Recipe'));
    await user.click(await screen.findByRole('option', { name: 'curated-10' }));
    expect(field('Epochs')).toHaveValue('25'); // the paper trains the smallest volume longer
    await user.click(within(form).getByRole('button', { name: 'Queue the experiment' }));

    await waitFor(() => expect(seen.some((r) => r.method === 'POST' && r.path === '/api/experiments')).toBe(true));
    expect(seen.find((r) => r.method === 'POST')!.body).toEqual({
      baseModelId: 1,
      versionId: 2,
      recipe: 'curated-10',
      seed: 42,
      hyperParams: {
        epochs: 25,
        learningRate: 2e-5,
        finalLearningRate: 2e-6,
        betas: [0.9, 0.95],
        weightDecay: 0.1,
        globalBatchSize: 64,
        microBatchSize: 8,
        maxLength: 2048,
        method: 'full',
        precision: 'auto',
        gpus: 1,
        evalBackend: 'torch',
        maxNewTokens: 512,
        benchmarks: ['cmmlu', 'agieval'],
        bestFromEpoch: 5,
      },
    });
    expect(await screen.findByRole('heading', { level: 1, name: e1.name })).toBeInTheDocument();
  }, 60_000); // typing into many fields is slow on a busy two-core machine

  it('issue 15 items 7 and 8: offers every benchmark of the registry; choosing IFEval asks for its generation budget and sends it', async () => {
    const user = userEvent.setup();
    const seen = renderAppAs('researcher', {
      path: '/experiments/create',
      api: { ...choices, ...pageApi(), 'POST /api/experiments': () => ({ status: 201, body: e1 }) },
    });
    const form = await screen.findByRole('form', { name: 'New experiment' });
    const box = (name: string) => within(form).getByRole('checkbox', { name });
    expect(['CMMLU', 'AGIEval', 'C-Eval', 'Multiple-choice sets', 'IFEval'].map((name) => [name, (box(name) as HTMLInputElement).checked])).toEqual([
      ['CMMLU', true],
      ['AGIEval', true],
      ['C-Eval', false],
      ['Multiple-choice sets', false],
      ['IFEval', false],
    ]);
    expect(within(form).queryByLabelText('Max new tokens (IFEval)')).toBeNull();
    await user.click(box('AGIEval'));
    await user.click(box('IFEval'));
    await user.click(box('C-Eval'));
    expect(within(form).getByLabelText('Max new tokens (IFEval)')).toHaveValue('1280');
    set(within(form).getByLabelText('Max new tokens (IFEval)'), '0');
    await user.click(within(form).getByRole('button', { name: 'Queue the experiment' }));
    expect(await within(form).findByText('Some fields need fixing (marked in red).')).toBeInTheDocument();
    set(within(form).getByLabelText('Max new tokens (IFEval)'), '768');
    await user.click(within(form).getByLabelText('Base model *'));
    await user.click(await screen.findByRole('option', { name: 'tiny-llama' }));
    await user.click(within(form).getByLabelText('Dataset version *'));
    await user.click(await screen.findByRole('option', { name: 'v2' }));
    await user.click(within(form).getByRole('button', { name: 'Queue the experiment' }));
    await waitFor(() => expect(seen.some((r) => r.method === 'POST' && r.path === '/api/experiments')).toBe(true));
    // in the registry's order, whatever order they were ticked in
    expect((seen.find((r) => r.method === 'POST')!.body as { hyperParams: object }).hyperParams).toMatchObject({ benchmarks: ['cmmlu', 'ceval', 'ifeval'], ifevalMaxNewTokens: 768 });
  }, 60_000);
});

describe('base models and policies', () => {
  it('registers a base model by path, adds a policy and turns it off', async () => {
    const user = userEvent.setup();
    const models = [{ id: 1, name: 'tiny-llama', path: '/models/tiny', parameters: 135_000_000, notes: '', createdAt: '2025-06-01T00:00:00Z' }];
    const policy = { id: 4, name: 'every-version', baseModelId: 1, baseModelName: 'tiny-llama', recipes: ['curated-10', 'curated-40'], hyperParams: {}, seed: 7, enabled: true, experiments: 2, createdAt: '', updatedAt: '' };
    const seen = renderAppAs('researcher', {
      path: '/experiments/base-models',
      api: {
        'GET /api/base-models': () => listOf('base-models', models),
        'POST /api/base-models': (req) => {
          models.push({ id: 2, ...(req.body as { name: string; path: string; parameters: number }), notes: '', createdAt: '2025-06-02T00:00:00Z' });
          return { status: 201, body: models[1] };
        },
        'GET /api/recipes': () => listOf('recipes', [{ name: 'curated-10' }, { name: 'curated-40' }]),
        'GET /api/experiment-policies': () => listOf('experiment-policies', [policy]),
        'POST /api/experiment-policies': () => ({ status: 201, body: policy }),
        'PATCH /api/experiment-policies/4': () => ({ body: { ...policy, enabled: false } }),
      },
    });
    const form = await screen.findByRole('form', { name: 'Register a base model' });
    set(within(form).getByLabelText('Name *'), 'qwen-0.5b');
    set(within(form).getByLabelText('Path *'), '/models/qwen2.5-0.5b');
    set(within(form).getByLabelText('Parameters'), '494,032,768');
    await user.click(within(form).getByRole('button', { name: 'Register' }));
    await waitFor(() => expect(seen.find((r) => r.method === 'POST')?.body).toEqual({ name: 'qwen-0.5b', path: '/models/qwen2.5-0.5b', parameters: 494032768 }));
    const table = await screen.findByRole('table', { name: 'Base models' });
    expect(await within(table).findByText('494.03M (494,032,768)')).toBeInTheDocument();

    await user.click(screen.getByRole('tab', { name: 'Policies' }));
    const policyForm = await screen.findByRole('form', { name: 'Add a policy' });
    set(within(policyForm).getByLabelText('Name *'), 'every-version');
    await user.click(within(policyForm).getByLabelText('Base model *'));
    await user.click(await screen.findByRole('option', { name: 'tiny-llama' }));
    await user.click(within(policyForm).getByLabelText('Recipes *'));
    await user.click(await screen.findByRole('option', { name: 'curated-10' }));
    await user.click(within(policyForm).getByLabelText('Recipes *'));
    await user.click(await screen.findByRole('option', { name: 'curated-40' }));
    await user.keyboard('{Escape}');
    await user.click(within(policyForm).getByRole('button', { name: 'Add' }));
    await waitFor(() =>
      expect(seen.find((r) => r.method === 'POST' && r.path === '/api/experiment-policies')?.body).toEqual({ name: 'every-version', baseModelId: 1, recipes: ['curated-10', 'curated-40'], seed: 42, enabled: true }),
    );
    const policies = await screen.findByRole('table', { name: 'Experiment policies' });
    expect(rowTexts(policies, 'every-version').slice(0, 4)).toEqual(['tiny-llama', 'curated-10curated-40', '7', '2']);
    await user.click(within(policies).getByRole('switch', { name: 'Enable every-version' }));
    await waitFor(() => expect(seen.find((r) => r.method === 'PATCH')?.body).toEqual({ enabled: false }));
    await waitFor(() => expect(within(policies).getByRole('switch', { name: 'Enable every-version' })).not.toBeChecked());
  }, 60_000);
});

describe('experiments list filters', () => {
  it('filters by status, version and base model through the API’s filter, kept in the address, and drops a run that leaves the filter', async () => {
    const user = userEvent.setup();
    const seen = renderAppAs('researcher', {
      path: '/experiments',
      api: {
        'GET /api/experiments': (req) => {
          const f = JSON.parse(req.search.get('filter') ?? '{}') as { status?: string; baseModelId?: number; versionId?: number };
          return listOf('experiments', [e1, e2].filter((e) => (!f.status || e.status === f.status) && (!f.baseModelId || e.baseModel.id === f.baseModelId) && (!f.versionId || e.version.id === f.versionId)));
        },
        'GET /api/base-models': () => listOf('base-models', [{ id: 1, name: 'tiny-llama', path: '/models/tiny', parameters: 135_000_000, notes: '', createdAt: '2025-06-01T00:00:00Z' }]),
        'GET /api/datasets/versions': () => listOf('versions', [{ id: 2, name: 'v2', status: 'frozen' }]),
      },
    });
    await screen.findByTestId('experiment-e2');
    const filters = screen.getByRole('search', { name: 'Filter experiments' });
    await user.click(within(filters).getByLabelText('Status'));
    await user.click(await screen.findByRole('option', { name: 'Running' }));
    await waitFor(() => expect(screen.queryByTestId('experiment-e2')).toBeNull());
    expect(screen.getByTestId('experiment-e1')).toBeInTheDocument();
    await user.click(within(filters).getByLabelText('Base model'));
    await user.click(await screen.findByRole('option', { name: 'tiny-llama' }));
    await user.click(within(filters).getByLabelText('Dataset version'));
    await user.click(await screen.findByRole('option', { name: 'v2' }));
    await waitFor(() => expect(window.location.search).toBe('?status=running&baseModelId=1&versionId=2'));
    const filtersSent = seen.filter((r) => r.path === '/api/experiments').map((r) => r.search.get('filter'));
    expect(filtersSent).toEqual([null, '{"status":"running"}', '{"status":"running","baseModelId":1}', '{"status":"running","versionId":2,"baseModelId":1}']);

    // the running run completes: it no longer fits "running"; a queued one never did
    await waitFor(() => expect(fakeSocket.rooms()).toContain('experiments'));
    act(() => fakeSocket.receive('experiment.progress', experiment({ id: 'e4', status: 'queued' })));
    act(() => fakeSocket.receive('experiment.progress', { ...e1, status: 'completed' }));
    expect(await screen.findByText('No experiment matches these filters.')).toBeInTheDocument();
    expect(screen.queryByTestId('experiment-e4')).toBeNull();

    await user.click(within(filters).getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(window.location.search).toBe(''));
    expect(seen.filter((r) => r.path === '/api/experiments').at(-1)!.search.get('filter')).toBeNull();
  }, 30_000);
});

describe('editing a policy', () => {
  it('edits recipes, seed and hyper-parameters, storing only what the policy sets or the user changed', async () => {
    const user = userEvent.setup();
    const policy = { id: 4, name: 'every-version', baseModelId: 1, baseModelName: 'tiny-llama', recipes: ['curated-10', 'curated-40'], hyperParams: { learningRate: 2e-5 }, seed: 7, enabled: true, experiments: 2, createdAt: '', updatedAt: '' };
    let refuse = true;
    const seen = renderAppAs('researcher', {
      path: '/experiments/policies',
      api: {
        'GET /api/base-models': () => listOf('base-models', [{ id: 1, name: 'tiny-llama', path: '/models/tiny', parameters: null, notes: '', createdAt: '2025-06-01T00:00:00Z' }]),
        'GET /api/recipes': () => listOf('recipes', [{ name: 'curated-10' }, { name: 'curated-40' }, { name: 'curated-160' }]),
        'GET /api/experiment-policies': () => listOf('experiment-policies', [policy]),
        'PATCH /api/experiment-policies/4': (req) => {
          if (refuse) return (refuse = false), { status: 409, body: { message: 'name: a policy named "nightly" exists already' } };
          return { body: { ...policy, ...(req.body as object) } };
        },
      },
    });
    const policies = await screen.findByRole('table', { name: 'Experiment policies' });
    await user.click(within(policies).getByRole('button', { name: 'Edit every-version' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit the policy "every-version"' });
    const field = (label: string) => within(dialog).getByLabelText(label);
    expect(field('Learning rate')).toHaveValue('0.00002'); // the policy's own
    expect(field('Weight decay')).toHaveValue('0.1'); // the paper's
    expect(within(dialog).getByRole('checkbox', { name: 'CMMLU' })).not.toBeChecked(); // a policy's runs score no benchmark unless it says so
    expect(dialog).toHaveTextContent('Set by this policy now: Learning rate.');

    set(field('Seed'), 'seven');
    set(field('Weight decay'), '2');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('A whole number, 0 or more')).toBeInTheDocument();
    expect(within(dialog).getByText('Between 0 and 1')).toBeInTheDocument();
    expect(seen.some((r) => r.method === 'PATCH')).toBe(false);

    set(field('Seed'), '11');
    set(field('Weight decay'), '0.05');
    set(field('Name *'), 'nightly');
    await user.click(within(dialog).getByRole('checkbox', { name: 'CMMLU' }));
    await user.click(within(within(dialog).getByRole('button', { name: 'curated-40' })).getByTestId('CancelIcon'));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('The server refused the policy: name: a policy named "nightly" exists already')).toBeInTheDocument();
    set(field('Name *'), 'every-version');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    // epochs stayed unset, so curated-10 still trains the paper's 25 epochs
    expect(seen.filter((r) => r.method === 'PATCH').at(-1)!.body).toEqual({
      name: 'every-version',
      baseModelId: 1,
      recipes: ['curated-10'],
      seed: 11,
      hyperParams: { learningRate: 2e-5, weightDecay: 0.05, benchmarks: ['cmmlu'] },
    });
    expect(rowTexts(policies, 'every-version').slice(0, 3)).toEqual(['tiny-llama', 'curated-10', '11']);
  }, 60_000);
});

// Last: it switches the interface language.
describe('experiments in Chinese', () => {
  it('formats progress and sizes in Chinese when the interface is Chinese', async () => {
    const user = userEvent.setup();
    renderAppAs('lead', { path: '/experiments', api: { 'GET /api/experiments': () => listOf('experiments', [e1]) } });
    await user.click(await screen.findByRole('button', { name: 'English' }));
    await user.click(await screen.findByRole('menuitem', { name: '中文' }));
    const row = await screen.findByTestId('experiment-e1');
    expect(await within(row).findByText('运行中')).toBeInTheDocument();
    expect(within(row).getByText('第 2/20 轮 · 第 120/1,200 步 · 损失 1.2345 · 2,400 词元/秒 · 剩余 4分10秒')).toBeInTheDocument();
    expect(within(row).getByText('1.35亿 参数')).toBeInTheDocument();
    expect(within(screen.getByRole('search', { name: '筛选实验' })).getByLabelText('基座模型')).toHaveTextContent('全部');
    // the app's i18n provider lives as long as the test file: back to English for whatever runs next
    await user.click(screen.getByRole('button', { name: '中文' }));
    await user.click(await screen.findByRole('menuitem', { name: 'English' }));
    expect(await within(await screen.findByTestId('experiment-e1')).findByText('Running')).toBeInTheDocument();
  });
});
