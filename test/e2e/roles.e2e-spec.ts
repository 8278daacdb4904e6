import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../server/users/user.entity';
import { createTestApp, TestApp } from '../utils/test-app';
import { listRoutes } from '../utils/routes';

const ANY = ['admin', 'lead', 'annotator', 'researcher'] as const;
const CURATORS: Role[] = ['admin', 'lead', 'researcher'];
const LEADS: Role[] = ['admin', 'lead'];
const REVIEWERS: Role[] = ['annotator', 'lead'];
const READ_STATS: Role[] = ['admin', 'lead', 'researcher'];
const U = '00000000-0000-4000-8000-000000000000';
/** Routes that end the caller's sessions: the table's tokens are renewed after them. */
const ENDS_SESSIONS = new Set(['POST /api/auth/logout', 'POST /api/auth/logout-all']);

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
  'POST /api/auth/logout': [...ANY],
  'POST /api/auth/logout-all': [...ANY],
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
  'POST /api/items/split': LEADS,
  'POST /api/reviews/next': REVIEWERS,
  'POST /api/reviews/:leaseId/decision': REVIEWERS,
  'POST /api/reviews/:leaseId/release': REVIEWERS,
  'GET /api/reviews/mine': REVIEWERS,
  'GET /api/reviews/mine/history': REVIEWERS,
  'GET /api/reviews/mine/items/:id': REVIEWERS,
  'PUT /api/reviews/:leaseId/decision': REVIEWERS,
  'GET /api/reviews/queue': [...ANY],
  'GET /api/reviews/disagreements': LEADS,
  'GET /api/reviews/stage-order': LEADS,
  'PUT /api/reviews/stage-order': LEADS,
  'GET /api/items/:id/reviews': [...ANY],
  'POST /api/revisions/assign': LEADS,
  'POST /api/revisions/next': REVIEWERS,
  'POST /api/revisions/:id/submit': REVIEWERS,
  'POST /api/revisions/:id/release': REVIEWERS,
  'GET /api/revisions/:id': [...ANY],
  'GET /api/items/:id/revisions': CURATORS,
  'POST /api/distractors/check': REVIEWERS,
  'POST /api/distractors/next': REVIEWERS,
  'POST /api/distractors/tasks/:id/submit': REVIEWERS,
  'POST /api/distractors/tasks/:id/release': REVIEWERS,
  'GET /api/items/:id/distractors': [...ANY],
  'GET /api/agreement': READ_STATS,
  'GET /api/agreement/pass-rates': READ_STATS,
  'GET /api/agreement/pairs': READ_STATS,
  'GET /api/agreement/reviewers': READ_STATS,
  'GET /api/reviewers': LEADS,
  'GET /api/reviewers/leases': LEADS,
  'POST /api/reviewers/:id/pause': LEADS,
  'POST /api/reviewers/leases/reassign': LEADS,
  'GET /api/datasets/versions': CURATORS,
  'POST /api/datasets/versions': CURATORS,
  'GET /api/datasets/versions/:id': CURATORS,
  'DELETE /api/datasets/versions/:id': CURATORS,
  'POST /api/datasets/versions/:id/cancel': CURATORS,
  'POST /api/datasets/versions/:id/resume': CURATORS,
  'GET /api/datasets/versions/:id/exclusions': CURATORS,
  'GET /api/datasets/versions/:a/diff/:b': CURATORS,
  // issue 14 item 9, decided: researchers may run the sticky split assignment. A freeze (researchers freeze) runs the
  // same assignment first, it never moves an item already in a split, and it is audited; moving items between
  // splits by hand (POST /api/items/split) stays LEADS.
  'POST /api/datasets/splits/assign': CURATORS,
  'POST /api/datasets/contamination/:itemId/overrule': LEADS,
  'POST /api/exports': CURATORS,
  'GET /api/exports': CURATORS,
  'GET /api/exports/:id': CURATORS,
  'POST /api/exports/:id/cancel': CURATORS,
  'POST /api/exports/:id/resume': CURATORS,
  // issue 15: LLM endpoints (curators read; admins and researchers, who run generation, write) and generation runs
  'GET /api/llm-endpoints': CURATORS,
  'GET /api/llm-endpoints/:id': CURATORS,
  'POST /api/llm-endpoints': ['admin', 'researcher'],
  'PUT /api/llm-endpoints/:id': ['admin', 'researcher'],
  'DELETE /api/llm-endpoints/:id': ['admin', 'researcher'],
  'POST /api/llm-endpoints/:id/test': ['admin', 'researcher'],
  'POST /api/synthesis/runs': CURATORS,
  'GET /api/synthesis/runs': CURATORS,
  'GET /api/synthesis/runs/:id': CURATORS,
  'PATCH /api/synthesis/runs/:id': CURATORS,
  'POST /api/synthesis/runs/:id/pause': CURATORS,
  'POST /api/synthesis/runs/:id/resume': CURATORS,
  'POST /api/synthesis/runs/:id/cancel': CURATORS,
  'GET /api/synthesis/runs/:id/failures': CURATORS,
  'GET /api/synthesis/runs/:id/nodes': CURATORS,
  'GET /api/exports/:id/archive': CURATORS,
  'GET /api/recipes': CURATORS,
  'GET /api/recipes/:id': CURATORS,
  'GET /api/recipes/:id/preview': CURATORS,
  'POST /api/recipes': CURATORS,
  'PUT /api/recipes/:id': CURATORS,
  'POST /api/synthesis/runs/:id/ingest': CURATORS,
  'POST /api/synthesis/runs/:id/ingest/cancel': CURATORS,
  'GET /api/synthesis/runs/:id/decontamination': CURATORS,
  'GET /api/synthesis/runs/:id/coverage': CURATORS,
  'POST /api/evaluations': CURATORS,
  'GET /api/evaluations/:id': CURATORS,
  'GET /api/evaluations/:id/results': CURATORS,
  'POST /api/evaluations/:id/cancel': CURATORS,
  'POST /api/evaluations/:id/resume': CURATORS,
  'GET /api/base-models': CURATORS,
  'POST /api/base-models': CURATORS,
  'GET /api/base-models/:id': CURATORS,
  'DELETE /api/base-models/:id': CURATORS,
  'GET /api/experiment-policies': CURATORS,
  'POST /api/experiment-policies': CURATORS,
  'GET /api/experiment-policies/:id': CURATORS,
  'PATCH /api/experiment-policies/:id': CURATORS,
  'DELETE /api/experiment-policies/:id': CURATORS,
  // issue 13 item 1: researchers and admins run studies, leads read them
  'GET /api/studies': CURATORS,
  'POST /api/studies': ['admin', 'researcher'],
  'GET /api/studies/:id': CURATORS,
  'POST /api/studies/:id/base-models': ['admin', 'researcher'],
  'POST /api/studies/:id/recipes': ['admin', 'researcher'],
  'POST /api/studies/:id/cancel': ['admin', 'researcher'],
  // issue 13 items 2, 4, 7: the growth page's data, charts and files; researchers, leads and admins read them
  'GET /api/growth': CURATORS,
  'GET /api/growth/runs/:experimentId/epochs': CURATORS,
  'GET /api/growth/probe': CURATORS,
  'GET /api/growth/compare': CURATORS,
  'GET /api/growth/export/:file': CURATORS,
  'GET /api/growth/charts/:file': CURATORS,
  'GET /api/experiments': CURATORS,
  'POST /api/experiments': CURATORS,
  'GET /api/experiments/:id': CURATORS,
  'POST /api/experiments/:id/cancel': CURATORS,
  'POST /api/experiments/:id/resume': CURATORS,
  'GET /api/experiments/:id/steps': CURATORS,
  'GET /api/experiments/:id/checkpoints': CURATORS,
  'GET /api/experiments/:id/log': CURATORS,
  'GET /api/experiments/:id/charts/:file': CURATORS,
  'GET /api/experiments/:id/scores': CURATORS,
  'GET /api/experiments/:id/evaluations': CURATORS,
  'GET /api/items/:id/model-answers': CURATORS,
  'GET /api/forecasts': CURATORS,
  'GET /api/forecasts/accuracy': CURATORS,
  'POST /api/guidance/quotas': CURATORS,
  'POST /api/guidance/quotas/apply': ['admin', 'researcher'],
  'GET /api/guidance/hours': CURATORS,
  'GET /api/reviews/pace': LEADS,
  'PUT /api/reviews/pace': LEADS,
  // issue 15 item 1: everyone reads taxonomies and votes; curators edit, import, draft and apply votes
  'GET /api/taxonomies': [...ANY],
  'POST /api/taxonomies': CURATORS,
  'POST /api/taxonomies/import': CURATORS,
  'GET /api/taxonomies/:id': [...ANY],
  'PUT /api/taxonomies/:id': CURATORS,
  'DELETE /api/taxonomies/:id': CURATORS,
  'GET /api/taxonomies/:id/export': [...ANY],
  'GET /api/taxonomies/:id/revisions': [...ANY],
  'GET /api/taxonomies/:id/revisions/:revision': [...ANY],
  'POST /api/taxonomies/:id/nodes': CURATORS,
  'PUT /api/taxonomies/:id/nodes/:nodeId': CURATORS,
  'POST /api/taxonomies/:id/nodes/:nodeId/move': CURATORS,
  'DELETE /api/taxonomies/:id/nodes/:nodeId': CURATORS,
  'PUT /api/taxonomies/:id/nodes/:nodeId/ability': CURATORS,
  'PUT /api/taxonomies/:id/nodes/:nodeId/vote': [...ANY],
  'DELETE /api/taxonomies/:id/nodes/:nodeId/vote': [...ANY],
  'POST /api/taxonomies/:id/apply-votes': CURATORS,
  'POST /api/taxonomies/draft': CURATORS,
  'GET /api/taxonomies/drafts/:runId': CURATORS,
  'POST /api/taxonomies/drafts/:runId/cancel': CURATORS,
  'POST /api/taxonomies/drafts/:runId/resume': CURATORS,
};

function concrete(path: string): string {
  const numeric = ['abilities', 'items', 'revisions', 'distractors', 'reviews', 'base-models', 'experiment-policies', 'studies'].some((p) => path.includes(p));
  return path.replace(/:id|:leaseId/, numeric ? '1' : U).replace(':runId', U);
}

describe('role rules, route by route', () => {
  let t: TestApp;
  const tokens = {} as Record<Role, string>;

  beforeAll(async () => {
    t = await createTestApp();
    for (const role of ANY) tokens[role] = await t.tokenFor(role);
  });

  /** A fresh sign-in of each role (t.tokenFor's users), for after a route that ends its sessions. */
  async function signInAgain() {
    for (const role of ANY) {
      const res = await t.http.post('/api/auth/login').send({ email: `${role}@test.pace`, password: `${role}-password-123` }).expect(200);
      tokens[role] = res.body.accessToken;
    }
  }
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
        const req = t.http[method.toLowerCase() as 'get' | 'post' | 'put' | 'delete'](concrete(path));
        return token ? req.set('Authorization', `Bearer ${token}`).send({}) : req.send({});
      };
      expect((await call()).status).toBe(401);
      expect((await call('not-a-jwt')).status).toBe(401);
      for (const role of ANY) {
        const res = await call(tokens[role]);
        if (allowed.includes(role)) expect([401, 403], `${role} should pass the guard`).not.toContain(res.status);
        else expect(res.status, `${role} must be refused`).toBe(403);
      }
      // issue 14 item 1: logout and logout-all end the sessions the later routes are called with
      if (ENDS_SESSIONS.has(route)) await signInAgain();
    });
  }
});
