import { ALL_ROLES, CURATORS, LEADS } from '../common/access.decorators';
import type { Role } from '../users/user.entity';

/**
 * Every room a client may `subscribe` to, matched exactly: the rooms the server publishes to (`grep -rn "publish(" server`)
 * and the UI joins (`useLiveEvent`). A plain room is one fixed name; a parameterised room is `<kind>:<id>` whose id has
 * the exact shape the publisher writes (a lowercase UUID, or a serial id without leading zeros), so no other name can
 * be joined. Lookups go through Maps, never a plain object, so `__proto__`, `constructor` or `toString` are no rooms.
 */
const PLAIN_ROOMS = new Map<string, readonly Role[]>([
  ['queue', ALL_ROLES], // reviews-live: queue depth for everyone who works the queue
  ['leads', LEADS], // reviews-live: decisions with their reviewers, agreement statistics
  ['imports', CURATORS], // import-runner
  ['datasets', CURATORS], // freeze-runner (DATASETS_ROOM)
  ['exports', CURATORS], // export-runner
  ['experiments', CURATORS], // experiment-events (EXPERIMENTS_ROOM)
  ['studies', CURATORS], // study-events (STUDIES_ROOM)
  ['growth', CURATORS], // growth-live, forecasts (GROWTH_ROOM)
  ['synthesis', CURATORS], // synthesis runs and taxonomy drafts (SYNTHESIS_ROOM)
  ['taxonomies', ALL_ROLES], // taxonomy edits and votes (TAXONOMIES_ROOM): annotators vote
]);

// lowercase only (not common/uuid.ts): a room name must be exactly what the publishers write
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** A Postgres `serial`: 1 … 2^31−1, written as the publisher writes a number. */
const isSerial = (id: string) => /^[1-9][0-9]{0,9}$/.test(id) && Number(id) <= 2147483647;
const isUuid = (id: string) => UUID.test(id);

const PARAMETERISED_ROOMS = new Map<string, { roles: readonly Role[]; id: (id: string) => boolean; shape: string }>([
  ['import', { roles: CURATORS, id: isUuid, shape: 'an import UUID' }], // import-runner
  ['export', { roles: CURATORS, id: isUuid, shape: 'an export UUID' }], // export-runner
  ['dataset', { roles: CURATORS, id: isSerial, shape: 'a dataset version id' }], // freeze-runner
  ['experiment', { roles: CURATORS, id: isUuid, shape: 'an experiment UUID' }], // experiment-events, evaluation-runner
  ['study', { roles: CURATORS, id: isSerial, shape: 'a study id' }], // study-events
  ['synthesis', { roles: CURATORS, id: isUuid, shape: 'a synthesis run UUID' }], // synthesis runs
  ['taxonomy', { roles: ALL_ROLES, id: isUuid, shape: 'a taxonomy UUID' }], // taxonomy edits and votes
]);

/** Longer names are refused before they are looked at (the longest real room is `experiment:<uuid>`, 47 characters). */
export const MAX_ROOM_LENGTH = 64;

/** A user's own room: joined on connect, never by `subscribe`, delivered only to that user's sockets. */
export const userRoom = (userId: string) => `user:${userId}`;

export type RoomRule = { ok: true; room: string; roles: readonly Role[] } | { ok: false; message: string };

/** Which roles may join `room` (any value a client sent), or why it is no room one can subscribe to. */
export function roomRule(room: unknown): RoomRule {
  if (typeof room !== 'string') return { ok: false, message: `room: expected a room name (a string), got ${describe(room)}` };
  const named = quote(room);
  if (room.length > MAX_ROOM_LENGTH) return { ok: false, message: `room ${named}: longer than ${MAX_ROOM_LENGTH} characters; no such room` };
  const plain = PLAIN_ROOMS.get(room);
  if (plain) return { ok: true, room, roles: plain };
  const colon = room.indexOf(':');
  const kind = colon > 0 ? room.slice(0, colon) : '';
  if (kind === 'user') return { ok: false, message: `room ${named}: a user's room is joined on connect, not by subscribe` };
  const param = PARAMETERISED_ROOMS.get(kind);
  if (!param) return { ok: false, message: `room ${named}: no such room` };
  if (!param.id(room.slice(colon + 1))) return { ok: false, message: `room ${named}: "${kind}:" must be followed by ${param.shape}` };
  return { ok: true, room, roles: param.roles };
}

/** Whether a user with this role may receive what is published to `room` (its own user room included). */
export function mayReceive(room: string, user: { id: string; role: Role }): boolean {
  if (room === userRoom(user.id)) return true;
  const rule = roomRule(room);
  return rule.ok && rule.roles.includes(user.role);
}

function quote(room: string): string {
  const shown = room.length > MAX_ROOM_LENGTH ? `${room.slice(0, 40)}… (${room.length} characters)` : room;
  return JSON.stringify(shown);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value).slice(0, 40)}`;
}
