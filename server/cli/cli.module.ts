import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { DatabaseModule } from '../database/database.module';
import { EventsModule } from '../events/events.module';
import { ImportsModule } from '../imports/imports.module';
import { QueueModule } from '../queue/queue.module';

@Module({ imports: [DatabaseModule, QueueModule, EventsModule, AuditModule, ImportsModule] })
export class CliModule {}
