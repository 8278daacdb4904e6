import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadImport, waitForImport } from '../utils/imports';
import { createPeople, type Person } from '../utils/people';
import { createTestApp, type TestApp } from '../utils/test-app';

/** Topics far apart, so that one import's records are no near duplicates of another's. */
const TOPICS: Record<string, [string, string, string, string]> = {
  none: ['请解释光合作用中光反应与暗反应的区别。', '光反应在类囊体膜上进行，产生ATP和NADPH；暗反应在基质中固定二氧化碳。', 'Explain why the Roman Republic became an empire under Augustus.', 'Civil wars weakened the Senate, and Augustus concentrated power while keeping republican forms.'],
  single: ['简述唐朝科举制度对社会流动的影响。', '科举使寒门子弟得以通过考试入仕，削弱了门阀士族对官职的垄断。', 'Write a Python function that reverses a linked list in place.', 'Walk the list keeping prev and current pointers, pointing each node back to prev, and return prev at the end.'],
  dual: ['如何判断一个整数是否为质数？请给出思路。', '只需检验2到其平方根之间的整数能否整除它，若都不能整除则为质数。', 'Describe the water cycle from evaporation to precipitation.', 'Sun heats oceans, vapour rises and condenses into clouds, and droplets grow until they fall as rain or snow.'],
};

/** An alpaca file of three records (`tag` picks the topics): the last repeats the first. */
async function alpacaFile(dir: string, tag: string): Promise<string> {
  const path = join(dir, `${tag}.jsonl`);
  const [q1, a1, q2, a2] = TOPICS[tag] ?? TOPICS.dual;
  const records = [
    { instruction: q1, output: a1 },
    { instruction: q2, output: a2 },
    { instruction: q1, output: a1 },
  ];
  await writeFile(path, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return path;
}

describe('review mode at import (issue 15 item 4): dual by default, single or none only for synthetic sources', () => {
  let t: TestApp;
  let curator: Person;
  let dir: string;
  let syntheticId: string;
  let curationId: string;

  beforeAll(async () => {
    t = await createTestApp();
    [curator] = await createPeople(t, 'lead', 1);
    dir = await mkdtemp(join(tmpdir(), 'pace-review-mode-'));
    [{ id: syntheticId }] = await t.db.query(`INSERT INTO sources (name, kind) VALUES ('glan-test', 'synthetic') RETURNING id`);
    [{ id: curationId }] = await t.db.query(`INSERT INTO sources (name, kind, license) VALUES ('curated-test', 'curation', 'CC-BY-4.0') RETURNING id`);
  }, 120_000);
  afterAll(() => t?.close());

  async function importWith(tag: string, fields: Record<string, string>) {
    const { id } = await uploadImport(t, curator.token, await alpacaFile(dir, tag), { adapter: 'alpaca', ability: 'biology', ...fields });
    const done = await waitForImport(t, curator.token, id);
    const items: Array<{ id: string; status: string; review_mode: string; raw_line: number }> = await t.db.query(
      'SELECT id, status, review_mode, raw_line FROM items WHERE import_id = $1 ORDER BY raw_line',
      [id],
    );
    return { done, items };
  }

  it('none: items of a synthetic source are created accepted, say so, and are audited as accepted without review; a duplicate stays a duplicate', async () => {
    const { done, items } = await importWith('none', { sourceId: syntheticId, reviewMode: 'none' });
    expect(done).toMatchObject({ status: 'completed', reviewMode: 'none', itemsCreated: 2, exactDuplicates: 1 });
    expect(items.map((i) => [i.raw_line, i.status, i.review_mode])).toEqual([
      [1, 'accepted', 'none'],
      [2, 'accepted', 'none'],
      [3, 'duplicate', 'none'],
    ]);
    const audit = await t.db.query(
      `SELECT entity_id, actor_id, after FROM audit_log WHERE entity = 'item' AND action = 'accept_without_review' AND entity_id = ANY($1) ORDER BY entity_id::bigint`,
      [items.map((i) => String(i.id))],
    );
    expect(audit.map((a: { entity_id: string }) => a.entity_id)).toEqual([String(items[0].id), String(items[1].id)]);
    expect(audit[0]).toMatchObject({ actor_id: curator.id, after: { status: 'accepted', reviewMode: 'none', importId: done.id } });

    // a lead who finds the duplicate distinct overrules it: accepted like the originals (no review round would take it)
    const overruled = await t.http.post(`/api/items/${items[2].id}/overrule-duplicate`).set(...curator.auth);
    expect(overruled.status, JSON.stringify(overruled.body)).toBe(200);
    expect(overruled.body).toMatchObject({ status: 'accepted', reviewMode: 'none' });
    const [entry] = await t.db.query(`SELECT actor_id, before, after FROM audit_log WHERE entity = 'item' AND entity_id = $1 AND action = 'overrule_duplicate'`, [String(items[2].id)]);
    expect(entry).toMatchObject({ actor_id: curator.id, before: { status: 'duplicate' }, after: { status: 'accepted' } });
  });

  it('single: items of a synthetic source wait for review as usual and carry their mode', async () => {
    const { done, items } = await importWith('single', { sourceId: syntheticId, reviewMode: 'single' });
    expect(done).toMatchObject({ status: 'completed', reviewMode: 'single' });
    expect(items.map((i) => [i.status, i.review_mode])).toEqual([
      ['pending_review', 'single'],
      ['pending_review', 'single'],
      ['duplicate', 'single'],
    ]);
  });

  it('dual is the default, on any source', async () => {
    const { done, items } = await importWith('dual', { sourceId: curationId });
    expect(done).toMatchObject({ status: 'completed', reviewMode: 'dual' });
    expect(items.map((i) => [i.status, i.review_mode])).toEqual([
      ['pending_review', 'dual'],
      ['pending_review', 'dual'],
      ['duplicate', 'dual'],
    ]);
  });

  it('single or none on a curation source is refused with 422 naming reviewMode, and nothing is registered', async () => {
    const before = await t.db.query('SELECT count(*)::int AS n FROM imports');
    for (const mode of ['single', 'none']) {
      const res = await t.http
        .post('/api/imports')
        .set(...curator.auth)
        .attach('file', await alpacaFile(dir, `refused-${mode}`))
        .field('adapter', 'alpaca')
        .field('sourceId', curationId)
        .field('reviewMode', mode);
      expect(res.status, JSON.stringify(res.body)).toBe(422);
      expect(res.body.message).toMatch(new RegExp(`^reviewMode: review mode "${mode}" is only for synthetic sources; source "curated-test" is of kind "curation"`));
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'reviewMode' })]);
    }
    expect(await t.db.query('SELECT count(*)::int AS n FROM imports')).toEqual(before);
  });

  it('an unknown review mode is refused naming the field', async () => {
    const res = await t.http.post('/api/imports').set(...curator.auth).attach('file', await alpacaFile(dir, 'bad')).field('adapter', 'alpaca').field('reviewMode', 'triple');
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(/reviewMode: expected one of dual, single, none/);
  });

  it('the database refuses a non-dual item of a non-synthetic source whatever path writes it (the trigger behind the check)', async () => {
    await expect(t.db.query(`UPDATE items SET review_mode = 'none' WHERE source_id = $1`, [curationId])).rejects.toThrow(/only for synthetic sources/);
  });

  it('the database refuses an accepted item that an import in progress creates in review mode dual or single (only none may)', async () => {
    const [imp] = await t.db.query(
      `INSERT INTO imports (source_id, adapter, format, file_path, original_name, status, review_mode) VALUES ($1, 'alpaca', 'jsonl', 'x', 'x.jsonl', 'running', 'single') RETURNING id`,
      [syntheticId],
    );
    const insert = (mode: string) =>
      t.db.query(
        `INSERT INTO items (ability_id, source_id, import_id, raw_file, raw_line, messages, question_format, answer_type, status, content_hash, minhash, lsh_keys, review_mode)
         VALUES ((SELECT id FROM abilities WHERE key = 'biology'), $1, $2, 'x.jsonl', 1, '[]', 1, 'open', 'accepted', sha256(convert_to($3, 'UTF8')), '\\x'::bytea, '{}', $3)`,
        [syntheticId, imp.id, mode],
      );
    await expect(insert('single')).rejects.toThrow(/creates accepted items only in review mode none/);
    await expect(insert('dual')).rejects.toThrow(/creates accepted items only in review mode none/);
    await expect(insert('none')).resolves.toBeDefined();
  });
});
