import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError, env } from '../server/config/env';
import { closeOnSignals } from '../server/database/shutdown';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  env();
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error', 'warn', 'log'] });
  new Logger('Worker').log('Worker started; consuming job queues');
  closeOnSignals(app);
}

main().catch((e) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});
