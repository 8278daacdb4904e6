import type { DataSource } from 'typeorm';

/**
 * Runs `fn` holding the session-level advisory lock `key` (e.g. `export:<id>`) on a connection of its own: one runner
 * per job, so a retried or duplicate job waits for the live one, then finds the job done. With `wait: false` it gives
 * `undefined` at once when another holds the lock.
 */
export async function withJobLock<T>(db: DataSource, key: string, fn: () => Promise<T>, { wait = true } = {}): Promise<T | undefined> {
  const conn = db.createQueryRunner();
  await conn.connect();
  let held = false;
  try {
    if (wait) {
      await conn.query(`SELECT pg_advisory_lock(hashtext($1))`, [key]);
      held = true;
    } else {
      [{ held }] = await conn.query(`SELECT pg_try_advisory_lock(hashtext($1)) AS held`, [key]);
      if (!held) return undefined;
    }
    return await fn();
  } finally {
    if (held) await conn.query(`SELECT pg_advisory_unlock(hashtext($1))`, [key]).catch(() => undefined);
    await conn.release();
  }
}
