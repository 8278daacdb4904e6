import { Global, Module } from '@nestjs/common';
import { EventsService } from './events.service';
import { RunLandedHooks } from './run-landed-hooks';

/** Publishing only (and in-process run-landed hooks): workers and the CLI import this without opening sockets. */
@Global()
@Module({ providers: [EventsService, RunLandedHooks], exports: [EventsService, RunLandedHooks] })
export class EventsModule {}
