import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import { createApp } from './bootstrap';
import { ConfigError, env } from './config/env';
import { closeOnSignals } from './database/shutdown';
import { UsersService } from './users/users.service';

async function main(): Promise<void> {
  const config = env();
  // Runs from dist/server/main.js; `npm run build` puts the UI in dist/admin-ui.
  const app = await createApp({ uiDir: join(__dirname, '..', 'admin-ui') });
  const admin = await app.get(UsersService).ensureFirstAdmin(config.PACE_ADMIN_EMAIL);
  await app.listen(config.PORT, config.HOST);
  const url = `http://localhost:${config.PORT}`;
  const log = new Logger('Pace');
  log.log(`UI on ${url}, API on ${url}/api, docs on ${url}/api/docs, health on ${url}/api/health`);
  if (admin) {
    // Printed once: the password is stored only as a hash.
    console.log(
      [
        '',
        '  ┌──────────────────────────────────────────────────────────┐',
        '  │ First admin account created — this is shown only once.   │',
        `  │   email:    ${admin.email.padEnd(45)}│`,
        `  │   password: ${admin.password.padEnd(45)}│`,
        '  └──────────────────────────────────────────────────────────┘',
        '',
      ].join('\n'),
    );
  }
  closeOnSignals(app);
}

main().catch((e) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});
