import type { INestApplication } from '@nestjs/common';
import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { createApp } from '../bootstrap';
import { env, resetEnvCache } from '../config/env';
import { closeApp, closeOnSignals } from '../database/shutdown';
import { accountsFile, demoPlan, REPO_ROOT, setUpDemo, sharedDataFolder, type DemoAccount } from './demo-setup';

export interface DemoFlags {
  remove?: boolean;
  /** commander's --no-serve: set up, then stop */
  serve?: boolean;
  port?: string;
}

/** The demo's own data folder: its embedded PostgreSQL, uploads, models and accounts, never .pace-data/. */
export const DEMO_DIR = join(REPO_ROOT, '.pace-demo');
const DEMO_PG_PORT = '54330';

/** `npm run demo [-- --remove | --no-serve | --port N]` */
export async function runDemoCommand(flags: DemoFlags): Promise<number> {
  if (flags.remove) return removeDemo(DEMO_DIR);
  const port = flags.port ?? '3100';
  // the demo's own folder, PostgreSQL and port; training runs in the server process (one machine, CPU)
  delete process.env.DATABASE_URL;
  Object.assign(process.env, {
    PACE_DATA_DIR: DEMO_DIR,
    EMBEDDED_PG_PORT: DEMO_PG_PORT,
    PORT: port,
    PACE_IN_PROCESS_TRAINING: 'true',
    PACE_MODEL_ROOTS: join(DEMO_DIR, 'models'),
  });
  resetEnvCache();
  const config = env();
  const shared = sharedDataFolder();
  const url = `http://localhost:${config.PORT}`;
  const say = (line: string) => console.log(`demo: ${line}`);
  say(`setting up in ${relative(process.cwd(), DEMO_DIR) || DEMO_DIR} from ${shared ? `the shared samples in ${shared}` : 'the demo files in demo/'}; watch it on ${url}`);
  const started = Date.now();
  let app: INestApplication | undefined;
  try {
    // Runs from dist/server/demo: `npm run build` puts the UI in dist/admin-ui.
    app = await createApp({ logger: ['error', 'warn'], uiDir: join(__dirname, '..', '..', 'admin-ui') });
    await app.listen(config.PORT, '127.0.0.1');
    const result = await setUpDemo({ app, baseUrl: `http://127.0.0.1:${config.PORT}`, dir: DEMO_DIR, plan: demoPlan({ sharedData: shared }), log: (l) => say(l) });
    say(result.did.length ? `ready in ${((Date.now() - started) / 1000).toFixed(0)} s` : 'everything was already set up');
    printAccounts(result.accounts, result.createdAccounts, url, result.studyId);
  } catch (e) {
    console.error(`demo: failed: ${e instanceof Error ? e.message : String(e)}\n      a re-run goes on from the last step done; npm run demo -- --remove starts over`);
    if (app) await closeApp(app);
    return 1;
  }
  if (flags.serve === false) {
    await closeApp(app);
    return 0;
  }
  say(`serving on ${url} (Ctrl-C stops it; npm run demo -- --remove deletes the demo)`);
  closeOnSignals(app);
  return new Promise<number>(() => undefined);
}

function printAccounts(accounts: DemoAccount[], fresh: boolean, url: string, studyId: number): void {
  const lines = [
    '',
    `  Pace demo: ${url}   growth curves: ${url}/growth-curves?studyId=${studyId}`,
    fresh ? '  Accounts (passwords shown this once; also kept in .pace-demo/accounts.json):' : '  Accounts: emails below, passwords in .pace-demo/accounts.json',
    ...accounts.map((a) => `    ${a.role.padEnd(11)} ${a.email.padEnd(24)} ${fresh ? a.password : ''}`.trimEnd()),
    '',
  ];
  console.log(lines.join('\n'));
}

/** Stops the demo's PostgreSQL when it runs (its postmaster.pid), then deletes the demo folder. */
export async function removeDemo(dir: string): Promise<number> {
  if (!existsSync(dir)) {
    console.log(`demo: nothing to remove (${dir} does not exist)`);
    return 0;
  }
  const pidFile = join(dir, 'postgres', 'postmaster.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (pid > 0 && alive(pid)) {
      console.log(`demo: stopping its PostgreSQL (pid ${pid})`);
      process.kill(pid, 'SIGINT'); // fast shutdown: ends the sessions, then exits
      const end = Date.now() + 30_000;
      while (alive(pid) && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
      if (alive(pid)) {
        console.error(`demo: PostgreSQL (pid ${pid}) did not stop; stop it, then run --remove again`);
        return 1;
      }
    }
  }
  await rm(dir, { recursive: true, force: true });
  console.log(`demo: removed ${dir}`);
  return 0;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
