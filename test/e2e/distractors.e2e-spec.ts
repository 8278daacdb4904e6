import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertItems } from '../factories/items';
import { createPeople, type Person } from '../utils/people';
import { lease, nextReview, decide } from '../utils/reviews';
import { createTestApp, type TestApp } from '../utils/test-app';

const GOLD = '公元前202年，刘邦击败项羽，建立汉朝，定都长安。第1号答案。';
const FINE = '公元前206年，刘邦击败项羽，建立汉朝，定都洛阳。第1号答案。';
const COARSE = '长安是一座历史悠久的城市，今天有很多名胜古迹值得游览，比如大雁塔和城墙。';

describe('distractor authoring: rules, review by two others, PPL readiness', () => {
  let t: TestApp;
  let a: Person[];
  let lead: Person;
  let itemId: number;

  beforeAll(async () => {
    t = await createTestApp();
    a = await createPeople(t, 'annotator', 3);
    [lead] = await createPeople(t, 'lead', 1);
    [itemId] = await insertItems(t.db, { count: 1, status: 'accepted' });
    await insertItems(t.db, { count: 1, status: 'accepted', questionFormat: 0, split: 'valid' });
    await insertItems(t.db, { count: 1, status: 'accepted', split: 'train' });
  });
  afterAll(() => t.close());

  it('offers only open-ended validation/test items, starting from the gold answer', async () => {
    expect((await t.http.post('/api/distractors/next').set(...a[0].auth).send({})).status).toBe(204);
    await t.http.post('/api/items/split').set(...lead.auth).send({ itemIds: [itemId], split: 'valid' }).expect(200, { updated: 1 });
    const task = await t.http.post('/api/distractors/next').set(...a[0].auth).send({}).expect(200);
    expect(task.body.item).toMatchObject({ id: itemId, gold: GOLD, split: 'valid' });
    expect(task.body.task.kinds).toEqual(['fine', 'coarse']);
    expect(task.body.bounds).toEqual({ fineMaxEditRatio: 0.35, coarseMinEditRatio: 0.5 });
    expect((await t.http.post('/api/distractors/next').set(...a[1].auth).send({})).status).toBe(204);
  });

  it('checks inline with the rules submit applies', async () => {
    const check = (kind: string, text: string) => t.http.post('/api/distractors/check').set(...a[0].auth).send({ itemId, kind, text }).expect(200);
    expect((await check('fine', GOLD)).body).toMatchObject({ ok: false, editRatio: 0, message: expect.stringMatching(/identical/) });
    expect((await check('fine', `  ${GOLD.replace('，', ',').replace('202', '２０２')} `)).body.message).toMatch(/identical/);
    expect((await check('fine', COARSE)).body).toMatchObject({ ok: false, message: expect.stringMatching(/Too far/) });
    expect((await check('coarse', FINE)).body).toMatchObject({ ok: false, message: expect.stringMatching(/Too close/) });
    const fine = (await check('fine', FINE)).body;
    expect(fine.ok).toBe(true);
    expect(fine.editRatio).toBeCloseTo(3 / Array.from(GOLD).length, 3);
    expect((await check('coarse', COARSE)).body.ok).toBe(true);
  });

  it('refuses a bad pair whole, naming each field, then accepts a good one and sends both to review', async () => {
    const task = await t.http.post('/api/distractors/next').set(...a[0].auth).send({}).expect(200);
    const id = task.body.task.id;
    const bad = await t.http.post(`/api/distractors/tasks/${id}/submit`).set(...a[0].auth).send({ fine: GOLD, coarse: FINE, idempotencyKey: 'd1' }).expect(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['fine', 'coarse']);
    const missing = await t.http.post(`/api/distractors/tasks/${id}/submit`).set(...a[0].auth).send({ fine: FINE, idempotencyKey: 'd1' }).expect(422);
    expect(missing.body.errors).toEqual([{ field: 'coarse', message: 'a coarse-grained distractor is required', editRatio: null }]);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM distractors`);
    expect(n).toBe(0);

    const ok = await t.http.post(`/api/distractors/tasks/${id}/submit`).set(...a[0].auth).send({ fine: FINE, coarse: COARSE, idempotencyKey: 'd1' }).expect(200);
    expect(ok.body.distractors.map((d: { kind: string }) => d.kind)).toEqual(['fine', 'coarse']);
    const replay = await t.http.post(`/api/distractors/tasks/${id}/submit`).set(...a[0].auth).send({ fine: FINE, coarse: COARSE, idempotencyKey: 'd1' }).expect(200);
    expect(replay.body).toEqual(ok.body);
    expect((await t.http.post('/api/distractors/next').set(...a[1].auth).send({})).status).toBe(204);

    expect((await nextReview(t, a[0], { kind: 'distractor' })).status).toBe(204);
    for (const reviewer of [a[1], a[2]]) {
      for (let i = 0; i < 2; i++) {
        const l = await lease(t, reviewer, { kind: 'distractor' });
        expect(l.distractor?.text).toBe(l.distractor?.kind === 'fine' ? FINE : COARSE);
        expect(l.item.id).toBe(itemId);
        await decide(t, reviewer, l.lease.id, 'approve').expect(200);
      }
    }
    const [item] = await t.db.query(`SELECT ppl_ready FROM items WHERE id = $1`, [itemId]);
    expect(item.ppl_ready).toBe(true);
    const listed = await t.http.get(`/api/items/${itemId}/distractors`).set(...lead.auth).expect(200);
    expect(listed.body.map((d: { kind: string; status: string }) => [d.kind, d.status])).toEqual([
      ['fine', 'approved'],
      ['coarse', 'approved'],
    ]);
    const audit = await t.db.query(`SELECT entity, action FROM audit_log WHERE entity IN ('distractor') OR action = 'ppl_ready' ORDER BY id`);
    expect(audit.filter((r: { action: string }) => r.action === 'create')).toHaveLength(2);
    expect(audit.filter((r: { action: string }) => r.action === 'status')).toHaveLength(2);
    expect(audit.at(-1)).toEqual({ entity: 'item', action: 'ppl_ready' });
  });

  it('asks again for a kind whose distractor was rejected', async () => {
    const [other] = await insertItems(t.db, { count: 1, status: 'accepted', split: 'test' });
    const task = await t.http.post('/api/distractors/next').set(...a[1].auth).send({}).expect(200);
    expect(task.body.item.id).toBe(other);
    const gold = task.body.item.gold as string;
    await t.http
      .post(`/api/distractors/tasks/${task.body.task.id}/submit`)
      .set(...a[1].auth)
      .send({ fine: gold.replace('202', '203'), coarse: COARSE, idempotencyKey: 'd2' })
      .expect(200);
    for (const reviewer of [a[0], a[2]]) {
      for (let i = 0; i < 2; i++) {
        const l = await lease(t, reviewer, { kind: 'distractor' });
        await decide(t, reviewer, l.lease.id, l.distractor?.kind === 'fine' ? 'reject' : 'approve', { reasons: l.distractor?.kind === 'fine' ? ['other'] : [], comment: 'too obvious' }).expect(200);
      }
    }
    const again = await t.http.post('/api/distractors/next').set(...a[0].auth).send({}).expect(200);
    expect(again.body.item.id).toBe(other);
    expect(again.body.task.kinds).toEqual(['fine']);
  });
});
