import type { INestApplicationContext } from '@nestjs/common';
import { stopEmbeddedDatabase } from './resolve-database';

/** Closes the app, then the embedded PostgreSQL if this process started it. */
export async function closeApp(app: INestApplicationContext): Promise<void> {
  await app.close();
  await stopEmbeddedDatabase();
}

/** For long-running processes (server, worker): close everything on SIGINT/SIGTERM, then exit. */
export function closeOnSignals(app: INestApplicationContext): void {
  const stop = async () => {
    await closeApp(app);
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
