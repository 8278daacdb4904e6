import { Global, Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { AccessChanges } from '../users/access-changes';
import { EventsGateway } from './events.gateway';

/**
 * The live socket gateway. Global so that UsersService (and sign-out everywhere) gets its `AccessChanges` without
 * importing this module; processes without it (the CLI, workers) run with no AccessChanges at all.
 */
@Global()
@Module({
  imports: [AuthModule],
  providers: [EventsGateway, { provide: AccessChanges, useExisting: EventsGateway }],
  exports: [AccessChanges],
})
export class EventsGatewayModule {}
