import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Pool } from 'pg';
import { DATABASE_URL } from '../config/database-url';
import { publishToRoom } from './socket-io-publisher';

/** Where socket.io's Postgres adapter and emitter keep payloads too large for NOTIFY (created by a migration). */
export const SOCKET_IO_ATTACHMENTS = 'socket_io_attachments';

/**
 * Publishes socket.io events through Postgres (socket.io's Postgres adapter protocol), so whichever process produced them
 * (a worker, the CLI, any server instance) reaches the clients of every server instance.
 */
@Injectable()
export class EventsService implements OnApplicationShutdown {
  private readonly pool: Pool;

  constructor(@Inject(DATABASE_URL) url: string) {
    this.pool = new Pool({ connectionString: url, max: 2, application_name: 'pace-events' });
    this.pool.on('error', () => undefined); // an idle client dropped by the server is replaced on next use
  }

  async publish(room: string, event: string, data: unknown): Promise<void> {
    await publishToRoom(this.pool, SOCKET_IO_ATTACHMENTS, room, event, data);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}
