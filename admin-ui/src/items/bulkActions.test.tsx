import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Role } from '../roles';
import { listOf, type FakeRequest, type FakeResponse } from '../test/fakeApi';
import { renderAppAs } from '../test/renderApp';
import { makeItem } from './testing/fixtures';

const abilities = () => listOf('abilities', [{ id: 3, key: 'ethics', nameEn: 'Ethics', nameZh: '伦理' }]);

/** The Items list over three items (#1 rejected, #2 accepted in test, #3 in review); `answer` is the action's server answer. */
function renderList(role: Role, answer: Record<string, (req: FakeRequest) => FakeResponse> = {}) {
  const rows = [
    makeItem({ id: 1, status: 'rejected', messages: [{ role: 'user', content: '第一题' }, { role: 'assistant', content: '答' }] }),
    makeItem({ id: 2, status: 'accepted', split: 'test', messages: [{ role: 'user', content: '第二题' }, { role: 'assistant', content: '答' }] }),
    makeItem({ id: 3, status: 'in_review', messages: [{ role: 'user', content: '第三题' }, { role: 'assistant', content: '答' }] }),
  ];
  const seen = renderAppAs(role, {
    path: '/items',
    api: {
      'GET /api/items': (req) => {
        const ids = JSON.parse(req.search.get('filter') ?? '{}').id as number[] | undefined;
        return listOf('items', ids ? rows.filter((r) => ids.includes(r.id)) : rows);
      },
      'GET /api/abilities': abilities,
      ...answer,
    },
  });
  return { seen, rows };
}
const posts = (seen: FakeRequest[]) => seen.filter((r) => r.method === 'POST').map((r) => [r.path, r.body]);
const listReads = (seen: FakeRequest[]) => seen.filter((r) => r.path === '/api/items' && !JSON.parse(r.search.get('filter') ?? '{}').id).length;

async function select(user: ReturnType<typeof userEvent.setup>, ids: number[]) {
  expect(await screen.findByText('第一题')).toBeInTheDocument();
  for (const id of ids) {
    const row = screen.getByText(`第${['一', '二', '三'][id - 1]}题`).closest('tr')!;
    await user.click(within(row).getByRole('checkbox'));
  }
}

describe('Items list: a lead acts on selected items (issue 16 item 5)', () => {
  it('sends the selected items to revision after a dialog that reads their current status and names what it skips; the list refreshes', async () => {
    const user = userEvent.setup();
    const { seen } = renderList('lead', {
      'POST /api/revisions/assign': () => ({ body: { sent: 1, itemIds: [1] } }),
    });
    await select(user, [1, 2, 3]);
    await user.click(screen.getByRole('button', { name: 'Send to revision' }));
    const dialog = await screen.findByRole('dialog', { name: 'Send 3 selected items to revision' });
    const current = await within(dialog).findByRole('list', { name: 'Their status now:' });
    expect(within(current).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Rejected: 1 item (#1)', 'Accepted: 1 item (#2)', 'In review: 1 item (#3)']);
    expect(seen.some((r) => r.path === '/api/items' && JSON.parse(r.search.get('filter')!).id?.join() === '1,2,3'), 'read afresh by id').toBe(true);
    expect(within(dialog).getByText('Will send 1 item to revision: #1')).toBeInTheDocument();
    expect(within(dialog).getByText('Will skip 2 items:')).toBeInTheDocument();
    expect(within(dialog).getByText('#2 (Accepted): only rejected items and items that need an answer can be sent to revision')).toBeInTheDocument();
    expect(within(dialog).getByText('#3 (In review): only rejected items and items that need an answer can be sent to revision')).toBeInTheDocument();
    expect(posts(seen), 'nothing sent before confirming').toEqual([]);

    const readsBefore = listReads(seen);
    await user.click(within(dialog).getByRole('button', { name: 'Send to revision' }));
    expect(await within(dialog).findByText('Sent to revision: 1 item (#1)')).toBeInTheDocument();
    expect(posts(seen)).toEqual([['/api/revisions/assign', { itemIds: [1], statuses: ['rejected', 'needs_answer'] }]]);
    await waitFor(() => expect(listReads(seen), 'the list is read again').toBeGreaterThan(readsBefore));
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(screen.getAllByRole('checkbox').filter((c) => (c as HTMLInputElement).checked), 'the selection is cleared').toEqual([]));
  });

  it('re-opens only after consequences, a reason and confirmation, and shows what the server refused', async () => {
    const user = userEvent.setup();
    const { seen } = renderList('lead', {
      // #2 was sent to revision by someone else meanwhile: the server refuses it, naming its status
      'POST /api/revisions/assign': () => ({ body: { sent: 0, itemIds: [], skipped: [{ itemId: 2, status: 'in_revision', reason: 'in_revision items cannot be sent to revision' }] } }),
    });
    await select(user, [1, 2]);
    await user.click(screen.getByRole('button', { name: 'Re-open' }));
    const dialog = await screen.findByRole('dialog', { name: 'Re-open 2 selected items for revision' });
    expect(await within(dialog).findByText('Will re-open 1 item: #2')).toBeInTheDocument();
    expect(within(dialog).getByText('#1 (Rejected): only accepted items can be re-opened')).toBeInTheDocument();
    expect(within(dialog).getByText('Versions already frozen keep their snapshot of them, unchanged.')).toBeInTheDocument();
    const confirm = within(dialog).getByRole('button', { name: 'Re-open' });
    expect(confirm, 'a reason first').toBeDisabled();
    await user.click(within(dialog).getByRole('textbox', { name: 'Reason' }));
    await user.paste('标准答案有误');
    await user.click(confirm);
    expect(await within(dialog).findByText('No item was moved.')).toBeInTheDocument();
    expect(within(dialog).getByText('Refused by the server: 1 item')).toBeInTheDocument();
    expect(within(dialog).getByText('#2 (Sent to revision): only accepted items can be re-opened')).toBeInTheDocument();
    expect(posts(seen)).toEqual([['/api/revisions/assign', { itemIds: [2], statuses: ['accepted'], confirmReopen: true, reason: '标准答案有误' }]]);
  });

  it('sets the split after showing the current splits, and names the frozen items the server skipped', async () => {
    const user = userEvent.setup();
    const { seen } = renderList('lead', {
      'POST /api/items/split': () => ({ body: { updated: 1, itemIds: [1], skipped: [{ itemId: 2, reason: 'frozen into a dataset version' }] } }),
    });
    await select(user, [1, 2]);
    await user.click(screen.getByRole('button', { name: 'Set split' }));
    const dialog = await screen.findByRole('dialog', { name: 'Set the split of 2 selected items' });
    const splits = await within(dialog).findByRole('list', { name: 'Their split now:' });
    expect(within(splits).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['No split: 1 item (#1)', 'Test: 1 item (#2)']);
    expect(within(dialog).getByRole('button', { name: 'Set split' }), 'a split first').toBeDisabled();
    await user.click(within(dialog).getByRole('combobox', { name: 'New split' }));
    await user.click(await screen.findByRole('option', { name: 'Test' }));
    expect(within(dialog).getByText('Will put 1 item in “Test”: #1')).toBeInTheDocument();
    expect(within(dialog).getByText('#2: already in “Test”')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('combobox', { name: 'New split' }));
    await user.click(await screen.findByRole('option', { name: 'Train' }));
    expect(within(dialog).getByText('Will put 2 items in “Train”: #1, #2')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Set split' }));
    expect(await within(dialog).findByText('Split changed: 1 item (#1)')).toBeInTheDocument();
    expect(within(dialog).getByText('#2: frozen into a dataset version, its split can no longer change')).toBeInTheDocument();
    expect(posts(seen)).toEqual([['/api/items/split', { itemIds: [1, 2], split: 'train', skipFrozen: true }]]);
  });

  it('says the statuses in Chinese too', async () => {
    const user = userEvent.setup();
    renderList('lead');
    await user.click(await screen.findByRole('button', { name: 'English' }));
    await user.click(await screen.findByRole('menuitem', { name: '中文' }));
    await select(user, [1, 3]);
    await user.click(screen.getByRole('button', { name: '送去修订' }));
    const dialog = await screen.findByRole('dialog', { name: '将选中的 2 个条目送去修订' });
    const current = await within(dialog).findByRole('list', { name: '它们当前的状态：' });
    expect(within(current).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['已拒绝：1 个（#1）', '审核中：1 个（#3）']);
    expect(within(dialog).getByText('#3（审核中）：只有已拒绝或待补答案的条目可以送去修订')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: '取消' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const checked = () => screen.getAllByRole('checkbox').filter((c) => (c as HTMLInputElement).checked).length;
    expect(checked(), 'a cancelled dialog keeps the selection (two rows)').toBe(2);
    // the app's i18n provider outlives the test: back to English for the next ones
    await user.click(await screen.findByRole('button', { name: '中文' }));
    await user.click(await screen.findByRole('menuitem', { name: 'English' }));
    expect(await screen.findByRole('button', { name: 'English' })).toBeInTheDocument();
  });

  it('offers no selection or bulk action to a researcher (annotators have no Items list)', async () => {
    renderList('researcher');
    expect(await screen.findByText('第一题')).toBeInTheDocument();
    expect(screen.queryByRole('checkbox')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Send to revision' })).toBeNull();
  });
});
