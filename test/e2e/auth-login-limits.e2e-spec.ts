import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PasswordHasher } from '../../server/users/password-hasher';
import { UsersService } from '../../server/users/users.service';
import { createTestApp, TestApp } from '../utils/test-app';

/** Issue 14 items 3, 4 and 9 (password policy): sign-in limits that hold, no enumeration by timing, no common passwords. */

const login = (t: TestApp, email: string, password: string, forwardedFor?: string) => {
  const req = t.http.post('/api/auth/login');
  if (forwardedFor) req.set('X-Forwarded-For', forwardedFor);
  return req.send({ email, password });
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function createUser(t: TestApp, email: string, password: string, active = true): Promise<void> {
  const user = await t.app.get(UsersService).create({ email, name: email, role: 'annotator', password }, null);
  if (!active) await t.db.query('UPDATE users SET active = false WHERE id = $1', [user.id]);
}

describe('sign-in limits without a trusted proxy (the default)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // A long delay, so that none lifts while a test runs however slow the machine
    t = await createTestApp({ LOGIN_DELAY_MS: '60000', LOGIN_RATE_LIMIT_PER_MIN: '6' });
    await createUser(t, 'victim@test.pace', 'victim-password-123');
  });
  afterAll(() => t.close());

  it('issue 14 item 3: 30 wrong passwords for one account, each with a different spoofed X-Forwarded-For from loopback, are limited with 429 + Retry-After', async () => {
    const hasher = t.app.get(PasswordHasher);
    const verify = vi.spyOn(hasher, 'verify');
    const answers: { status: number; retryAfter?: string; message: string }[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await login(t, 'victim@test.pace', `wrong-guess-${i}`, `203.0.113.${i + 1}`);
      answers.push({ status: res.status, retryAfter: res.headers['retry-after'], message: res.body.message });
    }
    // The account's five free failures, then every further attempt waits: the header is ignored, the address is the socket's
    expect(answers.slice(0, 5).map((a) => a.status)).toEqual([401, 401, 401, 401, 401]);
    const limited = answers.filter((a) => a.status === 429);
    expect(limited).toHaveLength(25);
    for (const a of limited) {
      expect(Number(a.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(a.message).toMatch(/Too many failed sign-ins/);
    }
    // A limited attempt checks no password
    expect(verify).toHaveBeenCalledTimes(5);
    verify.mockRestore();
  });

  it('issue 14 item 3: the per-address limit counts failures across accounts, whatever X-Forwarded-For says', async () => {
    await t.db.query('DELETE FROM login_account_failures; DELETE FROM login_address_failures');
    const statuses: number[] = [];
    // Six failures a minute per address; each guess names another account, so only the address can limit it
    for (let i = 0; i < 8; i++) statuses.push((await login(t, `someone-${i}@test.pace`, 'wrong-password', `198.51.100.${i + 1}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429, 429]);
    const res = await login(t, 'victim@test.pace', 'victim-password-123');
    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(res.body.message).toMatch(/from this address/);
  });

  it('issue 14 item 3: parallel guesses are limited too, not only sequential ones', async () => {
    await t.db.query('DELETE FROM login_account_failures; DELETE FROM login_address_failures');
    const verify = vi.spyOn(t.app.get(PasswordHasher), 'verify');
    const statuses = (await Promise.all(Array.from({ length: 10 }, (_, i) => login(t, 'victim@test.pace', `parallel-${i}`, `192.0.2.${60 + i}`)))).map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
    expect(verify).toHaveBeenCalledTimes(5);
    verify.mockRestore();
  });
});

describe('sign-in limits behind a trusted proxy, across two server instances', () => {
  let a: TestApp;
  let b: TestApp;
  const env = { TRUST_PROXY: 'loopback', LOGIN_RATE_LIMIT_PER_MIN: '3', LOGIN_FREE_FAILURES: '5', LOGIN_DELAY_MS: '2000' };
  beforeAll(async () => {
    a = await createTestApp(env);
    b = await createTestApp(env, a);
    await createUser(a, 'pat@test.pace', 'pat-password-123');
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });
  afterEach(() => a.db.query('DELETE FROM login_account_failures; DELETE FROM login_address_failures'));

  it('issue 14 item 3: with TRUST_PROXY=loopback the forwarded address is the one counted per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await login(a, `guess-${i}@test.pace`, 'wrong-password', '192.0.2.7')).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    // Another client behind the same proxy is not held back by the first one's failures
    await login(a, 'guess-9@test.pace', 'wrong-password', '192.0.2.8').expect(401);
    await login(a, 'pat@test.pace', 'pat-password-123', '192.0.2.8').expect(200);
  });

  it('issue 14 item 3: failures on one instance count on the other; the delay lifts after Retry-After and the right password then works', async () => {
    // Five failures, each from its own address so only the account is counted, spread over both instances
    for (let i = 0; i < 5; i++) await login(i % 2 ? b : a, 'pat@test.pace', 'wrong-password', `192.0.2.${20 + i}`).expect(401);
    const limited = await login(b, 'pat@test.pace', 'pat-password-123', '192.0.2.30').expect(429);
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(2);
    expect(limited.body.message).toMatch(/for this account/);
    await login(a, 'pat@test.pace', 'pat-password-123', '192.0.2.31').expect(429);
    await sleep(retryAfter * 1000);
    await login(a, 'pat@test.pace', 'pat-password-123', '192.0.2.32').expect(200);
    // The success cleared the account's count: wrong passwords are plain 401s again, five times over
    for (let i = 0; i < 5; i++) await login(b, 'pat@test.pace', 'wrong-password', `192.0.2.${40 + i}`).expect(401);
  });
});

describe('sign-in timing and the password policy', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.tokenFor('admin');
    await createUser(t, 'known@test.pace', 'known-password-123');
    await createUser(t, 'gone@test.pace', 'gone-password-123', false);
  });
  afterAll(() => t.close());

  it('issue 14 item 4: an unknown, an inactive and a known email each cost exactly one hash verification, with the same parameters', async () => {
    const verify = vi.spyOn(t.app.get(PasswordHasher), 'verify');
    const hashes: string[] = [];
    for (const [email, password, status] of [
      ['nobody@test.pace', 'some-password-1', 401],
      ['gone@test.pace', 'gone-password-123', 401],
      ['known@test.pace', 'wrong-password-1', 401],
      ['known@test.pace', 'known-password-123', 200],
    ] as const) {
      verify.mockClear();
      await login(t, email, password).expect(status);
      expect(verify, email).toHaveBeenCalledTimes(1);
      hashes.push(verify.mock.calls[0][0]);
    }
    verify.mockRestore();
    // argon2id with the same memory, time and parallelism: $argon2id$v=19$m=…,p=…,t=…$salt$hash
    const parameters = hashes.map((h) => h.split('$').slice(1, 4).join('$'));
    expect(parameters[0]).toMatch(/^argon2id\$v=\d+\$(?=.*\bm=\d+)(?=.*\bt=\d+)(?=.*\bp=\d+)/);
    expect(new Set(parameters).size).toBe(1);
    // The inactive account was not checked against its own hash
    const [{ password_hash }] = await t.db.query(`SELECT password_hash FROM users WHERE email = 'gone@test.pace'`);
    expect(hashes[1]).not.toBe(password_hash);
  });

  it('issue 14 item 9: a common password (any case) or the account’s own email is refused at every route that sets one, naming the field', async () => {
    const auth = ['Authorization', `Bearer ${admin}`] as const;
    const created = await t.http.post('/api/users').set(...auth).send({ email: 'new@test.pace', name: 'New', role: 'annotator', password: 'Password123' }).expect(400);
    expect(created.body.message).toMatch(/^password: .*common/);
    expect(created.body.errors).toEqual([expect.objectContaining({ field: 'password' })]);
    const asEmail = await t.http.post('/api/users').set(...auth).send({ email: 'new-person@test.pace', name: 'New', role: 'annotator', password: 'New-Person@test.pace' }).expect(400);
    expect(asEmail.body.message).toMatch(/^password: .*email/);
    expect((await t.db.query(`SELECT 1 FROM users WHERE email IN ('new@test.pace', 'new-person@test.pace')`)).length).toBe(0);

    const ok = await t.http.post('/api/users').set(...auth).send({ email: 'mei.ling.wang@test.pace', name: 'Mei', role: 'annotator', password: 'mei-ling-password-7' }).expect(201);
    const reset = await t.http.put(`/api/users/${ok.body.id}`).set(...auth).send({ password: 'QWERTYUIOP' }).expect(400);
    expect(reset.body.message).toMatch(/^password: .*common/);
    const local = await t.http.put(`/api/users/${ok.body.id}`).set(...auth).send({ password: 'MEI.LING.WANG' }).expect(400);
    expect(local.body.message).toMatch(/^password: .*email/);
    await login(t, 'mei.ling.wang@test.pace', 'mei-ling-password-7').expect(200);

    const own = await login(t, 'known@test.pace', 'known-password-123').expect(200);
    const changed = await t.http.post('/api/auth/password').set('Authorization', `Bearer ${own.body.accessToken}`)
      .send({ currentPassword: 'known-password-123', newPassword: 'iloveyou123' }).expect(400);
    expect(changed.body.message).toMatch(/^newPassword: .*common/);
    expect(changed.body.errors).toEqual([expect.objectContaining({ field: 'newPassword' })]);
    await login(t, 'known@test.pace', 'known-password-123').expect(200);
  });
});
