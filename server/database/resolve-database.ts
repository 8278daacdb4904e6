import type { Env } from '../config/env';
import { EmbeddedDatabase, startEmbeddedPostgres } from './embedded-postgres';

let embedded: Promise<EmbeddedDatabase> | undefined;

/** DATABASE_URL when set; otherwise the embedded server under the data folder (started once per process). */
export async function resolveDatabaseUrl(config: Env, log: (m: string) => void = console.log): Promise<string> {
  if (config.DATABASE_URL) return config.DATABASE_URL;
  embedded ??= startEmbeddedPostgres(config.dataDir, config.EMBEDDED_PG_PORT, log);
  return (await embedded).url;
}

export async function stopEmbeddedDatabase(): Promise<void> {
  if (!embedded) return;
  const db = await embedded;
  embedded = undefined;
  await db.stop();
}
