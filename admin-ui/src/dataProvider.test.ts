import { describe, expect, it } from 'vitest';
import { dataProvider } from './dataProvider';
import { signedInAs, stubApi } from './test/fakeApi';

describe('dataProvider', () => {
  it('lists in the simple-rest dialect with the bearer token and reads the total from Content-Range', async () => {
    signedInAs('lead');
    const seen = stubApi({ 'GET /api/items': () => ({ body: [{ id: 1 }], headers: { 'Content-Range': 'items 0-0/41' } }) });
    const result = await dataProvider.getList('items', {
      pagination: { page: 2, perPage: 25 },
      sort: { field: 'id', order: 'ASC' },
      filter: { status: 'accepted', q: '光合作用' },
    });
    expect(result).toMatchObject({ data: [{ id: 1 }], total: 41 });
    expect(seen[0].authorization).toBe('Bearer access-1');
    expect(Object.fromEntries(seen[0].search)).toEqual({
      sort: '["id","ASC"]',
      range: '[25,49]',
      filter: '{"status":"accepted","q":"光合作用"}',
    });
  });

  it('updates with the fields the form changed only: the server refuses fields its DTO does not declare', async () => {
    signedInAs('admin');
    const seen = stubApi({ 'PUT /api/users/u1': (req) => ({ body: { id: 'u1', ...(req.body as object) } }) });
    const previousData = { id: 'u1', email: 'a@pace.test', name: 'A', role: 'annotator', active: true, createdAt: '2025-01-01' };
    await dataProvider.update('users', { id: 'u1', previousData, data: { ...previousData, role: 'lead', password: null } });
    expect(seen[0].body).toEqual({ role: 'lead' });
  });
});
