import { httpClient } from '../httpClient';
import { API_URL } from '../session';

/** POST /api/auth/password: 204 when changed, 400 `currentPassword: …` when the current password is wrong. */
export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await httpClient(`${API_URL}/auth/password`, { method: 'POST', body: JSON.stringify({ currentPassword, newPassword }) });
}
