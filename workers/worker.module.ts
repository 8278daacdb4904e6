import { Module } from '@nestjs/common';
import { AuditModule } from '../server/audit/audit.module';
import { DatabaseModule } from '../server/database/database.module';
import { EventsModule } from '../server/events/events.module';
import { QueueModule } from '../server/queue/queue.module';
import { WorkersModule } from './workers.module';

@Module({ imports: [DatabaseModule, QueueModule, EventsModule, AuditModule, WorkersModule] })
export class WorkerModule {}
