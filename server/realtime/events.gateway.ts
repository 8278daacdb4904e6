import { Inject, Logger, OnApplicationShutdown } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import { createAdapter } from '@socket.io/postgres-adapter';
import { Pool } from 'pg';
import type { Server, Socket } from 'socket.io';
import { TokensService } from '../auth/tokens.service';
import { DATABASE_URL } from '../config/database-url';
import { SOCKET_IO_ATTACHMENTS } from '../events/events.service';
import { notifyServers } from '../events/socket-io-publisher';
import { AccessChanges, type AccessChangeReason } from '../users/access-changes';
import { guardDelivery, socketAccess, type SocketAccess } from './delivery-guard';
import { mayReceive, roomRule, userRoom } from './rooms';

/** The server-side event every instance handles when a user's rights shrink (see `revoked`). */
const ACCESS_REVOKED = 'pace:access-revoked';
/** How long an instance remembers a revocation, to refuse a token check that was already under way when it came. */
const REMEMBER_REVOCATION_MS = 60_000;

interface SocketData {
  /** The access token the socket last proved itself with (the handshake's, or a fresher one sent with `subscribe`). */
  token: string;
  /** Who the socket is and its role as last verified; null until verified and once revoked (see delivery-guard). */
  access: SocketAccess | null;
  /** The connect-time verification: a client may send `subscribe` before it has finished. */
  ready: Promise<void>;
}

/**
 * socket.io with the Postgres adapter: rooms span every server instance, and events published by the Postgres
 * emitter (EventsService) anywhere reach them. Clients authenticate with `auth: { token }` and `subscribe` to rooms
 * (exact names, see rooms.ts). Access follows the user's current rights (issue 14 item 2):
 * - every `subscribe` verifies the token again (user active, current role; a refused token disconnects the socket);
 * - a rights change (`AccessChanges.revoked`, which this gateway provides) disconnects the user's sockets here before
 *   it returns and on every other instance through Postgres;
 * - every room event is checked against each recipient's current access before it is written (delivery-guard.ts).
 */
@WebSocketGateway({ cors: { origin: true } })
export class EventsGateway implements OnGatewayInit, OnGatewayConnection, OnApplicationShutdown, AccessChanges {
  private readonly logger = new Logger(EventsGateway.name);
  private readonly pool: Pool;
  /** userId → when this instance last handled a revocation for them. */
  private readonly revocations = new Map<string, number>();

  @WebSocketServer() server: Server;

  constructor(
    private readonly tokens: TokensService,
    @Inject(DATABASE_URL) url: string,
  ) {
    this.pool = new Pool({ connectionString: url, max: 3, application_name: 'pace-socket.io' });
    this.pool.on('error', () => undefined); // the adapter reconnects its listener by itself
  }

  afterInit(server: Server): void {
    server.adapter(guardDelivery(createAdapter(this.pool, { tableName: SOCKET_IO_ATTACHMENTS })));
    server.of('/').on(ACCESS_REVOKED, (change: { userId?: unknown; reason?: unknown }) => {
      if (typeof change?.userId === 'string') this.revokeHere(change.userId, String(change.reason) as AccessChangeReason);
    });
  }

  /** Shutdown hooks run before Nest closes socket.io: release the adapter's LISTEN client so the pool can end. */
  async onApplicationShutdown(): Promise<void> {
    await this.server?.of('/').adapter.close();
    await this.pool.end().catch(() => undefined);
  }

  handleConnection(socket: Socket): void {
    const token = String(socket.handshake.auth?.token ?? socket.handshake.headers.authorization?.replace(/^Bearer /, '') ?? '');
    const data = socket.data as SocketData;
    data.token = token;
    data.access = null;
    const since = Date.now();
    data.ready = this.tokens
      .verifyAccess(token)
      .then((user) => {
        if (!socket.connected || this.revokedSince(user.id, since)) throw new Error('revoked while connecting');
        data.access = { id: user.id, role: user.role };
        void socket.join(userRoom(user.id));
      })
      .catch(() => {
        socket.emit('error', { message: 'Unauthorized: connect with auth: { token: <access token> }' });
        socket.disconnect(true);
      });
  }

  /**
   * Joins an exactly named room the user's current role allows. `{ room, token? }`: a client may send a fresher access
   * token of the same user (the one it connected with may have expired since).
   */
  @SubscribeMessage('subscribe')
  async subscribe(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown) {
    const data = socket.data as SocketData;
    const rule = roomRule(field(body, 'room'));
    if (!rule.ok) return rule;
    await data.ready;
    const token = field(body, 'token');
    const user = await this.reverify(socket, typeof token === 'string' ? token : data.token);
    if (!user) return { ok: false, message: `room "${rule.room}": your sign-in is no longer valid; sign in again` };
    if (!rule.roles.includes(user.role)) return { ok: false, message: `room "${rule.room}": not open to the ${user.role} role` };
    await socket.join(rule.room);
    return { ok: true, room: rule.room };
  }

  @SubscribeMessage('unsubscribe')
  async unsubscribe(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown) {
    const room = field(body, 'room');
    if (typeof room === 'string' && room !== socket.id && !room.startsWith('user:')) await socket.leave(room);
    return { ok: true };
  }

  /** AccessChanges: the user's rights shrank (committed); their sockets go, here now and on every instance. */
  async revoked(userId: string, reason: AccessChangeReason): Promise<void> {
    this.revokeHere(userId, reason);
    await notifyServers(this.pool, ACCESS_REVOKED, { userId, reason });
  }

  /**
   * Verifies the socket's token again (active user, current role) and updates the access its events are checked
   * against, leaving rooms the current role no longer allows. A token no longer valid, or another user's, disconnects it.
   */
  private async reverify(socket: Socket, token: string): Promise<SocketAccess | null> {
    const data = socket.data as SocketData;
    const before = data.access;
    if (!before) return null;
    const since = Date.now();
    const user = await this.tokens.verifyAccess(token).catch(() => null);
    if (!user || user.id !== before.id || this.revokedSince(user.id, since) || !socket.connected || !data.access) {
      this.drop(socket, 'your sign-in is no longer valid', 'after-ack');
      return null;
    }
    data.token = token;
    data.access = { id: user.id, role: user.role };
    for (const room of socket.rooms) if (room !== socket.id && !mayReceive(room, data.access)) void socket.leave(room);
    return data.access;
  }

  /** Synchronous, so that on each instance no room event is delivered between a revocation's arrival and its effect. */
  private revokeHere(userId: string, reason: AccessChangeReason): void {
    const now = Date.now();
    for (const [id, at] of this.revocations) if (now - at > REMEMBER_REVOCATION_MS) this.revocations.delete(id);
    this.revocations.set(userId, now);
    if (!this.server) return; // not serving sockets yet: the revocation is remembered for connections under way
    const sids = [...(this.server.of('/').adapter.rooms.get(userRoom(userId)) ?? [])];
    for (const sid of sids) {
      const socket = this.server.of('/').sockets.get(sid);
      if (socket && socketAccess(socket)?.id === userId) this.drop(socket, `access revoked (${reason})`);
    }
    if (sids.length) this.logger.log(`disconnected ${sids.length} socket(s) of user ${userId}: ${reason}`);
  }

  /** Nothing more reaches the socket from now on; `after-ack` lets the refused `subscribe`'s answer leave first. */
  private drop(socket: Socket, why: string, when: 'now' | 'after-ack' = 'now'): void {
    (socket.data as SocketData).access = null;
    socket.emit('session.revoked', { message: why });
    if (when === 'now') socket.disconnect(true);
    else setImmediate(() => socket.disconnect(true));
  }

  private revokedSince(userId: string, since: number): boolean {
    return (this.revocations.get(userId) ?? -Infinity) >= since;
  }
}

/** A message body's own field (never one inherited from Object.prototype); undefined for a body that is no object. */
function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null && !Array.isArray(body) && Object.hasOwn(body, name) ? (body as Record<string, unknown>)[name] : undefined;
}
