/** Runs one import in a separate process, so a test can kill it mid-import (kill -9) like a crashed worker. */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { CliModule } from '../../server/cli/cli.module';
import { ImportRunner } from '../../server/imports/pipeline/import-runner';

async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error'] });
  await app.get(ImportRunner).run(process.argv[2]);
  await app.close();
}

void main();
