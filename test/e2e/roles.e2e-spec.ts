import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../server/users/user.entity';
import { createTestApp, TestApp } from '../utils/test-app';
import { listRoutes } from '../utils/routes';

const ANY = ['admin', 'lead', 'annotator', 'researcher'] as const;
const CURATORS: Role[] = ['admin', 'lead', 'researcher'];
const LEADS: Role[] = ['admin', 'lead'];
const U = '00000000-0000-4000-8000-000000000000';

/**
 * Every route of the API and who may call it (DESIGN §3 item 7). A route missing from this table fails the
 * coverage test, so a new route cannot ship without its rule being tested.
 */
const MATRIX: Record<string, Role[] | 'public'> = {
  'GET /api/health': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/refresh': 'public',
  'GET /api/auth/me': [...ANY],
  'POST /api/auth/password': [...ANY],
  'GET /api/users': ['admin'],
  'GET /api/users/:id': ['admin'],
  'POST /api/users': ['admin'],
  'PUT /api/users/:id': ['admin'],
  'GET /api/abilities': [...ANY],
  'GET /api/abilities/:id': [...ANY],
  'POST /api/abilities': LEADS,
  'PUT /api/abilities/:id': LEADS,
  'GET /api/sources': CURATORS,
  'GET /api/sources/:id': CURATORS,
  'POST /api/sources': CURATORS,
  'PUT /api/sources/:id': CURATORS,
  'GET /api/imports/adapters': CURATORS,
  'POST /api/imports': CURATORS,
  'GET /api/imports': CURATORS,
  'GET /api/imports/:id': CURATORS,
  'GET /api/imports/:id/errors': CURATORS,
  'GET /api/imports/:id/errors/report': CURATORS,
  'POST /api/imports/:id/cancel': CURATORS,
  'POST /api/imports/:id/resume': CURATORS,
  'GET /api/items': CURATORS,
  'GET /api/items/:id': CURATORS,
  'POST /api/items/:id/overrule-duplicate': LEADS,
};

function concrete(path: string): string {
  return path.replace(':id', path.includes('abilities') || path.includes('items') ? '1' : U);
}

describe('role rules, route by route', () => {
  let t: TestApp;
  const tokens = {} as Record<Role, string>;

  beforeAll(async () => {
    t = await createTestApp();
    for (const role of ANY) tokens[role] = await t.tokenFor(role);
  });
  afterAll(() => t.close());

  it('covers every route the app serves', () => {
    const served = listRoutes(t.app).filter((r) => !r.startsWith('GET /api/docs'));
    expect(served.sort()).toEqual(Object.keys(MATRIX).sort());
  });

  for (const [route, allowed] of Object.entries(MATRIX)) {
    const [method, path] = route.split(' ');
    if (allowed === 'public') continue;
    it(`${route}: ${allowed.join(', ')} only`, async () => {
      const call = (token?: string) => {
        const req = t.http[method.toLowerCase() as 'get' | 'post' | 'put'](concrete(path));
        return token ? req.set('Authorization', `Bearer ${token}`).send({}) : req.send({});
      };
      expect((await call()).status).toBe(401);
      expect((await call('not-a-jwt')).status).toBe(401);
      for (const role of ANY) {
        const res = await call(tokens[role]);
        if (allowed.includes(role)) expect([401, 403], `${role} should pass the guard`).not.toContain(res.status);
        else expect(res.status, `${role} must be refused`).toBe(403);
      }
    });
  }
});
