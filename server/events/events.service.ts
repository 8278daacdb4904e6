import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export const EVENTS_CHANNEL = 'pace_events';

export interface PaceEvent {
  room: string;
  event: string;
  data: unknown;
}

/**
 * Publishes an event through Postgres NOTIFY, so whichever process produced it (a worker, the CLI, any
 * server instance) reaches every server's socket.io clients.
 */
@Injectable()
export class EventsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async publish(room: string, event: string, data: unknown): Promise<void> {
    const payload: PaceEvent = { room, event, data };
    await this.db.query('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, JSON.stringify(payload)]);
  }
}
