import { TokensService } from '../../server/auth/tokens.service';
import { JwtService } from '@nestjs/jwt';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventsService } from '../../server/events/events.service';
import { insertItems } from '../factories/items';
import { createPeople, type Person } from '../utils/people';
import { decide, lease } from '../utils/reviews';
import { connect, recorder } from '../utils/socket-events';
import { createTestApp, type TestApp } from '../utils/test-app';

const LIVE = ['round.decided', 'agreement.updated', 'import.progress', 'review.submitted'];

// issue 14 item 2 (and item 6's socket rooms): live sockets follow the user's current rights, on every server instance.
describe('live sockets follow the user’s rights (two server instances on one database)', () => {
  let one: TestApp;
  let two: TestApp;
  let annotators: Person[];
  let admin: Person;
  const sockets: Socket[] = [];

  const open = async (t: TestApp, p: Person) => {
    const socket = await connect(t, p.token);
    sockets.push(socket);
    return socket;
  };
  const subscribe = (s: Socket, room: unknown) => s.timeout(3000).emitWithAck('subscribe', { room });
  const setUser = (p: Person, body: Record<string, unknown>) => one.http.put(`/api/users/${p.id}`).set(...admin.auth).send(body).expect(200);
  const disconnected = (s: Socket) => new Promise<string>((res) => (s.disconnected ? res('already') : s.once('disconnect', res)));

  /** A decided round (round.decided to `leads`, then agreement.updated) driven through instance one. */
  async function decideARound(): Promise<number> {
    const [itemId] = await insertItems(one.db, { count: 1 });
    for (const a of annotators) {
      const l = await lease(one, a);
      await decide(one, a, l.lease.id, 'approve').expect(200);
    }
    return itemId;
  }

  beforeAll(async () => {
    one = await createTestApp({ LIVE_STATS_INTERVAL_MS: '200' });
    two = await createTestApp({ LIVE_STATS_INTERVAL_MS: '200' }, one);
    await one.app.listen(0, '127.0.0.1');
    await two.app.listen(0, '127.0.0.1');
    annotators = await createPeople(one, 'annotator', 2);
    [admin] = await createPeople(one, 'admin', 1);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await two?.close();
    await one?.close();
  });

  it('issue 14 item 2: a demoted and a deactivated lead (sockets on both instances) receive no more decisions, agreement or import events, while a control lead receives them', async () => {
    const [control, demoted, deactivated] = await createPeople(one, 'lead', 3);
    const watched = new Map<string, { socket: Socket; seen: ReturnType<typeof recorder> }>();
    for (const [name, p] of [['control', control], ['demoted', demoted], ['deactivated', deactivated]] as const) {
      for (const [where, t] of [['one', one], ['two', two]] as const) {
        const socket = await open(t, p);
        expect(await subscribe(socket, 'leads')).toMatchObject({ ok: true });
        expect(await subscribe(socket, 'imports')).toMatchObject({ ok: true });
        watched.set(`${name}@${where}`, { socket, seen: recorder(socket, LIVE) });
      }
    }
    // before the change, all six receive room events alike
    await one.app.get(EventsService).publish('imports', 'import.progress', { id: 'before' });
    for (const [key, w] of watched) expect(await w.seen.waitFor('import.progress', (d) => d.id === 'before'), key).toEqual({ id: 'before' });
    const affected = [...watched].filter(([key]) => !key.startsWith('control')).map(([key, w]) => [key, w] as const);
    const gone = affected.map(([, w]) => disconnected(w.socket));
    for (const [, w] of affected) w.seen.seen.length = 0;

    // the changes are made through instance one; the events follow at once, before any disconnect is awaited
    await setUser(demoted, { role: 'annotator' });
    await setUser(deactivated, { active: false });
    const itemId = await decideARound();
    await two.app.get(EventsService).publish('imports', 'import.progress', { id: 'after' });
    await one.app.get(EventsService).publish('leads', 'agreement.updated', { marker: 'after' });

    for (const where of ['one', 'two']) {
      const control = watched.get(`control@${where}`)!.seen;
      expect((await control.waitFor('round.decided', (d) => d.itemId === itemId)).outcome).toBe('accepted');
      await control.waitFor('import.progress', (d) => d.id === 'after');
      await control.waitFor('agreement.updated', (d) => d.marker === 'after');
      await control.waitFor('agreement.updated', (d) => Array.isArray(d.groups)); // the debounced statistics of the round
    }
    expect(await Promise.all(gone)).toEqual(affected.map(() => 'io server disconnect'));
    for (const [key, w] of affected) expect(w.seen.seen.map((e) => e.event), key).toEqual([]);
  });

  it('issue 14 item 2: the demoted lead can no longer join imports or leads on either instance; the deactivated lead cannot subscribe at all', async () => {
    const [demoted, deactivated] = await createPeople(one, 'lead', 2);
    await setUser(demoted, { role: 'annotator' });
    await setUser(deactivated, { active: false });
    for (const t of [one, two]) {
      // the old token: refused at connect (a revoked session) or by role at subscribe, never joined
      for (const room of ['imports', 'leads']) {
        const socket = await open(t, demoted);
        const refused = { ok: false, message: 'disconnected' };
        const answer = await Promise.race([subscribe(socket, room).catch(() => refused), disconnected(socket).then(() => refused)]);
        expect(answer, room).toMatchObject({ ok: false });
        if (socket.connected) expect(answer.message).toMatch(new RegExp(`room "${room}": not open to the annotator role`));
      }
      const socket = await open(t, deactivated);
      const answer = await Promise.race([subscribe(socket, 'queue').catch(() => ({ ok: false })), disconnected(socket).then(() => ({ ok: false }))]);
      expect(answer).toMatchObject({ ok: false });
      await disconnected(socket);
    }
  });

  it('issue 14 item 2: every subscribe checks the current role: a lead demoted behind the gateway’s back leaves "leads" at the next subscribe and is refused "imports"', async () => {
    const [control, lead] = await createPeople(one, 'lead', 2);
    const socket = await open(two, lead);
    const controlSocket = await open(two, control);
    for (const s of [socket, controlSocket]) expect(await subscribe(s, 'leads')).toMatchObject({ ok: true });
    const seen = recorder(socket, LIVE);
    const controlSeen = recorder(controlSocket, LIVE);
    // a change that told no one (no AccessChanges call): only the re-check at subscribe can notice it
    await one.db.query(`UPDATE users SET role = 'annotator' WHERE id = $1`, [lead.id]);
    expect(await subscribe(socket, 'imports')).toEqual({ ok: false, message: 'room "imports": not open to the annotator role' });
    expect(await subscribe(socket, 'queue')).toEqual({ ok: true, room: 'queue' });
    await one.app.get(EventsService).publish('leads', 'round.decided', { marker: 'demoted-quietly' });
    await controlSeen.waitFor('round.decided', (d) => d.marker === 'demoted-quietly');
    expect(seen.seen).toEqual([]);
    expect(socket.connected).toBe(true);
  });

  it('issue 14 item 2: a subscribe whose token is no longer valid (expired, forged) or another user\'s is refused and the socket disconnected; a renewed token of the same user is accepted', async () => {
    const [lead, other] = await createPeople(one, 'lead', 2);
    const now = Math.floor(Date.now() / 1000);
    const expired = one.app.get(JwtService).sign({ sub: lead.id, email: 'x', role: 'lead', typ: 'access', iat: now - 120, exp: now - 60 });
    for (const bad of [expired, 'not-a-token', other.token]) {
      const socket = await open(two, lead);
      const seen = recorder(socket, ['session.revoked']);
      const gone = disconnected(socket);
      const answer = await Promise.race([socket.timeout(3000).emitWithAck('subscribe', { room: 'leads', token: bad }), gone.then(() => null)]);
      if (answer) expect(answer).toEqual({ ok: false, message: 'room "leads": your sign-in is no longer valid; sign in again' });
      expect(await gone).toBe('io server disconnect');
      expect(seen.seen.map((e) => e.event)).toEqual(['session.revoked']);
    }
    // a token the same user got since (a refresh) is accepted in place of the one it connected with
    const [renewed] = await createPeople(one, 'lead', 1);
    const socket = await open(two, renewed);
    expect(await subscribe(socket, 'leads')).toEqual({ ok: true, room: 'leads' });
    const { sid } = one.app.get(JwtService).decode<{ sid: string }>(renewed.token);
    const reissued = one.app.get(TokensService).access({ id: renewed.id, email: 'x', role: 'lead' }, sid).accessToken;
    expect(await socket.timeout(3000).emitWithAck('subscribe', { room: 'imports', token: reissued })).toEqual({ ok: true, room: 'imports' });
    expect(socket.connected).toBe(true);
  });

  it('issue 14 items 2 and 6: odd rooms are refused with a message naming the room, and the connection stays usable after each', async () => {
    const [lead] = await createPeople(one, 'lead', 1);
    const socket = await open(one, lead);
    const odd: [unknown, string][] = [
      ['__proto__', 'room "__proto__": no such room'],
      ['constructor', 'room "constructor": no such room'],
      ['toString', 'room "toString": no such room'],
      ['queue:anything', 'room "queue:anything": no such room'],
      ['import:not-a-uuid', 'room "import:not-a-uuid": "import:" must be followed by an import UUID'],
      [`user:${admin.id}`, `room "user:${admin.id}": a user's room is joined on connect, not by subscribe`],
      [42, 'room: expected a room name (a string), got number 42'],
      ['x'.repeat(10_240), `room "${'x'.repeat(40)}… (10240 characters)": longer than 64 characters; no such room`],
    ];
    for (const [room, message] of odd) {
      expect(await subscribe(socket, room)).toEqual({ ok: false, message });
      expect(await subscribe(socket, 'queue'), `after ${String(room).slice(0, 20)}`).toEqual({ ok: true, room: 'queue' });
    }
    // a body that is no object, and one whose `room` is only inherited
    expect(await socket.timeout(3000).emitWithAck('subscribe', 'leads')).toMatchObject({ ok: false });
    expect(await socket.timeout(3000).emitWithAck('subscribe', JSON.parse('{"__proto__":{"room":"leads"}}'))).toMatchObject({ ok: false });
    expect(await subscribe(socket, 'leads')).toEqual({ ok: true, room: 'leads' });
    expect(socket.connected).toBe(true);
  });
});
