import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ROLES } from '../roles';
import { readSession } from '../session';
import type { FakeResponse } from '../test/fakeApi';
import { renderAppAs } from '../test/renderApp';

/** A page every role reaches without loading another screen's data: the not-found page inside the layout. */
const QUIET_PATH = '/no-such-screen';

async function openUserMenu(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('button', { name: 'Profile' }));
}

/** A field's label, whatever the required marker after it. */
const fieldLabel = (label: string) => new RegExp(`^${label}[\\s*]*$`);

async function changePassword(user: ReturnType<typeof userEvent.setup>, current: string, next: string, again = next) {
  await openUserMenu(user);
  await user.click(await screen.findByRole('menuitem', { name: 'Change password' }));
  const dialog = await screen.findByRole('dialog', { name: 'Change password' });
  const fill = async (label: string, text: string) => {
    await user.click(within(dialog).getByLabelText(fieldLabel(label)));
    await user.paste(text);
  };
  await fill('Current password', current);
  await fill('New password', next);
  await fill('New password again', again);
  await user.click(within(dialog).getByRole('button', { name: 'Change password' }));
  return dialog;
}

function renderWithPasswordRoute(answer: () => FakeResponse) {
  return renderAppAs('annotator', { path: QUIET_PATH, api: { 'POST /api/auth/password': answer } });
}

describe('account menu', () => {
  it.each(ROLES)('offers %s a password change and a sign-out', async (role) => {
    const user = userEvent.setup();
    renderAppAs(role, { path: QUIET_PATH });
    await openUserMenu(user);
    expect(await screen.findByRole('menuitem', { name: 'Change password' })).toBeInTheDocument();
    expect(screen.getByRole('menuitem', { name: 'Sign out everywhere' })).toBeInTheDocument();
    expect(screen.getByRole('menuitem', { name: 'Logout' })).toBeInTheDocument();
  });

  it('changes the password: sends the current and the new one, says so, and closes', async () => {
    const user = userEvent.setup();
    const seen = renderWithPasswordRoute(() => ({ status: 204 }));
    const dialog = await changePassword(user, 'old-password-1', '新密码-long-enough');

    await waitFor(() => expect(seen.filter((r) => r.path === '/api/auth/password')).toHaveLength(1));
    const request = seen.find((r) => r.path === '/api/auth/password')!;
    expect(request).toMatchObject({ method: 'POST', authorization: 'Bearer access-1', body: { currentPassword: 'old-password-1', newPassword: '新密码-long-enough' } });
    expect(await screen.findByText('Your password has been changed')).toBeInTheDocument();
    await waitFor(() => expect(dialog).not.toBeInTheDocument());
  });

  it('shows a wrong current password on its field and keeps the user signed in', async () => {
    const user = userEvent.setup();
    renderWithPasswordRoute(() => ({ status: 400, body: { message: 'currentPassword: wrong password' } }));
    const dialog = await changePassword(user, 'not-my-password', 'another-long-password');

    expect(await within(dialog).findByText('The current password is wrong')).toBeInTheDocument();
    expect(within(dialog).getByLabelText(fieldLabel('Current password'))).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByText('Your password has been changed')).toBeNull();
    expect(readSession()).not.toBeNull();
  });

  it('issue 14 item 9: shows a new password the server refuses as too common on its field', async () => {
    const user = userEvent.setup();
    renderWithPasswordRoute(() => ({
      status: 400,
      body: { message: 'newPassword: is one of the most common passwords; choose one that is harder to guess', errors: [{ field: 'newPassword', message: 'is one of the most common passwords' }] },
    }));
    const dialog = await changePassword(user, 'old-password-1', 'password123');

    expect(await within(dialog).findByText('Too easy to guess (a common password, or your email): choose another')).toBeInTheDocument();
    expect(within(dialog).getByLabelText(fieldLabel('New password'))).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByText('Your password has been changed')).toBeNull();
  });

  it('refuses a confirmation that differs, or a short password, without asking the server', async () => {
    const user = userEvent.setup();
    const seen = renderWithPasswordRoute(() => ({ status: 204 }));
    const dialog = await changePassword(user, 'old-password-1', 'short', 'shorter');
    expect(await within(dialog).findByText('The two new passwords differ')).toBeInTheDocument();
    expect(within(dialog).getByText('Must be 10 characters at least')).toBeInTheDocument();
    expect(seen.some((r) => r.path === '/api/auth/password')).toBe(false);
  });

  it('signs out from the user menu, ending the session on the server', async () => {
    const user = userEvent.setup();
    const seen = renderAppAs('researcher', { path: QUIET_PATH, api: { 'POST /api/auth/logout': () => ({ status: 204 }) } });
    await openUserMenu(user);
    await user.click(await screen.findByRole('menuitem', { name: 'Logout' }));
    await waitFor(() => expect(window.location.pathname).toBe('/login'));
    expect(readSession()).toBeNull();
    expect(seen.filter((r) => r.path.startsWith('/api/auth/logout'))).toMatchObject([{ method: 'POST', path: '/api/auth/logout', authorization: 'Bearer access-1' }]);
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeInTheDocument();
  });

  // issue 14 item 1: "sign out everywhere" ends every session of the user on the server, then this one here
  it('signs out everywhere: asks the server to end every session, then returns to the login page', async () => {
    const user = userEvent.setup();
    const seen = renderAppAs('lead', { path: QUIET_PATH, api: { 'POST /api/auth/logout-all': () => ({ status: 204 }) } });
    await openUserMenu(user);
    await user.click(await screen.findByRole('menuitem', { name: 'Sign out everywhere' }));
    await waitFor(() => expect(window.location.pathname).toBe('/login'));
    expect(readSession()).toBeNull();
    // the session is already ended on the server: no /auth/logout after it
    expect(seen.filter((r) => r.path.startsWith('/api/auth/logout'))).toMatchObject([{ method: 'POST', path: '/api/auth/logout-all', authorization: 'Bearer access-1' }]);
  });

  it('stays signed in and says so when the server does not sign out everywhere', async () => {
    const user = userEvent.setup();
    renderAppAs('annotator', { path: QUIET_PATH, api: { 'POST /api/auth/logout-all': () => ({ status: 503, body: { message: 'Database unavailable' } }) } });
    await openUserMenu(user);
    await user.click(await screen.findByRole('menuitem', { name: 'Sign out everywhere' }));
    expect(await screen.findByText('Could not sign out everywhere; you are still signed in: Database unavailable')).toBeInTheDocument();
    expect(readSession()).not.toBeNull();
    expect(window.location.pathname).toBe(QUIET_PATH);
  });
});
