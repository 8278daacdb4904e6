import { JwtService } from '@nestjs/jwt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CreateAuthSessions1764016000000 } from '../../migrations/1764016000000-CreateAuthSessions';
import { AccessChanges, type AccessChangeReason } from '../../server/users/access-changes';
import { UsersService } from '../../server/users/users.service';
import type { Role } from '../../server/users/user.entity';
import { connect, recorder } from '../utils/socket-events';
import { createTestApp, TestApp } from '../utils/test-app';


interface Signed {
  access: string;
  /** The refresh token, from the pace_refresh cookie. */
  refresh: string;
  setCookie: string;
}

const COOKIE = /^pace_refresh=([^;]*)/;

// issue 14 items 1, 8 (refresh cookie) and 9 (exp): sessions are refresh-token families stored in PostgreSQL.
describe('revocable sessions', () => {
  let t: TestApp;
  let admin: string;
  /** What the socket gateway (the real AccessChanges) is told, recorded as it does its work. */
  const changes = { calls: [] as [string, AccessChangeReason][] };
  let n = 0;

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT_PER_MIN: '1000' });
    const gateway = t.app.get(AccessChanges);
    const revoked = gateway.revoked.bind(gateway);
    vi.spyOn(gateway, 'revoked').mockImplementation(async (userId, reason) => {
      changes.calls.push([userId, reason]);
      await revoked(userId, reason);
    });
    admin = await t.tokenFor('admin');
    await t.app.listen(0, '127.0.0.1');
  });
  afterAll(() => t.close());

  async function newUser(role: Role = 'annotator') {
    const email = `person-${++n}@sessions.test`;
    const password = `password-of-${n}-long`;
    const user = await t.app.get(UsersService).create({ email, name: `Person ${n}`, role, password }, null);
    return { id: user.id, email, password };
  }

  const cookieOf = (res: { headers: Record<string, unknown> }): string | undefined =>
    ([res.headers['set-cookie'] ?? []].flat() as string[]).find((c) => COOKIE.test(c));

  async function login(user: { email: string; password: string }): Promise<Signed> {
    const res = await t.http.post('/api/auth/login').send({ email: user.email, password: user.password }).expect(200);
    const setCookie = cookieOf(res)!;
    return { access: res.body.accessToken, refresh: COOKIE.exec(setCookie)![1], setCookie };
  }

  const refresh = (token: string) => t.http.post('/api/auth/refresh').set('Cookie', `pace_refresh=${token}`);
  const me = (access: string) => t.http.get('/api/auth/me').set('Authorization', `Bearer ${access}`);
  /** Moves a token's rotation back past the grace period, as if the reuse came a minute later. */
  const ageRotation = (seconds: number) => t.db.query(`UPDATE refresh_tokens SET rotated_at = rotated_at - make_interval(secs => $1) WHERE rotated_at IS NOT NULL`, [seconds]);

  it('item 8: login sets the refresh token as an HttpOnly, SameSite=Strict cookie on /api/auth — not Secure over plain HTTP — and not in the body', async () => {
    const user = await newUser();
    const res = await t.http.post('/api/auth/login').send({ email: user.email, password: user.password }).expect(200);
    expect(res.body.refreshToken).toBeUndefined();
    expect(res.body).toMatchObject({ accessToken: expect.any(String), expiresIn: 900, user: { email: user.email } });
    const cookie = cookieOf(res)!;
    const attributes = cookie.split(';').slice(1).map((a) => a.trim().toLowerCase());
    expect(attributes).toEqual(expect.arrayContaining(['httponly', 'samesite=strict', 'path=/api/auth']));
    expect(attributes).not.toContain('secure');
    // stored only as its SHA-256
    const raw = COOKIE.exec(cookie)![1];
    const [{ found }] = await t.db.query(`SELECT count(*)::int AS found FROM refresh_tokens WHERE token_hash = sha256(convert_to($1, 'UTF8'))`, [raw]);
    expect(found).toBe(1);
    const [{ plain }] = await t.db.query(`SELECT count(*)::int AS plain FROM refresh_tokens WHERE encode(token_hash, 'escape') LIKE '%' || $1 || '%'`, [raw]);
    expect(plain).toBe(0);
  });

  it('item 1: a refresh rotates the cookie; the old token reused after the grace revokes the family, so the successor and its access token are refused too', async () => {
    const s = await login(await newUser());
    const first = await refresh(s.refresh).expect(200);
    expect(first.body.refreshToken).toBeUndefined();
    const successor = COOKIE.exec(cookieOf(first)!)![1];
    expect(successor).not.toBe(s.refresh);
    await me(first.body.accessToken).expect(200);

    await ageRotation(60);
    const reused = await refresh(s.refresh).expect(401);
    expect(reused.body.message).toMatch(/already used/);
    expect(cookieOf(reused)).toMatch(/^pace_refresh=;.*Expires=Thu, 01 Jan 1970/);
    await refresh(successor).expect(401);
    await me(first.body.accessToken).expect(401);
    await me(s.access).expect(401);
    const [row] = await t.db.query(`SELECT revoked_reason FROM auth_sessions s JOIN refresh_tokens r ON r.session_id = s.id WHERE r.token_hash = sha256(convert_to($1, 'UTF8'))`, [successor]);
    expect(row.revoked_reason).toBe('reused');
  });

  it('item 1: two tabs refreshing with the same token at once both stay signed in, and the session goes on', async () => {
    const s = await login(await newUser());
    const answers = await Promise.all([refresh(s.refresh), refresh(s.refresh), refresh(s.refresh)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    for (const a of answers) await me(a.body.accessToken).expect(200);
    // exactly one rotation (row lock in PostgreSQL): one answer carries the successor cookie, the others none
    const successors = answers.map(cookieOf).filter(Boolean) as string[];
    expect(successors).toHaveLength(1);
    const [{ tokens }] = await t.db.query(
      `SELECT count(*)::int AS tokens FROM refresh_tokens WHERE session_id = (SELECT session_id FROM refresh_tokens WHERE token_hash = sha256(convert_to($1, 'UTF8')))`,
      [s.refresh],
    );
    expect(tokens).toBe(2);
    const next = await refresh(COOKIE.exec(successors[0])![1]).expect(200);
    await me(next.body.accessToken).expect(200);
  });

  it('item 1: a password change keeps the caller’s session and ends every other one', async () => {
    const user = await newUser();
    const mine = await login(user);
    const other = await login(user);
    await t.http.post('/api/auth/password').set('Authorization', `Bearer ${mine.access}`)
      .send({ currentPassword: user.password, newPassword: 'a-brand-new-password' }).expect(204);
    await refresh(other.refresh).expect(401);
    await me(other.access).expect(401);
    await me(mine.access).expect(200);
    await refresh(mine.refresh).expect(200);
  });

  it.each([
    ['an admin password reset', { password: 'reset-by-the-admin' }, 'password-reset', 'signed-out'],
    ['deactivation', { active: false }, 'deactivated', 'deactivated'],
    ['a role change', { role: 'researcher' }, 'role-changed', 'role-changed'],
  ] as const)('item 1: %s ends every session of the user', async (_, change, reason, told) => {
    const user = await newUser('lead');
    const sessions = [await login(user), await login(user)];
    changes.calls.length = 0;
    await t.http.put(`/api/users/${user.id}`).set('Authorization', `Bearer ${admin}`).send(change).expect(200);
    for (const s of sessions) {
      await refresh(s.refresh).expect(401);
      await me(s.access).expect(401);
    }
    const rows = await t.db.query(`SELECT revoked_reason FROM auth_sessions WHERE user_id = $1`, [user.id]);
    expect(rows.map((r: { revoked_reason: string }) => r.revoked_reason)).toEqual([reason, reason]);
    expect(changes.calls).toEqual([[user.id, told]]);
    if ('active' in change) {
      // signing back in after reactivation is a new session; the old ones stay ended
      await t.http.put(`/api/users/${user.id}`).set('Authorization', `Bearer ${admin}`).send({ active: true }).expect(200);
      await refresh(sessions[0].refresh).expect(401);
      await me((await login(user)).access).expect(200);
    }
  });

  it('item 1: logout ends this session at once (access and refresh) and clears the cookie; another session stays', async () => {
    const user = await newUser();
    const s = await login(user);
    const other = await login(user);
    const out = await t.http.post('/api/auth/logout').set('Authorization', `Bearer ${s.access}`).expect(204);
    expect(cookieOf(out)).toMatch(/^pace_refresh=;.*Path=\/api\/auth.*Expires=Thu, 01 Jan 1970/);
    const refused = await me(s.access).expect(401);
    expect(refused.body.message).toMatch(/signed out/);
    await refresh(s.refresh).expect(401);
    await me(other.access).expect(200);
    await refresh(other.refresh).expect(200);
  });

  it('item 1: a socket connecting with a signed-out session’s access token is refused; a live session’s subscribes', async () => {
    const user = await newUser('researcher');
    const [out, live] = [await login(user), await login(user)];
    await t.http.post('/api/auth/logout').set('Authorization', `Bearer ${out.access}`).expect(204);
    const refused = await connect(t, out.access);
    const events = recorder(refused, ['error', 'disconnect']);
    expect((await events.waitFor('error')).message).toMatch(/Unauthorized/);
    await events.waitFor('disconnect');
    const socket = await connect(t, live.access);
    try {
      expect((await socket.emitWithAck('subscribe', { room: 'datasets' })).ok).toBe(true);
    } finally {
      socket.disconnect();
    }
  });

  it('item 1: sign out everywhere ends every session of the user and tells the live sockets', async () => {
    const user = await newUser('lead');
    const sessions = [await login(user), await login(user), await login(user)];
    const bystander = await login(await newUser());
    const socket = await connect(t, sessions[1].access);
    const gone = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    changes.calls.length = 0;
    const out = await t.http.post('/api/auth/logout-all').set('Authorization', `Bearer ${sessions[0].access}`).expect(204);
    // the gateway disconnects the user's sockets (on every instance) before the answer leaves
    expect(await gone).toBe('io server disconnect');
    expect(cookieOf(out)).toMatch(/^pace_refresh=;/);
    for (const s of sessions) {
      await me(s.access).expect(401);
      await refresh(s.refresh).expect(401);
    }
    expect(changes.calls).toEqual([[user.id, 'signed-out']]);
    await me(bystander.access).expect(200);
  });

  it('item 9: an access token without exp is refused even with a valid signature', async () => {
    const user = await newUser();
    const s = await login(user);
    const claims = t.app.get(JwtService).decode<Record<string, unknown>>(s.access);
    expect(claims.exp).toEqual(expect.any(Number));
    const { exp: _exp, iat: _iat, ...rest } = claims;
    const forever = t.app.get(JwtService).sign(rest);
    expect(t.app.get(JwtService).decode<Record<string, unknown>>(forever).exp).toBeUndefined();
    const res = await me(forever).expect(401);
    expect(res.body.message).toMatch(/exp/);
    await me(s.access).expect(200);
  });

  it('scripted clients may send the refresh token in the body and get its successor in the body; a missing token is a 401 saying what to send', async () => {
    const s = await login(await newUser());
    const res = await t.http.post('/api/auth/refresh').send({ refreshToken: s.refresh }).expect(200);
    expect(res.body.refreshToken).toEqual(expect.any(String));
    expect(cookieOf(res)).toBeUndefined();
    const again = await t.http.post('/api/auth/refresh').send({ refreshToken: res.body.refreshToken }).expect(200);
    await me(again.body.accessToken).expect(200);
    const none = await t.http.post('/api/auth/refresh').send({}).expect(401);
    expect(none.body.message).toMatch(/pace_refresh cookie or a refreshToken/);
    await t.http.post('/api/auth/refresh').send({ refreshToken: 'not-a-token' }).expect(401);
  });

  it('item 8: the cookie is Secure when the request came over TLS — through a proxy only where TRUST_PROXY names it, never on a forged header', async () => {
    const user = await newUser();
    const secure = (res: { headers: Record<string, unknown> }) => cookieOf(res)!.toLowerCase().split(';').map((a) => a.trim()).includes('secure');
    // no TRUST_PROXY: a client's own X-Forwarded-Proto says nothing
    const forged = await t.http.post('/api/auth/login').set('X-Forwarded-Proto', 'https').send({ email: user.email, password: user.password }).expect(200);
    expect(secure(forged)).toBe(false);
    // a second instance behind a TLS-terminating proxy on loopback
    const behindProxy = await createTestApp({ TRUST_PROXY: 'loopback' }, t);
    try {
      const res = await behindProxy.http.post('/api/auth/login').set('X-Forwarded-Proto', 'https').send({ email: user.email, password: user.password }).expect(200);
      expect(secure(res)).toBe(true);
      const plain = await behindProxy.http.post('/api/auth/login').send({ email: user.email, password: user.password }).expect(200);
      expect(secure(plain)).toBe(false);
    } finally {
      await behindProxy.close();
    }
  });

  it('the migration goes down and up again (a real down())', async () => {
    const tables = async () =>
      (await t.db.query(`SELECT table_name FROM information_schema.tables WHERE table_name IN ('auth_sessions', 'refresh_tokens') ORDER BY 1`)).map(
        (r: { table_name: string }) => r.table_name,
      );
    const runner = t.db.createQueryRunner();
    try {
      expect(await tables()).toEqual(['auth_sessions', 'refresh_tokens']);
      await new CreateAuthSessions1764016000000().down(runner);
      expect(await tables()).toEqual([]);
      await new CreateAuthSessions1764016000000().up(runner);
      expect(await tables()).toEqual(['auth_sessions', 'refresh_tokens']);
    } finally {
      await runner.release();
    }
    await login(await newUser());
  });
});
