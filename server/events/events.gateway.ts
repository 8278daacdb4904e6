import { Inject, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import { Client } from 'pg';
import type { Server, Socket } from 'socket.io';
import { TokensService } from '../auth/tokens.service';
import type { AuthUser } from '../common/current-user.decorator';
import { CURATORS } from '../common/access.decorators';
import { DATABASE_URL } from '../database/database.module';
import { EVENTS_CHANNEL, PaceEvent } from './events.service';

/** Which roles may join a room, by its prefix (`import:<id>` → curators). */
const ROOM_ACCESS: Record<string, readonly string[]> = { import: CURATORS, imports: CURATORS };

/** Relays NOTIFY events to socket.io rooms. Clients authenticate with `auth: { token }` and `subscribe` to rooms. */
@WebSocketGateway({ cors: { origin: true } })
export class EventsGateway implements OnGatewayConnection, OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(EventsGateway.name);
  private listener?: Client;

  @WebSocketServer() server: Server;

  constructor(
    private readonly tokens: TokensService,
    @Inject(DATABASE_URL) private readonly url: string,
  ) {}

  async onModuleInit(): Promise<void> {
    this.listener = new Client({ connectionString: this.url, application_name: 'pace-events' });
    await this.listener.connect();
    this.listener.on('notification', (msg) => {
      if (msg.channel !== EVENTS_CHANNEL || !msg.payload) return;
      const { room, event, data } = JSON.parse(msg.payload) as PaceEvent;
      this.server?.to(room).emit(event, data);
    });
    this.listener.on('error', (e) => this.logger.error(`events listener: ${e.message}`));
    await this.listener.query(`LISTEN ${EVENTS_CHANNEL}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.listener?.end().catch(() => undefined);
  }

  /** Verification is kept as a promise: a client may send `subscribe` before it has finished. */
  handleConnection(socket: Socket): void {
    const token = socket.handshake.auth?.token ?? socket.handshake.headers.authorization?.replace(/^Bearer /, '');
    socket.data.user = this.tokens.verifyAccess(String(token ?? '')).catch(() => {
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
    void socket.join(room);
    return { ok: true, room };
  }

  @SubscribeMessage('unsubscribe')
  unsubscribe(@ConnectedSocket() socket: Socket, @MessageBody() body: { room?: string }) {
    void socket.leave(String(body?.room ?? ''));
    return { ok: true };
  }
}
