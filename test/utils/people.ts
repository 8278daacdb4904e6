import { AuthSessionsRepository } from '../../server/sessions/auth-sessions.repository';
import { TokensService } from '../../server/auth/tokens.service';
import type { Role } from '../../server/users/user.entity';
import type { TestApp } from './test-app';

export interface Person {
  id: string;
  name: string;
  role: Role;
  token: string;
  auth: [string, string];
}

/**
 * Creates `count` users of a role straight in the database and mints their access tokens (no password logins). Each
 * gets a session row, as a sign-in makes one: access tokens name their session and are refused without it.
 */
export async function createPeople(t: TestApp, role: Role, count: number, prefix = role): Promise<Person[]> {
  const tokens = t.app.get(TokensService);
  const rows: { id: string; name: string; email: string }[] = await t.db.query(
    `INSERT INTO users (email, name, role, password_hash)
     SELECT $1 || '-' || n || '-' || substr(md5(random()::text), 1, 6) || '@test.pace', $1 || ' ' || n, $2, 'not-a-login'
     FROM generate_series(1, $3) AS n ORDER BY n RETURNING id, name, email`,
    [prefix, role, count],
  );
  const sessions = await t.app.get(AuthSessionsRepository).startMany(rows.map((u) => u.id), 'test people');
  return rows.map((u) => {
    const token = tokens.access({ id: u.id, email: u.email, role }, sessions.get(u.id)!).accessToken;
    return { id: u.id, name: u.name, role, token, auth: ['Authorization', `Bearer ${token}`] as [string, string] };
  });
}
