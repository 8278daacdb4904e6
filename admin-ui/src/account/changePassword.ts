import { apiSend } from '../httpClient';

/** POST /api/auth/password: 204 when changed, 400 `currentPassword: …` when the current password is wrong. */
export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await apiSend<void>('POST', '/auth/password', { currentPassword, newPassword });
}
