import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError, env } from '../server/config/env';
import { closeOnSignals } from '../server/database/shutdown';
import { WorkerModule } from './worker.module';
import { workerOptionsFromArgs, WorkerOptionsError } from './worker-options';

/** `npm run worker -- [--gpus 0,1] [--queues train,evaluate]` (or PACE_WORKER_GPUS / PACE_WORKER_QUEUES). */
async function main(): Promise<void> {
  env();
  const options = workerOptionsFromArgs(process.argv.slice(2));
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(options), { logger: ['error', 'warn', 'log'] });
  new Logger('Worker').log(`Worker ${options.name} started`);
  closeOnSignals(app);
}

main().catch((e) => {
  console.error(e instanceof ConfigError || e instanceof WorkerOptionsError ? e.message : e);
  process.exit(1);
});
