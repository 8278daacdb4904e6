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

/** Creates `count` users of a role straight in the database and mints their access tokens (no password logins). */
export async function createPeople(t: TestApp, role: Role, count: number, prefix = role): Promise<Person[]> {
  const tokens = t.app.get(TokensService);
  const rows: { id: string; name: string; email: string }[] = await t.db.query(
    `INSERT INTO users (email, name, role, password_hash)
     SELECT $1 || '-' || n || '-' || substr(md5(random()::text), 1, 6) || '@test.pace', $1 || ' ' || n, $2, 'not-a-login'
     FROM generate_series(1, $3) AS n ORDER BY n RETURNING id, name, email`,
    [prefix, role, count],
  );
  return rows.map((u) => {
    const token = tokens.issue({ id: u.id, email: u.email, role }).accessToken;
    return { id: u.id, name: u.name, role, token, auth: ['Authorization', `Bearer ${token}`] as [string, string] };
  });
}
