import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Role } from '../roles';
import { listOf } from '../test/fakeApi';
import { renderAppAs } from '../test/renderApp';
import { makeItem } from './testing/fixtures';

function renderItem(role: Role, status: string, reviewMode: 'dual' | 'single' | 'none' = 'dual', split: string | null = 'test') {
  return renderAppAs(role, {
    path: '/items/42/show',
    api: {
      'GET /api/items/42': () => ({ body: makeItem({ status, split, reviewMode }) }),
      'GET /api/abilities': () => listOf('abilities', [{ id: 3, key: 'ethics', nameEn: 'Ethics', nameZh: '伦理' }]),
      'POST /api/revisions/assign': () => ({ body: { sent: 1, itemIds: [42], reopened: [42] } }),
      'POST /api/items/split': () => ({ body: { updated: 1 } }),
    },
  });
}
const posts = (seen: { method: string; path: string; body: unknown }[]) => seen.filter((r) => r.method === 'POST').map((r) => [r.path, r.body]);

describe('item revision action (issue 11 item 5)', () => {
  it('re-opens an accepted item only after a dialog that names the consequences, sending confirmReopen and the reason', async () => {
    const user = userEvent.setup();
    const seen = renderItem('lead', 'accepted');
    await user.click(await screen.findByRole('button', { name: 'Re-open for revision…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Re-open accepted item #42?' });
    for (const text of [
      'It leaves the accepted items: versions frozen from now on and their exports leave it out until two reviewers accept it again.',
      'Versions already frozen keep their snapshot of it, unchanged.',
      'It keeps its split (Test): when it is accepted again it returns to the same split.',
      'The re-open is written to the audit log with your name and the reason below.',
    ]) {
      expect(within(dialog).getByText(text)).toBeInTheDocument();
    }
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(posts(seen), 'cancel sends nothing').toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Re-open for revision…' }));
    const again = await screen.findByRole('dialog');
    await user.click(within(again).getByRole('textbox', { name: 'Reason' }));
    await user.paste('答案遗漏了可撤回同意');
    await user.click(within(again).getByRole('button', { name: 'Re-open' }));
    expect(await screen.findByText('Item #42 re-opened for revision')).toBeInTheDocument();
    expect(posts(seen)).toEqual([['/api/revisions/assign', { itemIds: [42], confirmReopen: true, reason: '答案遗漏了可撤回同意' }]]);
  });

  it('asks in Chinese too', async () => {
    const user = userEvent.setup();
    renderItem('lead', 'accepted');
    await user.click(await screen.findByRole('button', { name: 'English' }));
    await user.click(await screen.findByRole('menuitem', { name: '中文' }));
    await user.click(await screen.findByRole('button', { name: '重新打开以修订…' }));
    const dialog = await screen.findByRole('dialog', { name: '重新打开已通过的条目 #42？' });
    expect(within(dialog).getByText('它保留原有划分（测试集）：再次通过后仍回到同一划分。')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: '取消' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    // the app's i18n provider outlives the test: back to English for the next ones
    await user.click(await screen.findByRole('button', { name: '中文' }));
    await user.click(await screen.findByRole('menuitem', { name: 'English' }));
    expect(await screen.findByRole('button', { name: 'Re-open for revision…' })).toBeInTheDocument();
  });

  it('issue 16 item 5: sends a rejected item only after a dialog that says its status', async () => {
    const user = userEvent.setup();
    const seen = renderItem('lead', 'rejected');
    await user.click(await screen.findByRole('button', { name: 'Send to revision' }));
    const dialog = await screen.findByRole('dialog', { name: 'Send item #42 to revision?' });
    expect(within(dialog).getByText('Item #42 is “Rejected” now.')).toBeInTheDocument();
    expect(posts(seen), 'nothing sent before confirming').toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Send' }));
    expect(await screen.findByText('Item #42 sent to revision')).toBeInTheDocument();
    expect(posts(seen)).toEqual([['/api/revisions/assign', { itemIds: [42] }]]);
  });

  it('issue 16 item 5: the re-open dialog says the item is accepted first', async () => {
    const user = userEvent.setup();
    renderItem('lead', 'accepted');
    await user.click(await screen.findByRole('button', { name: 'Re-open for revision…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Re-open accepted item #42?' });
    expect(within(dialog).getByText('Item #42 is “Accepted” now.')).toBeInTheDocument();
  });

  it('issue 16 item 5: sets the split from the item page after showing its status and current split', async () => {
    const user = userEvent.setup();
    const seen = renderItem('lead', 'rejected', 'dual', null);
    await user.click(await screen.findByRole('button', { name: 'Set split…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Set the split of item #42' });
    expect(within(dialog).getByText('Item #42 is “Rejected” now.')).toBeInTheDocument();
    expect(within(dialog).getByText('Its split now: No split.')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Save' }), 'unchanged: nothing to save').toBeDisabled();
    await user.click(within(dialog).getByRole('combobox', { name: 'New split' }));
    await user.click(await screen.findByRole('option', { name: 'Validation' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Item #42 is now in “Validation”')).toBeInTheDocument();
    expect(posts(seen)).toEqual([['/api/items/split', { itemIds: [42], split: 'valid' }]]);
  });

  it('a frozen item refuses a new split: the server says why', async () => {
    const user = userEvent.setup();
    renderAppAs('lead', {
      path: '/items/42/show',
      api: {
        'GET /api/items/42': () => ({ body: makeItem({ status: 'accepted', split: 'test' }) }),
        'GET /api/abilities': () => listOf('abilities', [{ id: 3, key: 'ethics', nameEn: 'Ethics', nameZh: '伦理' }]),
        'POST /api/items/split': () => ({ status: 409, body: { message: 'items 42: already frozen into a dataset version, so their split can no longer change' } }),
      },
    });
    await user.click(await screen.findByRole('button', { name: 'Set split…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Set the split of item #42' });
    expect(within(dialog).getByText('Its split now: Test.')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('combobox', { name: 'New split' }));
    await user.click(await screen.findByRole('option', { name: 'Train' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/already frozen into a dataset version/)).toBeInTheDocument();
  });

  it.each([
    ['researcher', 'accepted'],
    ['lead', 'in_review'],
  ] as const)('shows no revision action to a %s on an item %s', async (role, status) => {
    renderItem(role, status);
    expect(await screen.findByText('答案')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /revision/ })).toBeNull();
    if (role === 'researcher') expect(screen.queryByRole('button', { name: 'Set split…' })).toBeNull();
  });

  it('issue 15 item 4: says a single-review item was accepted by one reviewer, and one reviewer accepts it again', async () => {
    const user = userEvent.setup();
    renderItem('lead', 'accepted', 'single');
    await user.click(await screen.findByRole('button', { name: 'Re-open for revision…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Re-open accepted item #42?' });
    expect(within(dialog).getByText('This item of a single-review source was accepted by one reviewer. Re-opening it sends it back to the revision queue:')).toBeInTheDocument();
    expect(
      within(dialog).getByText('It leaves the accepted items: versions frozen from now on and their exports leave it out until a reviewer other than its reviser accepts it again.'),
    ).toBeInTheDocument();
  });
});
