import { apiSend } from '../httpClient';

/** POST /api/auth/password: 204 when changed, 400 `currentPassword: …` when the current password is wrong. */
export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await apiSend<void>('POST', '/auth/password', { currentPassword, newPassword });
}

/** POST /api/auth/logout-all: ends every session of the signed-in user, this one included. */
export async function signOutEverywhere(): Promise<void> {
  await apiSend<void>('POST', '/auth/logout-all');
}
