import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { DatabaseModule } from '../database/database.module';
import { DatasetsModule } from '../datasets/datasets.module';
import { EventsModule } from '../events/events.module';
import { ImportsModule } from '../imports/imports.module';
import { QueueModule } from '../queue/queue.module';

@Module({ imports: [DatabaseModule, QueueModule, EventsModule, AuditModule, ImportsModule, DatasetsModule] })
export class CliModule {}
