import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { listOf, type FakeRequest } from '../test/fakeApi';
import { renderAppAs } from '../test/renderApp';

const ann = { id: 'u-ann', email: 'ann@pace.test', name: '安娜', role: 'annotator', active: true, createdAt: '2025-01-01T00:00:00Z' };
const me = { id: 'admin-id', email: 'admin@pace.test', name: 'Admin', role: 'admin', active: true, createdAt: '2025-01-01T00:00:00Z' };

function renderUsers(path: string) {
  const users = [ann, me];
  return renderAppAs('admin', {
    path,
    api: {
      'GET /api/users': () => listOf('users', users),
      'GET /api/users/u-ann': () => ({ body: ann }),
      'GET /api/users/admin-id': () => ({ body: me }),
      'PUT /api/users/u-ann': (req) => ({ body: { ...ann, ...(req.body as object) } }),
      'POST /api/users': (req) => ({ status: 201, body: { id: 'u-new', active: true, createdAt: '2025-02-01T00:00:00Z', ...(req.body as object) } }),
    },
  });
}
const sent = (seen: FakeRequest[], method: string) => seen.filter((r) => r.method === method).map((r) => ({ path: r.path, body: r.body }));

describe('users (admin)', () => {
  it('creates a user with a role and a password', async () => {
    const user = userEvent.setup();
    const seen = renderUsers('/users/create');
    await user.click(await screen.findByLabelText(/^Email/));
    await user.paste('li@pace.test');
    await user.click(screen.getByLabelText(/^Name/));
    await user.paste('李雷');
    await user.click(screen.getByRole('combobox', { name: /^Role/ }));
    await user.click(await screen.findByRole('option', { name: 'Researcher' }));
    await user.click(screen.getByLabelText(/^Password/));
    await user.paste('a-long-password');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(sent(seen, 'POST')).toEqual([{ path: '/api/users', body: { email: 'li@pace.test', name: '李雷', role: 'researcher', password: 'a-long-password' } }]),
    );
  });

  it('changes a role and deactivates, sending only what changed', async () => {
    const user = userEvent.setup();
    const seen = renderUsers('/users');
    await user.click(await screen.findByText('ann@pace.test'));
    await screen.findByDisplayValue('安娜');
    await user.click(screen.getByRole('combobox', { name: /^Role/ }));
    await user.click(await screen.findByRole('option', { name: 'Lead' }));
    await user.click(screen.getByRole('switch', { name: 'Active' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(sent(seen, 'PUT')).toEqual([{ path: '/api/users/u-ann', body: { role: 'lead', active: false } }]));
  });

  it('resets a password with a generated one, spelled out to pass on', async () => {
    const user = userEvent.setup();
    const seen = renderUsers('/users/u-ann');
    await user.click(await screen.findByRole('button', { name: 'Generate' }));
    const shown = (await screen.findByText(/^Generated: /)).textContent!;
    const password = /^Generated: (\S+) /.exec(shown)![1];
    expect(password).toMatch(/^[A-Za-z2-9]{16}$/);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(sent(seen, 'PUT')).toEqual([{ path: '/api/users/u-ann', body: { password } }]));
  });

  it('does not let an admin demote or deactivate their own account', async () => {
    renderUsers('/users/admin-id');
    await screen.findByDisplayValue('Admin');
    expect(await screen.findAllByText('Your own account: another admin changes this')).toHaveLength(2);
    expect(screen.getByRole('combobox', { name: /^Role/ })).toHaveAttribute('aria-disabled', 'true');
    expect(screen.getByRole('switch', { name: 'Active' })).toBeDisabled();
  });
});
