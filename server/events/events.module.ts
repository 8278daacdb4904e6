import { Global, Module } from '@nestjs/common';
import { EventsService } from './events.service';

/** Publishing only: workers and the CLI import this without opening sockets. */
@Global()
@Module({ providers: [EventsService], exports: [EventsService] })
export class EventsModule {}
