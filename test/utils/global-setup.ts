import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import PgBoss from 'pg-boss';
import { DataSource } from 'typeorm';
import type { TestProject } from 'vitest/node';
import { dataSourceOptions } from '../../server/database/data-source';
import { startEmbeddedPostgres } from '../../server/database/embedded-postgres';
import { runMigrations } from '../../server/database/run-migrations';

export const TEMPLATE_DB = 'pace_template';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

/**
 * One real PostgreSQL for the whole run (embedded, on a free port, in a temporary folder), with a template
 * database that has every migration and the pg-boss schema; each test file clones it.
 */
export default async function setup(project: TestProject) {
  const dir = await mkdtemp(join(tmpdir(), 'pace-test-'));
  const port = 55000 + Math.floor(Math.random() * 5000);
  const db = await startEmbeddedPostgres(dir, port, () => undefined);
  const adminUrl = db.url.replace(/\/pace$/, '/postgres');
  const admin = new Client(adminUrl);
  await admin.connect();
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await admin.end();

  const templateUrl = db.url.replace(/\/pace$/, `/${TEMPLATE_DB}`);
  const ds = await new DataSource(dataSourceOptions(templateUrl)).initialize();
  await runMigrations(ds);
  await ds.destroy();
  const boss = new PgBoss({ connectionString: templateUrl, schema: 'pgboss', supervise: false, schedule: false });
  await boss.start();
  await boss.stop({ graceful: false, wait: true });

  project.provide('pgAdminUrl', adminUrl);
  return async () => {
    await db.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
