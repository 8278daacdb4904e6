import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError, env } from '../server/config/env';
import { stopEmbeddedDatabase } from '../server/database/resolve-database';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  env();
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error', 'warn', 'log'] });
  new Logger('Worker').log('Worker started; consuming job queues');
  const stop = async () => {
    await app.close();
    await stopEmbeddedDatabase();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});
