import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resetEnvCache } from '../server/config/env';

/** A temporary folder for one bench run, open to the embedded PostgreSQL (which may run as another user). */
export async function benchDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  await chmod(dir, 0o755);
  return dir;
}

/** Points the app at a fresh embedded PostgreSQL under `dir`, on a random port, with `extra` settings on top. */
export function useEmbeddedDatabase(dir: string, extra: Record<string, string> = {}): void {
  delete process.env.DATABASE_URL;
  Object.assign(process.env, { PACE_DATA_DIR: join(dir, 'data'), EMBEDDED_PG_PORT: String(56000 + Math.floor(Math.random() * 4000)), ...extra });
  resetEnvCache();
}
