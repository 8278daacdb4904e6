import { encode } from '@msgpack/msgpack';
import type { Pool } from 'pg';

/** The sender id socket.io's cluster adapters accept from processes that run no socket.io server. */
const EMITTER_UID = 'emitter';
const BROADCAST = 3;
const SERVER_SIDE_EMIT = 9;
const EVENT_PACKET = 2;
/** NOTIFY payloads must stay under 8000 bytes; larger messages go through the attachments table. */
const NOTIFY_LIMIT = 8000;

/**
 * Broadcasts an event to a room through socket.io's Postgres adapter protocol (what `@socket.io/postgres-emitter`
 * does, for the adapter's current message format, which that emitter predates): every server instance's adapter
 * receives it and delivers it to its own sockets in the room.
 */
export async function publishToRoom(pool: Pool, table: string, room: string, event: string, data: unknown, nsp = '/'): Promise<void> {
  const message = {
    uid: EMITTER_UID,
    nsp,
    type: BROADCAST,
    data: { packet: { type: EVENT_PACKET, data: [event, data], nsp }, opts: { rooms: [room], except: [], flags: {} } },
  };
  const channel = `socket.io#${nsp}`;
  const payload = JSON.stringify(message);
  if (Buffer.byteLength(payload) <= NOTIFY_LIMIT) {
    await pool.query('SELECT pg_notify($1, $2)', [channel, payload]);
    return;
  }
  const [{ id }] = (await pool.query(`INSERT INTO ${table} (payload) VALUES ($1) RETURNING id`, [Buffer.from(encode(message))])).rows;
  await pool.query('SELECT pg_notify($1, $2)', [channel, JSON.stringify({ uid: EMITTER_UID, type: BROADCAST, attachmentId: id })]);
}

/**
 * Sends `event` to the socket.io server of every instance (socket.io's `serverSideEmit`, whose own publish cannot be
 * awaited), this one included; resolves once the NOTIFY is sent. It travels on the same channel as room events, so an
 * instance handles it before any room event published after it.
 */
export async function notifyServers(pool: Pool, event: string, data: unknown, nsp = '/'): Promise<void> {
  const message = { uid: EMITTER_UID, nsp, type: SERVER_SIDE_EMIT, data: { packet: [event, data] } };
  await pool.query('SELECT pg_notify($1, $2)', [`socket.io#${nsp}`, JSON.stringify(message)]);
}
