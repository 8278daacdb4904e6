import { DynamicModule, Global, Module } from '@nestjs/common';
import { AuditModule } from '../server/audit/audit.module';
import { DatabaseModule } from '../server/database/database.module';
import { EventsModule } from '../server/events/events.module';
import { QueueModule } from '../server/queue/queue.module';
import { WORKER_OPTIONS, type WorkerOptions } from './worker-options';
import { WorkersModule } from './workers.module';

/** This worker's queues and GPUs, seen by the job runner and the training job slots. */
@Global()
@Module({})
class WorkerOptionsModule {
  static forRoot(options: WorkerOptions): DynamicModule {
    return { module: WorkerOptionsModule, providers: [{ provide: WORKER_OPTIONS, useValue: options }], exports: [WORKER_OPTIONS] };
  }
}

/** `npm run worker`: the job handlers without the HTTP server. */
@Module({})
export class WorkerModule {
  static forRoot(options: WorkerOptions): DynamicModule {
    return { module: WorkerModule, imports: [WorkerOptionsModule.forRoot(options), DatabaseModule, QueueModule, EventsModule, AuditModule, WorkersModule] };
  }
}
