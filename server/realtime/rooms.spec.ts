import { describe, expect, it } from 'vitest';
import { DATASETS_ROOM } from '../datasets/freeze/freeze-runner';
import { EXPERIMENTS_ROOM, experimentRoom } from '../experiments/experiment-events';
import { GROWTH_ROOM } from '../growth/growth-views';
import { ROOMS } from '../reviews/reviews-live.service';
import { STUDIES_ROOM, studyRoom } from '../studies/study-events';
import { mayReceive, roomRule } from './rooms';

const uuid = '0b6c2f4e-9a51-4c1e-8d2f-3a7b9c0d1e2f';

describe('roomRule', () => {
  it('issue 14 item 2: accepts every room the server publishes to, for the roles that read it', () => {
    const published = [ROOMS.queue, ROOMS.leads, 'imports', `import:${uuid}`, DATASETS_ROOM, 'dataset:7', 'exports', `export:${uuid}`];
    published.push(EXPERIMENTS_ROOM, experimentRoom(uuid), STUDIES_ROOM, studyRoom(12), GROWTH_ROOM);
    for (const room of published) expect(roomRule(room), room).toMatchObject({ ok: true, room });
    expect(roomRule('queue')).toMatchObject({ roles: ['admin', 'lead', 'annotator', 'researcher'] });
    expect(roomRule('leads')).toMatchObject({ roles: ['admin', 'lead'] });
    expect(roomRule('imports')).toMatchObject({ roles: ['admin', 'lead', 'researcher'] });
  });

  it('issue 14 items 2 and 6: refuses names that only start like a room, inherited object keys and non-strings, naming the room', () => {
    const refused: [unknown, RegExp][] = [
      ['__proto__', /room "__proto__": no such room/],
      ['constructor', /room "constructor": no such room/],
      ['toString', /room "toString": no such room/],
      ['hasOwnProperty', /no such room/],
      ['queue:anything', /room "queue:anything": no such room/],
      ['leads:', /no such room/],
      ['importsX', /no such room/],
      [`import:${uuid.toUpperCase()}`, /"import:" must be followed by an import UUID/],
      ['import:../../etc', /"import:" must be followed by an import UUID/],
      [`import:${uuid} `, /must be followed by an import UUID/],
      ['dataset:007', /must be followed by a dataset version id/],
      ['study:2147483648', /must be followed by a study id/],
      ['study:-1', /must be followed by a study id/],
      [`user:${uuid}`, /joined on connect, not by subscribe/],
      ['', /room "": no such room/],
      [42, /room: expected a room name \(a string\), got number 42/],
      [null, /got null/],
      [{ room: 'leads' }, /got an object/],
      [['leads'], /got an array/],
      ['x'.repeat(10_000), /room "x{40}… \(10000 characters\)": longer than 64 characters/],
    ];
    for (const [room, message] of refused) {
      const rule = roomRule(room);
      expect(rule.ok, String(room).slice(0, 50)).toBe(false);
      expect(rule.ok === false && rule.message).toMatch(message);
    }
  });

  it('issue 14 item 2: mayReceive follows the role given, and a user room only its own user', () => {
    const lead = { id: uuid, role: 'lead' as const };
    const annotator = { id: uuid, role: 'annotator' as const };
    expect(mayReceive('leads', lead)).toBe(true);
    expect(mayReceive('leads', annotator)).toBe(false);
    expect(mayReceive('imports', annotator)).toBe(false);
    expect(mayReceive('queue', annotator)).toBe(true);
    expect(mayReceive(`user:${uuid}`, annotator)).toBe(true);
    expect(mayReceive('user:someone-else', lead)).toBe(false);
    expect(mayReceive('__proto__', lead)).toBe(false);
  });
});
