import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chineseQa, writeJsonl } from '../factories/records';
import { uploadImport, waitForImport } from '../utils/imports';
import { createPeople, type Person } from '../utils/people';
import { listRoutes } from '../utils/routes';
import { createTestApp, type TestApp } from '../utils/test-app';

/** `{"a":{"a":…1…}}` nested `depth` levels, as raw JSON text (built as text: JSON.stringify would recurse). */
const deepJson = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

/**
 * Issue 14 items 6 and 7: odd input is a 400 naming the field, never a 500, and no response of the import and item
 * routes carries a path on the server.
 */
describe('odd requests get 400s naming the field; responses carry no server paths (issue 14 items 6, 7)', () => {
  let t: TestApp;
  let admin: Person;
  let files: string;

  const get = (url: string) => t.http.get(url).set(...admin.auth);

  beforeAll(async () => {
    t = await createTestApp();
    [admin] = await createPeople(t, 'admin', 1);
    files = await mkdtemp(join(tmpdir(), 'pace-odd-'));
  });
  afterAll(async () => {
    await t.close();
    await rm(files, { recursive: true, force: true });
  });

  it('item 6, reported case: an object where a filter takes a value is a 400 naming filter.<field> (items, disagreements)', async () => {
    for (const url of ['/api/items', '/api/reviews/disagreements']) {
      const res = await get(url).query({ filter: JSON.stringify({ abilityId: { $gt: 0 } }) }).expect(400);
      expect(res.body.message, url).toMatch(/^filter\.abilityId: must be a whole number/);
      expect(res.body.errors[0].field).toBe('filter.abilityId');
    }
    // each known field typed: an id that is no UUID, a number past int4, a word where a boolean goes
    expect((await get('/api/items').query({ filter: '{"sourceId":"abc"}' }).expect(400)).body.message).toBe('filter.sourceId: must be an id (a UUID), got "abc"');
    expect((await get('/api/exports').query({ filter: '{"versionId":99999999999}' }).expect(400)).body.errors[0].field).toBe('filter.versionId');
    expect((await get('/api/recipes').query({ filter: '{"builtin":"yes"}' }).expect(400)).body.errors[0].field).toBe('filter.builtin');
    expect((await get('/api/experiments').query({ filter: '{"versionId":[1,{"x":1}]}' }).expect(400)).body.errors[0].field).toBe('filter.versionId[1]');
    // a field the route does not filter on may not smuggle an object either; the filter itself must be an object
    expect((await get('/api/users').query({ filter: '{"nope":{"$ne":1}}' }).expect(400)).body.message).toMatch(/^filter\.nope: /);
    expect((await get('/api/items').query({ filter: '[1,2]' }).expect(400)).body.message).toMatch(/^filter: expected a JSON object/);
    expect((await get('/api/items').query({ sort: '{}' }).expect(400)).body.message).toMatch(/^sort: /);
    expect((await get('/api/items').query({ range: '{"a":1}' }).expect(400)).body.message).toMatch(/^range: /);
    // what the UI sends still works: numbers as strings from the URL, lists of ids (getMany), cleared fields
    await get('/api/items').query({ filter: '{"abilityId":"3","status":"accepted","q":""}' }).expect(200);
    await get('/api/items').query({ filter: '{"id":[1,2,3]}' }).expect(200);
    await get('/api/experiments').query({ filter: '{"status":["queued","running"],"versionId":null}' }).expect(200);
  });

  it('item 6: every list route answers odd filters, sorts and ranges without a 500', async () => {
    const odd = [
      { filter: '{"abilityId":{"$gt":0}}' },
      { filter: '{"id":{"a":[1]},"q":[{"x":1}]}' },
      { filter: '"text"' },
      { filter: '{"versionId":"abc","status":7,"sourceId":"x","importId":1,"shots":-1,"builtin":1,"reason":{}}' },
      { filter: '{"__proto__":{"x":1},"constructor":1}' },
      { sort: '5' },
      { sort: '[{"a":1},"ASC"]' },
      { range: '"x"' },
      { range: '[{},1]' },
      // every parameter twice (Express makes a list of it) or with brackets (an object, with an extended parser)
      ['kind', 'suite', 'ability', 'split', 'shots', 'format', 'locale', 'after', 'studyId', 'abilityId', 'versionId', 'filter', 'sort', 'range', 'q']
        .flatMap((k) => [`${k}=1`, `${k}=2`, `${k}[$gt]=0`])
        .join('&'),
    ];
    const gets = listRoutes(t.app)
      .filter((r) => r.startsWith('GET /api/') && !r.startsWith('GET /api/docs'))
      .map((r) => r.slice(4).replace(/:\w+/g, '1'));
    expect(gets).toContain('/api/items');
    const fiveHundreds: string[] = [];
    for (const path of gets) {
      for (const query of odd) {
        const res = await get(path).query(query);
        if (res.status >= 500) fiveHundreds.push(`${path} ${JSON.stringify(query)}: ${res.status} ${JSON.stringify(res.body)}`);
      }
    }
    expect(fiveHundreds).toEqual([]);
  });

  it('item 6, reported case: JSON nested thousands deep in notes or a recipe spec is a 400 naming the field', async () => {
    const notes = await t.http.post('/api/base-models').set(...admin.auth).set('Content-Type', 'application/json').send(`{"name":"m","path":"/x","notes":${deepJson(5000)}}`).expect(400);
    expect(notes.body).toEqual({ message: 'notes: nested deeper than 64 levels', errors: [{ field: 'notes', message: 'nested deeper than 64 levels' }] });
    const spec = await t.http.post('/api/recipes').set(...admin.auth).set('Content-Type', 'application/json').send(`{"name":"r","spec":${deepJson(5000)}}`).expect(400);
    expect(spec.body.errors[0]).toEqual({ field: 'spec', message: 'nested deeper than 64 levels' });
    const root = await t.http.put('/api/reviews/pace').set(...admin.auth).set('Content-Type', 'application/json').send('['.repeat(3000) + ']'.repeat(3000)).expect(400);
    expect(root.body.errors[0].field).toBe('[0]');
    // a legitimately nested body (30 levels) gets past the check to the route's own validation
    const fine = await t.http.post('/api/recipes').set(...admin.auth).set('Content-Type', 'application/json').send(`{"name":"r","spec":${deepJson(30)}}`);
    expect(fine.status).not.toBe(500);
    expect(JSON.stringify(fine.body)).not.toMatch(/nested deeper/);
  });

  it('item 6: a body nested 5000 deep is a 400 on every route that takes one', async () => {
    const writes = listRoutes(t.app)
      .filter((r) => /^(POST|PUT|PATCH) \/api\//.test(r))
      .map((r) => r.split(' ') as [string, string]);
    expect(writes.length).toBeGreaterThan(20);
    const wrong: string[] = [];
    for (const [method, path] of writes) {
      const res = await t.http[method.toLowerCase() as 'post' | 'put' | 'patch'](path.replace(/:\w+/g, '1'))
        .set(...admin.auth)
        .set('Content-Type', 'application/json')
        .send(`{"notes":${deepJson(5000)},"spec":${deepJson(5000)}}`);
      if (res.status !== 400 || !/nested deeper than 64 levels/.test(res.body.message)) wrong.push(`${method} ${path}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('item 7: no response of the import and item routes carries the data folder or another absolute path', async () => {
    const original = chineseQa(1);
    await writeJsonl(join(files, 'batch.jsonl'), [original, chineseQa(2), original, { messages: 'not a list' }]);
    const created = await t.http.post('/api/imports').set(...admin.auth).attach('file', join(files, 'batch.jsonl')).field('sourceName', 'odd').field('ability', 'history').expect(201);
    expect(created.body.filePath).toBe('batch.jsonl');
    const done = await waitForImport(t, admin.token, created.body.id);
    expect(done).toMatchObject({ status: 'completed', exactDuplicates: 1, errorCount: 1, filePath: 'batch.jsonl' });
    const [{ file_path: stored }] = await t.db.query('SELECT file_path FROM imports WHERE id = $1', [done.id]);
    expect(stored.startsWith(t.dataDir)).toBe(true); // the server still knows where it keeps the file

    const [{ id: duplicateId }] = await t.db.query(`SELECT id FROM items WHERE import_id = $1 AND status = 'duplicate'`, [done.id]);
    const responses = {
      post: created.body,
      list: (await get('/api/imports').expect(200)).body,
      one: (await get(`/api/imports/${done.id}`).expect(200)).body,
      errors: (await get(`/api/imports/${done.id}/errors`).expect(200)).body,
      items: (await get('/api/items').query({ filter: JSON.stringify({ importId: done.id }) }).expect(200)).body,
      item: (await get(`/api/items/${duplicateId}`).expect(200)).body,
      overruled: (await t.http.post(`/api/items/${duplicateId}/overrule-duplicate`).set(...admin.auth).expect(200)).body,
    };
    expect(responses.items.map((i: { rawFile: string }) => i.rawFile)).toEqual(['batch.jsonl', 'batch.jsonl', 'batch.jsonl']);
    expect(responses.item.duplicate.rawFile).toBe('batch.jsonl');
    for (const [name, body] of Object.entries(responses)) {
      const text = JSON.stringify(body);
      expect(text, name).not.toContain(t.dataDir);
      expect(text, name).not.toContain(tmpdir());
      expect(text, name).not.toMatch(/"(\/|[A-Za-z]:\\\\)[^"]*(uploads|pace-)/);
    }
  });
});
