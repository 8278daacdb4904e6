import { Inject, OnApplicationShutdown } from '@nestjs/common';
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
import type { AuthUser } from '../common/current-user.decorator';
import { ALL_ROLES, CURATORS, LEADS } from '../common/access.decorators';
import { DATABASE_URL } from '../config/database-url';
import { SOCKET_IO_ATTACHMENTS } from '../events/events.service';

/** Which roles may join a room, by its prefix (`import:<id>` → curators). `user:<id>` is joined on connect. */
const ROOM_ACCESS: Record<string, readonly string[]> = {
  import: CURATORS,
  imports: CURATORS,
  queue: ALL_ROLES,
  leads: LEADS,
  datasets: CURATORS,
  dataset: CURATORS,
  exports: CURATORS,
  export: CURATORS,
  experiments: CURATORS,
  experiment: CURATORS,
  studies: CURATORS,
  study: CURATORS,
  growth: CURATORS,
};

/**
 * socket.io with the Postgres adapter: rooms span every server instance, and events published by the Postgres
 * emitter (EventsService) anywhere reach them. Clients authenticate with `auth: { token }` and `subscribe` to rooms.
 */
@WebSocketGateway({ cors: { origin: true } })
export class EventsGateway implements OnGatewayInit, OnGatewayConnection, OnApplicationShutdown {
  private readonly pool: Pool;

  @WebSocketServer() server: Server;

  constructor(
    private readonly tokens: TokensService,
    @Inject(DATABASE_URL) url: string,
  ) {
    this.pool = new Pool({ connectionString: url, max: 3, application_name: 'pace-socket.io' });
    this.pool.on('error', () => undefined); // the adapter reconnects its listener by itself
  }

  afterInit(server: Server): void {
    server.adapter(createAdapter(this.pool, { tableName: SOCKET_IO_ATTACHMENTS }));
  }

  /** Shutdown hooks run before Nest closes socket.io: release the adapter's LISTEN client so the pool can end. */
  async onApplicationShutdown(): Promise<void> {
    await this.server?.of('/').adapter.close();
    await this.pool.end().catch(() => undefined);
  }

  /** Verification is kept as a promise: a client may send `subscribe` before it has finished. */
  handleConnection(socket: Socket): void {
    const token = socket.handshake.auth?.token ?? socket.handshake.headers.authorization?.replace(/^Bearer /, '');
    socket.data.user = this.tokens
      .verifyAccess(String(token ?? ''))
      .then((user) => {
        void socket.join(`user:${user.id}`);
        return user;
      })
      .catch(() => {
        socket.emit('error', { message: 'Unauthorized: connect with auth: { token: <access token> }' });
        socket.disconnect(true);
        return undefined;
      });
  }

  @SubscribeMessage('subscribe')
  async subscribe(@ConnectedSocket() socket: Socket, @MessageBody() body: { room?: string }) {
    const user = (await socket.data.user) as AuthUser | undefined;
    const room = String(body?.room ?? '');
    const allowed = ROOM_ACCESS[room.split(':')[0]];
    if (!user || !allowed?.includes(user.role)) return { ok: false, message: `May not subscribe to "${room}"` };
    await socket.join(room);
    return { ok: true, room };
  }

  @SubscribeMessage('unsubscribe')
  async unsubscribe(@ConnectedSocket() socket: Socket, @MessageBody() body: { room?: string }) {
    const room = String(body?.room ?? '');
    if (!room.startsWith('user:')) await socket.leave(room);
    return { ok: true };
  }
}
