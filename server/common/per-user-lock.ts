import type { EntityManager } from 'typeorm';

/**
 * Serializes one user's calls of one kind until the transaction ends. A screen that asks for work twice at once
 * (a remount, a retry) must get its own lease back on the second call, not a 204 because the first call's
 * item row was locked and skipped.
 */
export async function lockForUser(m: EntityManager, scope: string, userId: string): Promise<void> {
  await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1 || ':' || $2, 0))`, [scope, userId]);
}
