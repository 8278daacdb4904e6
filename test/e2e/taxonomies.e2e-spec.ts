import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, recorder } from '../utils/socket-events';
import { createTestApp, TestApp } from '../utils/test-app';

type Node = { id: string; name: string; abilityKey?: string; children: Node[] };

describe('taxonomy API: editable tree, revisions, import/export, votes (issue 15 item 1)', () => {
  let t: TestApp;
  const auth = {} as Record<'admin' | 'lead' | 'annotator' | 'researcher', [string, string]>;
  let socket: Socket;
  let events: ReturnType<typeof recorder>;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    for (const role of ['admin', 'lead', 'annotator', 'researcher'] as const) auth[role] = ['Authorization', `Bearer ${await t.tokenFor(role)}`];
    socket = await connect(t, auth.annotator[1].slice(7));
    events = recorder(socket, ['taxonomy.updated']);
    expect((await socket.emitWithAck('subscribe', { room: 'taxonomies' })).ok).toBe(true);
  });
  afterAll(async () => {
    socket?.close();
    await t.close();
  });

  const addNode = async (id: string, base: string, parentId: string | null, name: string) => {
    const res = await t.http.post(`/api/taxonomies/${id}/nodes`).set(...auth.lead).send({ baseRevision: base, parentId, name }).expect(201);
    return res.body as { revision: string; tree: { fields: Node[] }; change: { node: string } };
  };

  it('issue 15 item 1: creates, adds, renames, moves, maps and deletes nodes, each a kept revision; a stale base revision is a 409 naming the current one', async () => {
    const created = await t.http.post('/api/taxonomies').set(...auth.researcher).send({ name: '知识分类 A', language: 'zh' }).expect(201);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({ name: '知识分类 A', language: 'zh', tree: { fields: [] }, fieldCount: 0, disciplineCount: 0 });
    let rev = created.body.revision as string;

    const sci = await addNode(id, rev, null, '自然科学');
    const fieldId = sci.change.node;
    const phys = await addNode(id, sci.revision, fieldId, '物理学');
    const physId = phys.change.node;
    const mech = await addNode(id, phys.revision, physId, '力学');
    const opt = await addNode(id, mech.revision, physId, '光学');
    const hum = await addNode(id, opt.revision, null, 'Humanities');
    const hist = await addNode(id, hum.revision, hum.change.node, 'History');
    rev = hist.revision;
    expect(hist.tree.fields.map((f) => f.name)).toEqual(['自然科学', 'Humanities']);

    // a sibling with the same name key is refused, naming the path
    const clash = await t.http.post(`/api/taxonomies/${id}/nodes`).set(...auth.lead).send({ baseRevision: rev, parentId: physId, name: ' 力学 ' }).expect(422);
    expect(clash.body.errors[0].field).toBe('自然科学 / 物理学 / 力学');

    const renamed = await t.http.put(`/api/taxonomies/${id}/nodes/${opt.change.node}`).set(...auth.lead).send({ baseRevision: rev, name: '光学与光子学' }).expect(200);
    expect(renamed.body.revision).not.toBe(rev);
    rev = renamed.body.revision;

    // the whole sub-field moves under Humanities, first position, disciplines with it
    const moved = await t.http.post(`/api/taxonomies/${id}/nodes/${physId}/move`).set(...auth.lead).send({ baseRevision: rev, parentId: hum.change.node, index: 0 }).expect(201);
    const movedTree = moved.body.tree as { fields: Node[] };
    expect(movedTree.fields[1].children.map((c) => c.name)).toEqual(['物理学', 'History']);
    expect(movedTree.fields[1].children[0].children.map((c) => c.name)).toEqual(['力学', '光学与光子学']);
    expect(movedTree.fields[0].children).toEqual([]);
    rev = moved.body.revision;

    // ability mapping: disciplines only, and the key must exist
    const mechId = mech.change.node;
    const mapped = await t.http.put(`/api/taxonomies/${id}/nodes/${mechId}/ability`).set(...auth.lead).send({ baseRevision: rev, abilityKey: 'logical_reasoning' }).expect(200);
    expect(mapped.body.tree.fields[1].children[0].children[0]).toMatchObject({ name: '力学', abilityKey: 'logical_reasoning' });
    rev = mapped.body.revision;
    const noSuch = await t.http.put(`/api/taxonomies/${id}/nodes/${mechId}/ability`).set(...auth.lead).send({ baseRevision: rev, abilityKey: 'astrology' }).expect(422);
    expect(noSuch.body.errors).toEqual([{ field: 'abilityKey', message: 'no ability with key "astrology"' }]);
    const notDiscipline = await t.http.put(`/api/taxonomies/${id}/nodes/${physId}/ability`).set(...auth.lead).send({ baseRevision: rev, abilityKey: 'history' }).expect(422);
    expect(notDiscipline.body.errors[0].message).toMatch(/only a discipline maps to an ability; this is a sub-field/);

    // a write on a revision someone else already moved past: 409 with the current revision, nothing saved
    const stale = await t.http.post(`/api/taxonomies/${id}/nodes`).set(...auth.researcher).send({ baseRevision: moved.body.revision, parentId: null, name: 'Arts' }).expect(409);
    expect(stale.body.errors).toEqual([{ field: 'baseRevision', message: 'not the current revision', current: rev }]);
    expect((await t.http.get(`/api/taxonomies/${id}`).set(...auth.annotator).expect(200)).body.revision).toBe(rev);
    // two writers on the same revision at once: one saves, the other is told to reload — no edit is lost silently
    const race = await Promise.all(
      ['Arts', 'Law'].map((name) => t.http.post(`/api/taxonomies/${id}/nodes`).set(...auth.lead).send({ baseRevision: rev, parentId: null, name })),
    );
    expect(race.map((r) => r.status).sort()).toEqual([201, 409]);
    const winner = race.find((r) => r.status === 201)!;
    rev = winner.body.revision;
    rev = (await t.http.delete(`/api/taxonomies/${id}/nodes/${winner.body.change.node}`).query({ baseRevision: rev }).set(...auth.lead).expect(200)).body.revision;

    // deleting the sub-field removes its disciplines
    const del = await t.http.delete(`/api/taxonomies/${id}/nodes/${physId}`).query({ baseRevision: rev }).set(...auth.lead).expect(200);
    expect(del.body.change.removed.sort()).toEqual([physId, mechId, opt.change.node].sort());
    expect(del.body.tree.fields[1].children.map((c: Node) => c.name)).toEqual(['History']);
    expect(del.body).toMatchObject({ fieldCount: 2, disciplineCount: 0 });

    // every saved tree is kept and readable
    const revisions = await t.http.get(`/api/taxonomies/${id}/revisions`).set(...auth.annotator).expect(200);
    expect(revisions.body).toHaveLength(12); // adding and deleting a field came back to a kept revision: kept once
    const old = await t.http.get(`/api/taxonomies/${id}/revisions/${moved.body.revision}`).set(...auth.annotator).expect(200);
    expect(old.body.tree).toEqual(movedTree);
    await t.http.get(`/api/taxonomies/${id}/revisions/${'0'.repeat(64)}`).set(...auth.annotator).expect(404);

    const audit = await t.db.query(`SELECT action FROM audit_log WHERE entity = 'taxonomy' AND entity_id = $1 ORDER BY id`, [id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['create', ...Array(6).fill('node.create'), 'node.rename', 'node.move', 'node.ability', 'node.create', 'node.delete', 'node.delete']);
    await events.waitFor('taxonomy.updated', (e) => e.id === id && e.action === 'node.delete' && e.revision === del.body.revision);

    // the taxonomy itself: renamed, listed, deleted
    await t.http.put(`/api/taxonomies/${id}`).set(...auth.lead).send({ name: '知识分类 B' }).expect(200);
    const list = await t.http.get('/api/taxonomies').query({ filter: JSON.stringify({ q: '分类' }) }).set(...auth.annotator).expect(200);
    expect(list.headers['content-range']).toBe('taxonomies 0-0/1');
    expect(list.body[0]).toMatchObject({ id, name: '知识分类 B', fieldCount: 2 });
    // not while a generation run names it (its revisions are the trees the run used)
    await t.db.query(`INSERT INTO synthesis_runs (kind, name, taxonomy_id, taxonomy_revision) VALUES ('generation', 'g', $1, $2)`, [id, del.body.revision]);
    const used = await t.http.delete(`/api/taxonomies/${id}`).set(...auth.lead).expect(409);
    expect(used.body.message).toMatch(/used by 1 generation run/);
    await t.db.query(`DELETE FROM synthesis_runs WHERE taxonomy_id = $1`, [id]);
    await t.http.delete(`/api/taxonomies/${id}`).set(...auth.lead).expect(200);
    await t.http.get(`/api/taxonomies/${id}`).set(...auth.lead).expect(404);
  });

  it('issue 15 item 1: import refuses bad JSON naming each JSON path and creates nothing; export → import → export is byte-identical', async () => {
    const bad = {
      fields: [
        { name: 'Science', children: [{ name: 'Physics', children: [{ name: '' }, { name: 'Optics', abilityKey: 'history', children: [{ name: 'too deep' }] }] }] },
        { name: 'science' },
        { name: 'Arts', colour: 'red' },
      ],
    };
    const refused = await t.http.post('/api/taxonomies').set(...auth.lead).send({ name: 'bad', json: bad }).expect(422);
    expect(refused.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(
      ['fields[0].children[0].children[0].name', 'fields[0].children[0].children[1].children', 'fields[1].name', 'fields[2].colour'].sort(),
    );
    const notJson = await t.http.post('/api/taxonomies/import').set(...auth.lead).field('name', 'bad2').attach('file', Buffer.from('{"fields": [ {"name": "x"},'), 'bad.json').expect(422);
    expect(notJson.body.errors[0].field).toBe('(document)');
    expect((await t.http.get('/api/taxonomies').set(...auth.lead).expect(200)).body.map((x: { name: string }) => x.name)).not.toContain('bad');

    const doc = {
      fields: [
        { name: '数学', children: [{ name: '代数', children: [{ name: '线性代数', abilityKey: 'cot_math' }, { name: '抽象代数' }] }] },
        { name: 'Engineering', children: [{ name: 'Computing', children: [{ name: 'Compilers', abilityKey: 'code' }] }, { name: 'Civil' }] },
      ],
    };
    const imported = await t.http.post('/api/taxonomies/import').set(...auth.lead).field('name', 'round trip').field('language', 'zh').attach('file', Buffer.from(`\uFEFF${JSON.stringify(doc)}`), 'tax.json').expect(201);
    const first = await t.http.get(`/api/taxonomies/${imported.body.id}/export`).set(...auth.annotator).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(first.headers['content-type']).toMatch(/application\/json/);
    expect(first.headers['content-disposition']).toMatch(/attachment/);
    const again = await t.http.post('/api/taxonomies/import').set(...auth.lead).field('name', 'round trip 2').attach('file', first.body, 'export.json').expect(201);
    expect(again.body.revision).toBe(imported.body.revision);
    const second = await t.http.get(`/api/taxonomies/${again.body.id}/export`).set(...auth.annotator).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(Buffer.compare(first.body, second.body)).toBe(0);
    expect(JSON.parse(first.body.toString('utf8')).fields[0].children[0].children[0]).toMatchObject({ name: '线性代数', abilityKey: 'cot_math' });
  });

  it('issue 15 item 1: every role votes (annotators cannot edit); apply-votes removes by majority with the subtree, a tie keeps, as a new revision', async () => {
    const doc = {
      fields: [
        { name: 'Science', children: [{ name: 'Physics', children: [{ name: 'Mechanics' }, { name: 'Optics' }] }, { name: 'Astrology', children: [{ name: 'Horoscopes' }] }] },
        { name: 'Cooking', children: [{ name: 'Baking', children: [{ name: 'Bread' }] }] },
      ],
    };
    const made = await t.http.post('/api/taxonomies').set(...auth.lead).send({ name: 'votes', json: doc }).expect(201);
    const id = made.body.id as string;
    const tree = made.body.tree as { fields: Node[] };
    const astrology = tree.fields[0].children[1];
    const cooking = tree.fields[1];
    const base = made.body.revision as string;

    // annotators read and vote but never edit
    await t.http.post(`/api/taxonomies/${id}/nodes`).set(...auth.annotator).send({ baseRevision: base, parentId: null, name: 'X' }).expect(403);
    await t.http.post(`/api/taxonomies/${id}/apply-votes`).set(...auth.annotator).send({ baseRevision: base }).expect(403);

    const vote = (role: keyof typeof auth, nodeId: string, decision: string) => t.http.put(`/api/taxonomies/${id}/nodes/${nodeId}/vote`).set(...auth[role]).send({ decision });
    await vote('annotator', astrology.id, 'keep').expect(200);
    const changed = await vote('annotator', astrology.id, 'remove').expect(200); // changeable: the last vote counts
    expect(changed.body).toEqual({ keep: 0, remove: 1, mine: 'remove' });
    await vote('lead', astrology.id, 'remove').expect(200);
    await vote('researcher', astrology.id, 'keep').expect(200);
    await vote('annotator', cooking.id, 'remove').expect(200);
    await vote('lead', cooking.id, 'keep').expect(200);
    await vote('researcher', cooking.id, 'remove').expect(200);
    const withdrawn = await t.http.delete(`/api/taxonomies/${id}/nodes/${cooking.id}/vote`).set(...auth.researcher).expect(200);
    expect(withdrawn.body).toEqual({ keep: 1, remove: 1, mine: null });
    await vote('annotator', 'no-such-node', 'keep').expect(404);
    await vote('annotator', cooking.id, 'maybe').expect(400);

    const seen = await t.http.get(`/api/taxonomies/${id}`).set(...auth.annotator).expect(200);
    expect(seen.body.votes[astrology.id]).toEqual({ keep: 1, remove: 2, mine: 'remove' });
    expect(seen.body.votes[cooking.id]).toEqual({ keep: 1, remove: 1, mine: 'remove' });
    await events.waitFor('taxonomy.updated', (e) => e.id === id && e.action === 'vote');

    const applied = await t.http.post(`/api/taxonomies/${id}/apply-votes`).set(...auth.researcher).send({ baseRevision: base }).expect(201);
    expect(applied.body.previousRevision).toBe(base);
    expect(applied.body.taxonomy.revision).not.toBe(base);
    expect(applied.body.removed.sort()).toEqual([astrology.id, astrology.children[0].id].sort());
    const byId = Object.fromEntries(applied.body.outcomes.map((o: { nodeId: string }) => [o.nodeId, o]));
    expect(byId[astrology.id]).toMatchObject({ outcome: 'removed', keep: 1, remove: 2, reason: '2 remove to 1 keep' });
    expect(byId[astrology.children[0].id]).toMatchObject({ outcome: 'removed with an ancestor' });
    expect(byId[cooking.id]).toMatchObject({ outcome: 'kept', keep: 1, remove: 1 });
    expect(byId[cooking.id].reason).toMatch(/tie/);
    expect(applied.body.taxonomy.tree.fields[0].children.map((c: Node) => c.name)).toEqual(['Physics']);
    expect(applied.body.taxonomy.tree.fields.map((f: Node) => f.name)).toEqual(['Science', 'Cooking']);
    // the removed nodes' votes are gone; the kept node's stay
    expect(Object.keys(applied.body.taxonomy.votes)).toEqual([cooking.id]);
    const revisions = await t.http.get(`/api/taxonomies/${id}/revisions`).set(...auth.annotator).expect(200);
    expect(revisions.body.map((r: { revision: string }) => r.revision).sort()).toEqual([base, applied.body.taxonomy.revision].sort());
    // applying on the old revision again is stale
    await t.http.post(`/api/taxonomies/${id}/apply-votes`).set(...auth.lead).send({ baseRevision: base }).expect(409);
    const audit = await t.db.query(`SELECT action FROM audit_log WHERE entity = 'taxonomy_vote' ORDER BY id`);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['vote', 'change', 'vote', 'vote', 'vote', 'vote', 'vote', 'withdraw']);
  });
});
