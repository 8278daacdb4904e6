import type { DataSource, EntityManager } from 'typeorm';

/** Runs an UPDATE … RETURNING and gives back its rows (TypeORM answers such queries with `[rows, rowCount]`). */
export async function updateReturning<T>(db: DataSource | EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const result = await db.query(sql, params);
  return (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];
}
