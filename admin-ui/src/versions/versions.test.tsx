import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { listOf, type FakeRequest, type FakeResponse } from '../test/fakeApi';
import { fakeSocket } from '../test/fakeSocket';
import { renderAppAs } from '../test/renderApp';
import { en, zh } from './messages';
import { diff, flags, version } from './testing';

vi.mock('socket.io-client', async () => (await import('../test/fakeSocket')).socketIoClient);

type Routes = Record<string, (req: FakeRequest) => FakeResponse>;

const v1 = version({ id: 1, name: 'v1', notes: '第一版' });
const v2 = version({ id: 2, name: 'v2', parentId: 1, parentName: 'v1' });
const v3 = version({ id: 3, name: 'v3', status: 'freezing', parentId: 2, parentName: 'v2' });

function api(over: Routes = {}): Routes {
  return {
    'GET /api/datasets/versions': () => listOf('versions', [v3, v2, v1]),
    'GET /api/datasets/versions/1': () => ({ body: v1 }),
    'GET /api/datasets/versions/2': () => ({ body: v2 }),
    'GET /api/datasets/versions/2/exclusions': () => listOf('exclusions', flags),
    'GET /api/datasets/versions/1/diff/2': () => ({ body: diff }),
    'GET /api/abilities': () => listOf('abilities', [
        { id: 1, key: 'history', nameEn: 'History', nameZh: '历史' },
        { id: 2, key: 'code', nameEn: 'Code', nameZh: '代码' },
      ]),
    ...over,
  };
}

const rowOf = (name: string) => screen.getByText(name, { selector: 'p' }).closest('tr')!;

beforeEach(() => {
  fakeSocket.emitted.length = 0;
});

describe('versions list', () => {
  it('lists versions with their status and moves a freezing one live from dataset.progress', async () => {
    renderAppAs('researcher', { path: '/versions', api: api() });
    expect(await screen.findByText('v3', { selector: 'p' })).toBeInTheDocument();
    expect(within(rowOf('v1')).getByText('Frozen')).toBeInTheDocument();
    expect(within(rowOf('v1')).getByText('2,150')).toBeInTheDocument();
    expect(within(rowOf('v1')).getByText('abababababab')).toBeInTheDocument();
    expect(within(rowOf('v3')).getByText('Freezing')).toBeInTheDocument();
    await waitFor(() => expect(fakeSocket.rooms()).toContain('datasets'));

    act(() => fakeSocket.receive('dataset.progress', { ...v3.progress, done: 4200, total: 10000, percent: 42, phase: 'snapshot' }));
    await waitFor(() => expect(within(rowOf('v3')).getByRole('progressbar')).toHaveAttribute('aria-valuenow', '42'));
    expect(within(rowOf('v3')).getByText('4,200 / 10,000 items (snapshotting items)')).toBeInTheDocument();
  });

  it('freezes a version from the dialog with its name, parent, filters, split sizes, seed and n-gram', async () => {
    const user = userEvent.setup();
    const seen = renderAppAs('lead', {
      path: '/versions',
      api: api({ 'POST /api/datasets/versions': () => ({ status: 201, body: version({ id: 4, name: 'v4', status: 'freezing' }) }), 'GET /api/datasets/versions/4': () => ({ body: version({ id: 4, name: 'v4', status: 'freezing' }) }) }),
    });
    await user.click(await screen.findByRole('button', { name: 'Freeze a version' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByRole('button', { name: 'Freeze' })).toBeDisabled();
    await user.type(within(dialog).getByLabelText(/^Name/), 'v4');
    await user.type(within(dialog).getByLabelText('Notes'), '加入新批次');
    await user.click(within(dialog).getByLabelText('Abilities (all when empty)'));
    await user.click(await screen.findByRole('option', { name: 'History (history)' }));
    const test = within(dialog).getByLabelText('Test items per ability');
    await user.clear(test);
    await user.type(test, '150');
    const seed = within(dialog).getByLabelText('Seed');
    await user.clear(seed);
    await user.type(seed, 's42');
    await user.click(within(dialog).getByRole('button', { name: 'Freeze' }));

    await waitFor(() => expect(seen.some((r) => r.method === 'POST' && r.path === '/api/datasets/versions')).toBe(true));
    const post = seen.find((r) => r.method === 'POST' && r.path === '/api/datasets/versions')!;
    expect(post.body).toEqual({
      name: 'v4',
      parentId: 2, // the newest frozen version
      notes: '加入新批次',
      filter: { abilities: ['history'] },
      splits: { valid: 100, test: 150 },
      seed: 's42',
      ngram: 13,
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'v4' })).toBeInTheDocument();
  }, 40_000); // typing into a dozen fields is slow on a busy two-core machine

  it('shows the server’s refusal in the dialog', async () => {
    const user = userEvent.setup();
    renderAppAs('researcher', {
      path: '/versions',
      api: api({ 'POST /api/datasets/versions': () => ({ status: 409, body: { message: 'name: a version named "v1" already exists' } }) }),
    });
    await user.click(await screen.findByRole('button', { name: 'Freeze a version' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText(/^Name/), 'v1');
    await user.click(within(dialog).getByRole('button', { name: 'Freeze' }));
    expect(await within(dialog).findByText(/already exists/)).toBeInTheDocument();
  });
});

describe('version page', () => {
  it('shows counts per ability and split, missing PPL, the hash and the parent', async () => {
    renderAppAs('researcher', { path: '/versions/2', api: api() });
    expect(await screen.findByRole('heading', { level: 1, name: 'v2' })).toBeInTheDocument();
    expect(screen.getByTestId('content-hash')).toHaveTextContent('ab'.repeat(32));
    expect(screen.getByRole('link', { name: 'v1' })).toHaveAttribute('href', '/versions/1');
    const counts = screen.getByRole('table', { name: 'Items per ability and split' });
    // abilities by name, not by key (issue 16 item 7)
    const history = (await within(counts).findByText('History')).closest('tr')!;
    expect(within(history).getAllByRole('cell').map((c) => c.textContent)).toEqual(['History', '900', '100', '100', '1,100', 'Validation 3 · Test 5']);
    const total = within(counts).getByText('All abilities').closest('tr')!;
    expect(within(total).getAllByRole('cell').map((c) => c.textContent)).toEqual(['All abilities', '1,750', '200', '200', '2,150', 'Validation 3 · Test 5']);
    expect(await screen.findByText(/13-grams \(a CJK character or a word each\) against 400 validation\/test items and 120 benchmark items: 2 flagged/)).toBeInTheDocument();
  });

  it('lists contamination flags with their evidence; researchers cannot overrule', async () => {
    renderAppAs('researcher', { path: '/versions/2', api: api() });
    const table = await screen.findByRole('table', { name: 'Decontamination' });
    expect(within(table).getByText('推行郡县制度并且统一文字之')).toBeInTheDocument();
    expect(within(table).getByText('item 7 (Test)')).toBeInTheDocument();
    // issue 11 item 4: the evidence says how common the n-gram is and where boilerplate begins
    expect(within(table).getByText('2 (boilerplate above 10)')).toBeInTheDocument();
    expect(screen.getByText(/more than 10 of the 2650 distinct documents .* is boilerplate/)).toBeInTheDocument();
    expect(within(table).getByText('benchmark CMMLU-生物, item 9')).toBeInTheDocument();
    expect(within(table).queryByRole('button', { name: 'Overrule' })).toBeNull();
  });

  it('lets a lead overrule a flag with a reason', async () => {
    const user = userEvent.setup();
    const seen = renderAppAs('lead', {
      path: '/versions/2',
      api: api({ 'POST /api/datasets/contamination/41/overrule': () => ({ body: { itemId: 41, reason: 'x' } }) }),
    });
    const table = await screen.findByRole('table', { name: 'Decontamination' });
    await user.click(within(within(table).getByText('41').closest('tr')!).getByRole('button', { name: 'Overrule' }));
    const dialog = await screen.findByRole('dialog', { name: 'Keep item 41 in train' });
    expect(within(dialog).getByRole('button', { name: 'Overrule' })).toBeDisabled();
    await user.type(within(dialog).getByLabelText('Reason'), '常识性表述');
    await user.click(within(dialog).getByRole('button', { name: 'Overrule' }));
    await waitFor(() => expect(seen.find((r) => r.path === '/api/datasets/contamination/41/overrule')?.body).toEqual({ reason: '常识性表述' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('compares with the parent: counts per ability and a text diff of a changed item', async () => {
    const seen = renderAppAs('researcher', { path: '/versions/2', api: api() });
    expect(await screen.findByText('From v1 to v2: 3 added, 1 removed, 1 changed, 1 moved between abilities, 7 unchanged.')).toBeInTheDocument();
    const req = seen.find((r) => r.path === '/api/datasets/versions/1/diff/2')!;
    expect(req.search.get('kind')).toBe('changed');
    const item = screen.getByTestId('diff-item-5');
    expect(item.querySelector('ins')).toHaveTextContent('汉高祖');
    expect(item).toHaveTextContent('刘邦建立了汉朝。');
    // issue 15 item 4: a single-review item says so in the version's item list
    expect(within(item).getByTestId('review-mode-chip')).toHaveTextContent('Single review');
    const byAbility = screen.getByRole('table', { name: 'Compare with another version' });
    expect(within(within(byAbility).getByText('chinese').closest('tr')!).getAllByRole('cell').map((c) => c.textContent)).toEqual(['chinese', '0', '0', '0', '1', '0']);
  });

  it('speaks Chinese', async () => {
    const user = userEvent.setup();
    renderAppAs('researcher', { path: '/versions/2', api: api() });
    await user.click(await screen.findByRole('button', { name: 'English' }));
    await user.click(await screen.findByRole('menuitem', { name: '中文' }));
    expect(await screen.findByRole('table', { name: '各能力、各划分的条目数' })).toBeInTheDocument();
    expect(screen.getAllByText('训练集').length).toBeGreaterThan(0);
    expect(within(screen.getByTestId('diff-item-5')).getByTestId('review-mode-chip')).toHaveTextContent('单人审核');
    expect(await screen.findByText('从 v1 到 v2：新增 3 条，移除 1 条，修改 1 条，跨能力移动 1 条，未变 7 条。')).toBeInTheDocument();
    expect(await screen.findByText('2（超过 10 视为套话）')).toBeInTheDocument();
    // issue 16 item 7: ability names in Chinese, not keys; dates in the one zh-CN format
    const counts = screen.getByRole('table', { name: '各能力、各划分的条目数' });
    expect(within(counts).getAllByRole('row').slice(1, -1).map((r) => within(r).getAllByRole('cell')[0].textContent)).toEqual(['代码', '历史']);
    expect(within(counts).queryByText('history')).toBeNull();
    expect(screen.getByText(/创建于 2025\/05\/01 \d\d:\d\d · 冻结于 2025\/05\/01 \d\d:\d\d/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '中文' }));
    await user.click(await screen.findByRole('menuitem', { name: 'English' }));
  });
});

describe('versions messages', () => {
  it('has a Chinese message for every English one', () => {
    const keys = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
    expect(keys(zh).sort()).toEqual(keys(en).sort());
    const flat = (o: object): string[] => Object.values(o).flatMap((v) => (typeof v === 'object' ? flat(v) : [v]));
    // every message with words is translated (pure placeholders like "%{from} → %{to}" may match)
    const words = (s: string) => /\p{L}/u.test(s.replace(/%\{\w+\}/g, ''));
    expect(flat(zh).filter((s) => words(s) && flat(en).includes(s))).toEqual([]);
  });
});
