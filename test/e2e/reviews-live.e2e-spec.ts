import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertItems } from '../factories/items';
import { createPeople, type Person } from '../utils/people';
import { decide, lease } from '../utils/reviews';
import { connect, recorder } from '../utils/socket-events';
import { until } from '../utils/until';
import { createTestApp, type TestApp } from '../utils/test-app';

describe('live review events across two server instances (socket.io Postgres adapter)', () => {
  let one: TestApp;
  let two: TestApp;
  let a: Person[];
  let lead: Person;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    one = await createTestApp({ LIVE_STATS_INTERVAL_MS: '300' });
    two = await createTestApp({ LIVE_STATS_INTERVAL_MS: '300' }, one);
    await one.app.listen(0, '127.0.0.1');
    await two.app.listen(0, '127.0.0.1');
    a = await createPeople(one, 'annotator', 2);
    [lead] = await createPeople(one, 'lead', 1);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await two.close();
    await one.close();
  });

  it('pushes decisions to leads only, blind until both are in, and queue and tally updates to annotators', async () => {
    const leadSocket = await connect(two, lead.token);
    const annotatorSocket = await connect(two, a[1].token);
    sockets.push(leadSocket, annotatorSocket);
    expect((await leadSocket.emitWithAck('subscribe', { room: 'leads' })).ok).toBe(true);
    expect((await leadSocket.emitWithAck('subscribe', { room: 'queue' })).ok).toBe(true);
    expect((await annotatorSocket.emitWithAck('subscribe', { room: 'leads' })).ok).toBe(false);
    expect((await annotatorSocket.emitWithAck('subscribe', { room: 'queue' })).ok).toBe(true);
    const toLead = recorder(leadSocket, ['review.submitted', 'round.decided', 'queue.depth', 'agreement.updated']);
    const toAnnotator = recorder(annotatorSocket, ['review.submitted', 'round.decided', 'queue.depth', 'work.changed']);
    // the first reviewer, whose decision did not close the round: told of its own submit, then of the decision
    const firstSocket = await connect(two, a[0].token);
    sockets.push(firstSocket);
    const toFirst = recorder(firstSocket, ['work.changed', 'review.submitted', 'round.decided']);

    const [itemId] = await insertItems(one.db, { count: 1 });
    const first = await lease(one, a[0]);
    await decide(one, a[0], first.lease.id, 'reject', { reasons: ['formatting'], comment: 'hidden-until-both' }).expect(200);
    const submitted = await toLead.waitFor('review.submitted', (d) => d.itemId === itemId);
    expect(submitted).toEqual({ roundId: first.round.id, itemId, kind: 'filter', abilityId: expect.any(Number), reviewsIn: 1 });
    expect(JSON.stringify(toLead.seen)).not.toContain('hidden-until-both');

    const second = await lease(one, a[1]);
    await decide(one, a[1], second.lease.id, 'approve').expect(200);
    const decided = await toLead.waitFor('round.decided', (d) => d.itemId === itemId);
    expect(decided.outcome).toBe('rejected');
    expect(decided.decisions.map((d: { reviewerId: string; decision: string }) => [d.reviewerId, d.decision]).sort()).toEqual(
      [[a[0].id, 'reject'], [a[1].id, 'approve']].sort(),
    );
    const tally = await toAnnotator.waitFor('work.changed');
    expect(tally).toEqual({ today: 1, approvedToday: 1 });
    const depth = await toAnnotator.waitFor('queue.depth');
    expect(depth.stages).toMatchObject({ filter: 0 });
    const stats = await toLead.waitFor('agreement.updated');
    expect(stats.groups[0]).toMatchObject({ rounds: 1, passRate: 0 });
    expect(toAnnotator.seen.filter((e) => e.event === 'review.submitted' || e.event === 'round.decided')).toEqual([]);
    await until('the first reviewer told of the decided round', async () => toFirst.seen.filter((e) => e.event === 'work.changed').length === 2, 10_000);
    expect(toFirst.seen.map((e) => [e.event, e.data])).toEqual([
      ['work.changed', { today: 1, approvedToday: 0 }],
      ['work.changed', { today: 1, approvedToday: 0 }],
    ]);
  });
});
