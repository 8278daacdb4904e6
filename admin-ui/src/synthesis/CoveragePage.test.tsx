import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import type { CoverageReport } from '../../../server/synthesis/coverage/coverage-views';
import { renderAppAs } from '../test/renderApp';

vi.mock('socket.io-client', async () => (await import('../test/fakeSocket')).socketIoClient);

const RUN = '3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const bins = (counts: number[]) => [0, 50, 100, 200, 400, 800, 1600, 3200].map((from, i, a) => ({ from, to: a[i + 1] ?? null, count: counts[i] }));
const counts = { generated: 0, excluded: 0, ingested: 0, rejected: 0, itemsAccepted: 0, itemsPending: 0, itemsDuplicate: 0 };
const report: CoverageReport = {
  runId: RUN,
  name: 'GLAN 两个学科',
  totals: { ...counts, generated: 6, excluded: 2, ingested: 3, rejected: 1, itemsPending: 2, itemsDuplicate: 1 },
  fields: [{ ...counts, field: '人文', generated: 4 }],
  disciplines: [
    { ...counts, field: '人文', discipline: '中国历史', generated: 3, ingested: 2, excluded: 1 },
    { ...counts, field: 'Science', discipline: 'Biology', generated: 2, ingested: 1, excluded: 1 },
  ],
  subjects: [{ ...counts, field: '人文', discipline: '中国历史', subject: '秦汉史', generated: 3, ingested: 2, excluded: 1, itemsPending: 1 }],
  nearDuplicates: { questions: 6, duplicates: 1, rate: 1 / 6, threshold: 0.8 },
  lengths: { questions: { count: 6, p50: 40, p90: 142, max: 142, bins: bins([3, 0, 3, 0, 0, 0, 0, 0]) }, answers: { count: 6, p50: 60, p90: 110, max: 110, bins: bins([2, 3, 1, 0, 0, 0, 0, 0]) } },
  failures: [{ stage: 'questions', code: 'json_parse', count: 2, example: 'no JSON object in the completion' }],
  usage: { calls: 12, promptTokens: 3000, completionTokens: 1500, costUsd: 0.25 },
  usageByStage: [{ kind: 'answer', calls: 1, promptTokens: 200, completionTokens: 300, costUsd: 0.05 }],
};

const api = () => ({
  [`GET /api/synthesis/runs/${RUN}/coverage`]: (req: { search: URLSearchParams }) =>
    req.search.get('format') === 'csv' ? { body: 'level,field', headers: { 'Content-Disposition': `attachment; filename="coverage-${RUN}.csv"` } } : { body: report },
});

describe('coverage page (issue 15 item 6)', () => {
  it('shows the totals, the near-duplicate rate, per-subject counts, failures and usage, and draws both charts with CJK labels', async () => {
    renderAppAs('researcher', { path: `/synthesis/runs/${RUN}/coverage`, api: api() });
    expect(await screen.findByRole('heading', { name: 'Coverage of run “GLAN 两个学科”' }, { timeout: 15_000 })).toBeTruthy();
    expect(screen.getByTestId('near-duplicates').textContent).toBe('Near-duplicate questions: 1 of 6 (16.7%)');
    const subjects = screen.getByRole('table', { name: 'Per subject' });
    expect(within(subjects).getByText('秦汉史')).toBeTruthy();
    expect(within(screen.getByRole('table', { name: 'Failures' })).getByText('json_parse')).toBeTruthy();
    expect(screen.getByText('12 calls · 3000 prompt tokens · 1500 completion tokens · $0.2500')).toBeTruthy();
    // the real ECharts draws both specs to SVG in the page; the discipline chart's axis carries the CJK names as text
    const byDiscipline = await screen.findByRole('figure', { name: 'Pairs per discipline' });
    expect(JSON.parse(byDiscipline.dataset.series!)).toEqual(['Ingested', 'Excluded (contaminated)', 'Refused at import']);
    await waitFor(() => expect(byDiscipline.querySelector('svg')?.textContent).toContain('人文 / 中国历史'), { timeout: 10_000 });
    const lengths = screen.getByRole('figure', { name: 'Length distribution' });
    expect(JSON.parse(lengths.dataset.series!)).toEqual(['Questions', 'Answers']);
    await waitFor(() => expect(lengths.querySelector('svg')?.textContent).toContain('0–50'), { timeout: 10_000 });
  });

  it('speaks Chinese in zh-CN', async () => {
    const user = userEvent.setup();
    renderAppAs('researcher', { path: `/synthesis/runs/${RUN}/coverage`, api: api() });
    await screen.findByRole('heading', { name: 'Coverage of run “GLAN 两个学科”' }, { timeout: 15_000 });
    await user.click(screen.getByRole('button', { name: 'English' }));
    await user.click(await screen.findByRole('menuitem', { name: '中文' }));
    expect(await screen.findByRole('heading', { name: '运行“GLAN 两个学科”的覆盖报告' })).toBeTruthy();
    expect(screen.getByTestId('near-duplicates').textContent).toBe('近重复问题：6 个中有 1 个（16.7%）');
    expect(screen.getByRole('table', { name: '按科目' })).toBeTruthy();
    const chart = await screen.findByRole('figure', { name: '各学科的问答对' });
    expect(JSON.parse(chart.dataset.series!)).toEqual(['已导入', '已排除（污染）', '导入时被拒']);
    await waitFor(() => expect(chart.querySelector('svg')?.textContent).toContain('各学科的问答对'), { timeout: 10_000 });
  });

  it('downloads the CSV with the bearer token', async () => {
    const user = userEvent.setup();
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:file'), revokeObjectURL: vi.fn() }));
    const clicked: HTMLAnchorElement[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    onTestFinished(() => click.mockRestore());
    const seen = renderAppAs('researcher', { path: `/synthesis/runs/${RUN}/coverage`, api: api() });
    await user.click(await screen.findByRole('button', { name: 'CSV' }, { timeout: 15_000 }));
    await waitFor(() => expect(clicked.map((a) => a.download)).toEqual([`coverage-${RUN}.csv`]));
    const csv = seen.find((r) => r.search.get('format') === 'csv')!;
    expect(csv.authorization).toBe('Bearer access-1');
  });
});
