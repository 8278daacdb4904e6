import type { DataSource } from 'typeorm';

const MIGRATION_LOCK = 0x70616365; // "pace"

/** Runs pending migrations under an advisory lock, so a server, a worker and the CLI starting together don't race. */
export async function runMigrations(ds: DataSource): Promise<void> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
