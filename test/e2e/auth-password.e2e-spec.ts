import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestApp } from '../utils/test-app';

describe('changing one’s own password', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const login = (password: string) => t.http.post('/api/auth/login').send({ email: 'annotator@test.pace', password });

  it('refuses a wrong current password with a 400 naming the field, and keeps the old password', async () => {
    const token = await t.tokenFor('annotator');
    const res = await t.http
      .post('/api/auth/password')
      .set('Authorization', `Bearer ${token}`)
      .send({ currentPassword: 'not-my-password', newPassword: 'a-new-long-password' })
      .expect(400);
    expect(res.body.message).toBe('currentPassword: wrong password');
    await login('annotator-password-123').expect(200);
    await login('a-new-long-password').expect(401);
  });

  it('refuses a short new password, then changes it: the new one signs in, the old one no longer does', async () => {
    const token = await t.tokenFor('annotator');
    const short = await t.http
      .post('/api/auth/password')
      .set('Authorization', `Bearer ${token}`)
      .send({ currentPassword: 'annotator-password-123', newPassword: 'short' })
      .expect(400);
    expect(JSON.stringify(short.body)).toMatch(/newPassword/);
    await t.http
      .post('/api/auth/password')
      .set('Authorization', `Bearer ${token}`)
      .send({ currentPassword: 'annotator-password-123', newPassword: '新的密码-long-enough' })
      .expect(204);
    await login('新的密码-long-enough').expect(200);
    await login('annotator-password-123').expect(401);
  });
});
