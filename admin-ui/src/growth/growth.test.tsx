import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import polyglotI18nProvider from 'ra-i18n-polyglot';
import { beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { DOIT_TABLE_2, DOIT_TABLE_3 } from '../../../server/analysis/compare/doit-tables.fixture';
import { compareRecipes, type ScoreCell } from '../../../server/analysis/compare/recipe-comparison';
import { GUIDANCE_MESSAGE_KEYS, reason, type ReasonParams } from '../../../server/analysis/guidance/guidance-messages';
import type { ChartSpec } from '../../../server/charts/chart-spec';
import { en } from '../i18n/en';
import { zh } from '../i18n/zh';
import { listOf, type FakeRequest, type FakeResponse } from '../test/fakeApi';
import { fakeSocket } from '../test/fakeSocket';
import { renderAppAs } from '../test/renderApp';
import { guidanceText } from './guidanceText';
import { growthView, hoursGuidance, paceQueue, quotaProposal, study } from './testing';

vi.mock('socket.io-client', async () => (await import('../test/fakeSocket')).socketIoClient);

/** ECharts stands in: jsdom has no layout. Every option a chart is given is kept, by the element it draws in. */
const drawn = vi.hoisted(() => new Map<HTMLElement, unknown>());
vi.mock('./echartsCore', () => ({
  init: (el: HTMLElement) => ({
    setOption: (option: unknown) => drawn.set(el, option),
    on: () => undefined,
    resize: () => undefined,
    dispose: () => drawn.delete(el),
  }),
}));

type Routes = Record<string, (req: FakeRequest) => FakeResponse>;

/** The growth page is a lazy chunk: its first load in a test may take a while on a loaded machine. */
const FIRST = { timeout: 15_000 };

const abilities = [
  { id: 1, key: 'chinese', nameEn: 'Chinese', nameZh: '语文' },
  { id: 2, key: 'history', nameEn: 'History', nameZh: '历史' },
];

function growthApi(over: Routes = {}): Routes {
  return {
    'GET /api/abilities': () => listOf('abilities', abilities),
    'GET /api/studies': () => ({ body: [study()] }),
    'GET /api/experiments': () => listOf('experiments', []),
    'GET /api/growth': () => ({ body: growthView() }),
    'GET /api/forecasts': () => ({
      body: [
        { id: 1, experimentId: 'exp-4', experimentName: 'curated-40', ability: 'chinese', parameters: 7e9, source: 'curated', volume: 4, predicted: 0.34, lower: 0.28, upper: 0.4, basedOn: 3, createdAt: '2026-12-01T08:00:00Z', measured: 0.33, error: -0.01, inside: true, checkedAt: '2026-12-01T09:00:00Z' },
      ],
    }),
    'GET /api/forecasts/accuracy': () => ({ body: [{ ability: 'chinese', forecasts: 4, checked: 2, meanAbsError: 0.02, meanError: -0.01, coverage: 0.5 }] }),
    'GET /api/growth/probe': () => ({ status: 404, body: { message: 'study 1 is not a probe study' } }),
    'GET /api/growth/compare': (req) => ({ body: comparisonOf(DOIT_TABLE_2, req.search.get('baseline') ?? 'baseline') }),
    'GET /api/guidance/hours': (req) => ({ body: hoursGuidance(Number(req.search.get('hours'))) }),
    'GET /api/reviews/pace': () => ({ body: paceQueue() }),
    'GET /api/reviews/stage-order': () => ({ body: { stages: ['validation', 'distractor', 'filter'], updatedAt: null, updatedBy: null } }),
    ...over,
  };
}

/** What GET /growth/compare answers for the paper's printed cells (in %, here as fractions), by the server's code. */
function comparisonOf(table: readonly ScoreCell[], baseline: string) {
  const cells = table.map((c) => ({ ...c, score: c.score / 100 }));
  const recipes = [...new Set(cells.map((c) => c.recipe))];
  return { ...compareRecipes(cells, baseline), recipes, seeds: Object.fromEntries(recipes.map((r) => [r, 1])) };
}

/** The marks (↑ ↓ =) a recipe's row of the comparison table shows, cell by cell. */
function marksIn(recipe: string): string[] {
  return within(screen.getByTestId(`compare-${recipe}`))
    .getAllByRole('cell')
    .map((c) => c.textContent?.match(/[↑↓=]/)?.[0] ?? 'none');
}

/** The series names the figure of a curve lists (its legend), from the option its spec function built. */
async function seriesOf(curve: string): Promise<string[]> {
  const figure = await screen.findByRole('figure', { name: `Growth curve of ${curve}` }, FIRST);
  return JSON.parse(figure.dataset.series!) as string[];
}
const ALL = ['7B · curated', '7B · synthetic', '13B · curated', 'Random guess'];
const optionIn = (figure: HTMLElement) => [...drawn.entries()].find(([el]) => figure.contains(el))?.[1] as ChartSpec | undefined;

beforeEach(() => {
  fakeSocket.emitted.length = 0;
  drawn.clear();
});

describe('growth page', () => {
  it('issue 13 items 2 and 7: draws the server spec for a study: base-4 log axis, the ability\'s name, a hover with run, checkpoint, n and interval', async () => {
    const seen = renderAppAs('researcher', { path: '/growth-curves?studyId=1', api: growthApi() });
    await waitFor(() => expect(seen.some((r) => r.path === '/api/growth' && r.search.get('studyId') === '1')).toBe(true), FIRST);
    await waitFor(async () => expect(await seriesOf('Chinese')).toEqual(ALL));
    const figure = screen.getByRole('figure', { name: 'Growth curve of Chinese' });
    await waitFor(() => expect(optionIn(figure)).toBeDefined());
    const option = optionIn(figure)!;
    expect(option.xAxis).toMatchObject({ type: 'log', logBase: 4 });
    expect(option.title).toMatchObject({ text: 'Growth curve — Chinese' });
    const hover = (option.tooltip as { formatter: (p: unknown) => string }).formatter({ seriesIndex: 0, dataIndex: 0 });
    expect(hover).toContain('Run: 中文, &#34;第一&#34; 版');
    expect(hover).toContain('Checkpoint epoch: 5');
    expect(hover).toContain('Items scored (n): 40');
    expect(hover).toMatch(/95% interval: \[\d+\.\d%, \d+\.\d%\] \(Wilson\)/);
  });

  it('issue 13 items 2 and 7: the model-size and source toggles take series out and back; an ability toggled off takes its chart away', async () => {
    renderAppAs('researcher', { path: '/growth-curves?studyId=1', api: growthApi() });
    await waitFor(async () => expect(await seriesOf('Chinese')).toEqual(ALL));
    const size13B = within(screen.getByRole('group', { name: 'Model sizes' })).getByRole('checkbox', { name: '13B' });
    const synthetic = within(screen.getByRole('group', { name: 'Data sources' })).getByRole('checkbox', { name: 'Synthetic' });
    fireEvent.click(size13B);
    await waitFor(async () => expect(await seriesOf('Chinese')).toEqual(['7B · curated', '7B · synthetic', 'Random guess']));
    fireEvent.click(synthetic);
    await waitFor(async () => expect(await seriesOf('Chinese')).toEqual(['7B · curated', 'Random guess']));
    fireEvent.click(size13B);
    fireEvent.click(synthetic);
    await waitFor(async () => expect(await seriesOf('Chinese')).toEqual(ALL));
    fireEvent.click(within(screen.getByRole('group', { name: 'Abilities' })).getByRole('button', { name: 'Chinese' }));
    expect(await screen.findByText('Select at least one ability above.')).toBeInTheDocument();
  });

  it('issue 13 item 7: switches to a benchmark, whose average lines carry their shots until one shot count is chosen', async () => {
    const user = userEvent.setup();
    renderAppAs('researcher', { path: '/growth-curves?studyId=1', api: growthApi() });
    await seriesOf('Chinese');
    await user.click(screen.getByLabelText('Split or benchmark'));
    await user.click(await screen.findByRole('option', { name: 'CMMLU' }));
    await waitFor(async () => expect(await seriesOf('Average')).toEqual(['7B · curated · 0-shot', '7B · curated · 5-shot', 'Random guess']));
    await user.click(screen.getByLabelText('Shots'));
    await user.click(await screen.findByRole('option', { name: '5-shot' }));
    await waitFor(async () => expect(await seriesOf('Average')).toEqual(['7B · curated', 'Random guess']));
  });

  it('issue 15 item 7: draws each IFEval metric as a curve of its own, named by the metric, with no average over them', async () => {
    const base = growthView();
    const cmmlu = base.series.find((x) => x.suite === 'cmmlu' && x.shots === 0)!;
    const ifeval = (ability: string, score: number) => ({
      ...cmmlu,
      key: `benchmark:ifeval/${ability}|7000000000|curated|0`,
      kind: 'benchmark' as const,
      suite: 'ifeval',
      ability,
      expected: 0,
      points: cmmlu.points.map((p) => ({ ...p, score })),
    });
    const view = { ...base, series: [...base.series, ifeval('prompt_strict', 0.3), ifeval('instruction_loose', 0.5)] };
    const user = userEvent.setup();
    renderAppAs('researcher', { path: '/growth-curves?studyId=1', api: growthApi({ 'GET /api/growth': () => ({ body: view }) }) });
    await seriesOf('Chinese');
    await user.click(screen.getByLabelText('Split or benchmark'));
    await user.click(await screen.findByRole('option', { name: 'IFEval' }));
    expect(await seriesOf('Prompt-level strict')).toEqual(['7B · curated', 'Random guess']);
    expect(await seriesOf('Instruction-level loose')).toEqual(['7B · curated', 'Random guess']);
    expect(screen.queryByRole('figure', { name: 'Growth curve of Average' })).toBeNull();
  });

  it('issue 13 item 2: reads the curves again when growth.updated names the study', async () => {
    let calls = 0;
    renderAppAs('researcher', { path: '/growth-curves?studyId=1', api: growthApi({ 'GET /api/growth': () => (calls++, { body: growthView() }) }) });
    await seriesOf('Chinese');
    await waitFor(() => expect(fakeSocket.rooms()).toContain('growth'));
    const before = calls;
    act(() => fakeSocket.receive('growth.updated', { experimentIds: ['other'], studyIds: [7] }));
    act(() => fakeSocket.receive('growth.updated', { experimentIds: ['exp-1'], studyIds: [1] }));
    await waitFor(() => expect(calls).toBe(before + 1));
  });

  it('issue 13 item 3: the sensitivity table flags the class and shows α_D with SE and CI, R², n and the gain per ×4', async () => {
    renderAppAs('researcher', { path: '/growth-curves?studyId=1', api: growthApi() });
    const row = await screen.findByTestId('sensitivity-chinese', {}, FIRST);
    const cells = within(row).getAllByRole('cell').map((c) => c.textContent);
    expect(within(row).getByRole('rowheader').textContent).toBe('Chinese');
    expect(cells.slice(0, 6)).toEqual(['Responsive', '7B · Curated', '0.0450 ± 0.0040[0.0320, 0.0580]', '0.970', '5', '6.2%']);
    expect(cells[6]).toBe('—'); // no size fit: the study varied one size per source
    expect(cells.at(-2)).toBe('α_D 1.00 · α_N —');
    // the reason is worded in the page's locale from the facts the class was decided on
    expect(cells.at(-1)).toBe('α_D > 0 (p = 0.0010; Curated 7B line, 5 volumes), still rising over the last three volumes');
  });

  it('issue 13 item 5: lists forecasts with their check and the accuracy per ability', async () => {
    renderAppAs('researcher', { path: '/growth-curves?studyId=1', api: growthApi() });
    const accuracy = await screen.findByRole('table', { name: 'Forecast accuracy per ability' }, FIRST);
    expect(within(accuracy).getAllByRole('cell').map((c) => c.textContent)).toEqual(['4', '2', '2.0%', '-1.0%', '50.0%']);
    const forecasts = screen.getByRole('table', { name: 'Forecasts, checked' });
    expect(within(forecasts).getAllByRole('cell').map((c) => c.textContent)).toEqual(['curated-40', 'Chinese', '7B · Curated', '4', '34.0% [28.0%, 40.0%]', '33.0%', '-1.0%', 'yes']);
  });

  it('issue 13 item 6: proposes quotas for a budget with the reasons in words, and saves them as a recipe and starts it in one click', async () => {
    const user = userEvent.setup();
    const proposal = quotaProposal();
    const seen = renderAppAs('researcher', {
      path: '/growth-curves?studyId=1',
      api: growthApi({
        'POST /api/guidance/quotas': () => ({ body: proposal }),
        'POST /api/guidance/quotas/apply': () => ({ body: { recipe: { id: 9, name: 'next-mix', revision: 2 }, experiment: null, proposal } }),
      }),
    });
    const panel = await screen.findByRole('region', { name: 'Recommended split of the next budget' }, FIRST);
    fireEvent.change(within(panel).getByLabelText('Item budget'), { target: { value: 'lots' } });
    expect(within(panel).getByText('A whole number of items, at least 1')).toBeInTheDocument();
    expect(within(panel).getByRole('button', { name: 'Propose quotas' })).toBeDisabled();
    fireEvent.change(within(panel).getByLabelText('Item budget'), { target: { value: '500' } });
    await user.click(within(panel).getByLabelText('Fits of model size'));
    await user.click(await screen.findByRole('option', { name: '13B' }));
    await user.click(within(panel).getByRole('button', { name: 'Propose quotas' }));
    const chinese = await within(panel).findByTestId('quota-chinese');
    expect(seen.find((r) => r.method === 'POST' && r.path === '/api/guidance/quotas')?.body).toEqual({ studyId: 1, budget: 500, floor: 64, parameters: 13e9, locale: 'en' });
    expect(within(chinese).getAllByRole('cell').map((c) => c.textContent)).toEqual([
      'Responsive',
      '64',
      '436',
      '1,000',
      '+8.6 pt',
      "Chinese still grows with data (α = 0.045): it gets items while its next item adds more than another ability's; its last item adds 0.000.Expected score change +0.086 (fitted curve, 64 → 436 items).",
    ]);
    expect(within(within(panel).getByTestId('quota-history')).getByText('History is resistant: neither more data nor a larger model raised it significantly, so it stays at the floor of 64 items.')).toBeInTheDocument();
    expect(within(panel).getByText('All 500 items of the budget are allocated.')).toBeInTheDocument();

    await user.type(within(panel).getByLabelText(/Recipe name/), 'next-mix');
    await user.click(within(panel).getByRole('button', { name: 'Save as recipe and start' }));
    expect(await within(panel).findByText(/Saved as next-mix@2\./)).toBeInTheDocument();
    expect(seen.find((r) => r.path === '/api/guidance/quotas/apply')?.body).toEqual({ studyId: 1, budget: 500, floor: 64, parameters: 13e9, locale: 'en', recipe: 'next-mix', start: true });
  });

  it('issue 13 item 6: a lead gets the growth page without the apply button, with the hours ranking and the pace-guided queue', async () => {
    const user = userEvent.setup();
    renderAppAs('lead', { path: '/growth-curves?studyId=1', api: growthApi({ 'POST /api/guidance/quotas': () => ({ body: quotaProposal() }) }) });
    expect(await screen.findByTestId('hours-summary', {}, FIRST)).toHaveTextContent('The next 8 hours are worth most in Chinese, History.');
    expect(await screen.findByRole('switch', { name: 'Prefer these abilities when annotators ask for the next item' })).toBeInTheDocument();
    const panel = await screen.findByRole('region', { name: 'Recommended split of the next budget' }, FIRST);
    await user.click(within(panel).getByRole('button', { name: 'Propose quotas' }));
    await within(panel).findByTestId('quota-chinese');
    expect(within(panel).queryByRole('button', { name: 'Save as recipe and start' })).toBeNull();
  });
});

describe('growth page: exports, score by epoch and probe scatters', () => {
  it('issue 13 item 7: downloads the chart as the server draws it (with the sizes and sources left on) and the CSVs, with the bearer token', async () => {
    const user = userEvent.setup();
    const createObjectURL = vi.fn((_blob: Blob) => 'blob:file');
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const clicked: HTMLAnchorElement[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    onTestFinished(() => click.mockRestore());
    const file = (name: string) => () => ({ body: name, headers: { 'Content-Disposition': `attachment; filename="${name}"` } });
    const seen = renderAppAs('researcher', {
      path: '/growth-curves?studyId=1',
      api: growthApi({ 'GET /api/growth/charts/growth-curve.svg': file('growth-curve.svg'), 'GET /api/growth/export/points.csv': file('points.csv') }),
    });
    await seriesOf('Chinese');
    await user.click(within(screen.getByRole('group', { name: 'Model sizes' })).getByRole('checkbox', { name: '13B' }));
    await user.click(within(screen.getByTestId('growth-chart-chinese')).getByRole('button', { name: 'SVG' }));
    await waitFor(() => expect(clicked.map((a) => a.download)).toEqual(['growth-curve.svg']));
    const svg = seen.find((r) => r.path === '/api/growth/charts/growth-curve.svg')!;
    expect(Object.fromEntries(svg.search)).toEqual({ studyId: '1', locale: 'en', ability: 'chinese', suite: 'in-domain', parameters: '7000000000' });
    expect(svg.authorization).toBe('Bearer access-1');
    await user.click(screen.getByRole('button', { name: 'Points (CSV)' }));
    await waitFor(() => expect(clicked.map((a) => a.download)).toEqual(['growth-curve.svg', 'points.csv']));
    expect(seen.find((r) => r.path === '/api/growth/export/points.csv')?.search.get('studyId')).toBe('1');
  });

  it('issue 13 item 2: opens a run\'s score by epoch, drawn by scoreByEpochChart with the reported checkpoint marked', async () => {
    const user = userEvent.setup();
    const interval = { lower: 0.2, upper: 0.4, method: 'wilson' as const, variance: 0.0026 };
    const seen = renderAppAs('researcher', {
      path: '/growth-curves?studyId=1',
      api: growthApi({ 'GET /api/growth/runs/exp-4/epochs': () => ({ body: [{ ability: 'chinese', points: [4, 5, 6].map((epoch) => ({ epoch, score: 0.3, n: 40, interval })) }] }) }),
    });
    const runs = await screen.findByRole('table', { name: 'Runs' }, FIRST);
    const row = within(runs).getByRole('link', { name: 'curated-40' }).closest('tr')!;
    await user.click(within(row).getByRole('button', { name: 'Score by epoch' }));
    const figure = await screen.findByRole('figure', { name: 'Score by epoch of curated-40' });
    expect(JSON.parse(figure.dataset.series!)).toEqual(['Chinese']);
    await waitFor(() => expect(optionIn(figure)).toBeDefined());
    const line = (optionIn(figure)!.series as { markLine?: { data: unknown[] } }[])[0];
    expect(line.markLine?.data).toEqual([{ xAxis: 5 }]);
    expect(seen.find((r) => r.path === '/api/growth/runs/exp-4/epochs')?.search.get('split')).toBe('test');
  });

  it('issue 13 item 4: shows Complexity and Transference per ability and both scatters with their correlation', async () => {
    const measures = ['chinese', 'history', 'code'].map((ability, i) => ({ ability, complexity: 1 + i, transference: 0.1 * i, loss: 1.5, liftFromOthers: 0.2, transferToOthers: 0.1 * i }));
    const points = measures.map((m, i) => ({ ability: m.ability, x: 0.01 * (i + 1), y: m.complexity }));
    renderAppAs('researcher', {
      path: '/growth-curves?studyId=1',
      api: growthApi({
        'GET /api/growth/probe': () => ({
          body: {
            studyId: 1,
            abilities: ['chinese', 'history', 'code'],
            minEpoch: 5,
            weights: { lossWeight: 1, liftWeight: 1, transferWeight: 1 },
            accuracy: {},
            foundation: {},
            loss: {},
            checkpoints: {},
            measures,
            scatters: { complexityVsSize: points, transferenceVsData: points, leftOut: [{ ability: 'ethics', scatter: 'complexityVsSize', reason: 'no-fit' }] },
            correlations: { complexityVsSize: { r: 0.9, p: 0.01, n: 3, slope: 100, intercept: 0 }, transferenceVsData: null },
            missing: [],
          },
        }),
      }),
    });
    const table = await screen.findByRole('table', { name: 'Complexity and Transference' }, FIRST);
    expect(within(table).getAllByRole('row')).toHaveLength(4);
    const complexity = await screen.findByRole('figure', { name: 'Complexity' });
    await waitFor(() => expect(optionIn(complexity)).toBeDefined());
    expect(JSON.parse(complexity.dataset.series!)).toEqual(['Abilities', 'Least-squares line']);
    expect((optionIn(complexity)!.title as { subtext: string }).subtext).toBe('Pearson r = 0.90, p = 0.010, n = 3');
    expect(within(screen.getByRole('region', { name: 'Complexity' })).getByText('Not drawn: ethics (no scaling fit)')).toBeInTheDocument();
    const transference = screen.getByRole('figure', { name: 'Transference' });
    expect(JSON.parse(transference.dataset.series!)).toEqual(['Abilities']); // no correlation: no fitted line
  });
});

describe('lead dashboard: guidance in hours (issue 13 item 6)', () => {
  it('says where the next N hours are worth most, with the figures used, and turns the pace-guided queue on with its weights visible', async () => {
    const user = userEvent.setup();
    const seen = renderAppAs('lead', {
      path: '/dashboard',
      api: growthApi({ 'PUT /api/reviews/pace': (req) => ({ body: paceQueue({ enabled: (req.body as { enabled: boolean }).enabled, updatedAt: '2026-12-01T10:00:00Z', updatedBy: 'lead' }) }) }),
    });
    const section = await screen.findByRole('region', { name: 'Where the next annotation hours are worth most' }, FIRST);
    expect(await within(section).findByTestId('hours-summary')).toHaveTextContent('The next 8 hours are worth most in Chinese, History.');
    expect(within(within(section).getByTestId('hours-chinese')).getAllByRole('cell').map((c) => c.textContent)).toEqual(['1', '1 min 30 s', '60.0%', '12', '+3.00 pt', '75.0%']);

    fireEvent.change(within(section).getByLabelText('Hours'), { target: { value: '20' } });
    expect(await within(section).findByText('The next 20 hours are worth most in Chinese, History.')).toBeInTheDocument();
    expect(seen.some((r) => r.path === '/api/guidance/hours' && r.search.get('hours') === '20')).toBe(true);

    const weights = within(section).getByRole('table', { name: 'Queue weights' });
    expect(within(weights).getAllByRole('row').map((r) => r.textContent)).toEqual(['1Chinese75.0%', '2History25.0%']);
    const toggle = within(section).getByRole('switch', { name: 'Prefer these abilities when annotators ask for the next item' });
    expect(toggle).not.toBeChecked();
    await user.click(toggle);
    await waitFor(() => expect(toggle).toBeChecked());
    expect(seen.find((r) => r.method === 'PUT' && r.path === '/api/reviews/pace')?.body).toEqual({ enabled: true, studyId: null, hours: 8 });
  });
});

describe('guidance reasons in words (issue 13 item 6)', () => {
  const params: ReasonParams = { ability: 'chinese', abilities: ['chinese', 'history'], floor: 64, cap: 256, alpha: 0.0451, marginal: 0.00012, available: 300, quota: 120, target: 200, change: -0.0123, current: 64, score: 0.5, budget: 500, allocated: 480, unallocated: 20, needed: 640, hours: 8, acceptedPerHour: 12.5, gainPerHour: 0.004 };
  for (const [locale, messages, classWord] of [['en', en, 'Resistant'], ['zh-CN', zh, '不敏感']] as const) {
    it(`renders every pace.guidance key in ${locale} as the server words it`, () => {
      const i18n = polyglotI18nProvider(() => messages, locale);
      const translate = (key: string, options?: Record<string, unknown>) => i18n.translate(key, options);
      for (const key of GUIDANCE_MESSAGE_KEYS) {
        // the UI names the class in the reader's language where the server writes its key
        const server = reason(key, { ...params, class: classWord }).text[locale];
        expect(guidanceText(translate, { key, params: { ...params, class: 'resistant' } }), key).toBe(server);
      }
    });
  }

  it("issue 13 item 8: the recipes table is the server's comparison code; the paper's Table 2 shows finding 1 (reconstruct and maximum ↑ in all 24 cells)", async () => {
    renderAppAs('researcher', { path: '/growth-curves?studyId=1', api: growthApi() });
    const table = await screen.findByRole('table', { name: 'Recipes compared' }, FIRST);
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toContain('AGIEval · 5-shot · epoch 10');
    expect([...marksIn('reconstruct'), ...marksIn('maximum')]).toEqual(Array(24).fill('↑'));
    expect(marksIn('baseline')).toEqual(Array(12).fill('none')); // the baseline row carries no marks
    expect(within(screen.getByTestId('compare-maximum')).getAllByRole('cell')[0].textContent).toMatch(/^36\.4%/);
  });

  it("issue 13 item 8: Table 3 against a chosen baseline shows finding 3: mix-2560 best on AGIEval everywhere, mix-40960 lowest everywhere", async () => {
    const user = userEvent.setup();
    renderAppAs('researcher', { path: '/growth-curves?studyId=1', api: growthApi({ 'GET /api/growth/compare': (req) => ({ body: comparisonOf(DOIT_TABLE_3, req.search.get('baseline') ?? 'mix-0') }) }) });
    await screen.findByRole('table', { name: 'Recipes compared' }, FIRST);
    const choose = async (recipe: string) => {
      await user.click(screen.getByRole('combobox', { name: 'Baseline recipe' }));
      await user.click(await screen.findByRole('option', { name: recipe }));
      await waitFor(() => expect(screen.getByTestId(`compare-${recipe}`).textContent).toContain('(baseline)'));
    };
    await choose('mix-40960');
    expect([...marksIn('mix-0'), ...marksIn('mix-2560')]).toEqual(Array(24).fill('↑'));
    await choose('mix-2560');
    // columns: AGIEval 0-shot × 3 epochs, AGIEval 5-shot × 3, then CMMLU: the first six cells are AGIEval
    for (const other of ['mix-0', 'mix-40960']) expect(marksIn(other).slice(0, 6), other).toEqual(Array(6).fill('↓'));
  });
});
