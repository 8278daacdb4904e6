import type { INestApplication, Provider } from '@nestjs/common';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../server/bootstrap';
import { resetEnvCache } from '../../server/config/env';
import { UsersService } from '../../server/users/users.service';
import type { Role } from '../../server/users/user.entity';
import { createTestDatabase } from './test-database';
import { TINY_MODELS_DIR } from './tiny-model';

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  db: DataSource;
  databaseUrl: string;
  dataDir: string;
  /** Creates a user with this role (once per role) and returns a bearer token for it. */
  tokenFor(role: Role): Promise<string>;
  userId(role: Role): string;
  close(): Promise<void>;
}

/**
 * The real app (HTTP, in-process worker, events) on a database of its own, or on `shareDatabaseOf`'s database as
 * a second server instance. `options.providers` stand in for ports another domain provides (e.g. StudyRuns).
 */
export async function createTestApp(envOverrides: Record<string, string> = {}, shareDatabaseOf?: TestApp, options: { providers?: Provider[] } = {}): Promise<TestApp> {
  const database = shareDatabaseOf
    ? { url: shareDatabaseOf.databaseUrl, drop: async () => undefined }
    : await createTestDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'pace-app-'));
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    PACE_DATA_DIR: dataDir,
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
    NODE_ENV: 'test',
    // base models come from the app's own models folder (the default root) and the shared tiny models (issue 14 item 5)
    PACE_MODEL_ROOTS: [join(dataDir, 'models'), TINY_MODELS_DIR].join(':'),
    ...envOverrides,
  });
  resetEnvCache();
  const app = await createApp({ logger: ['error'], providers: options.providers });
  await app.init();
  const http = request(app.getHttpServer());
  const tokens = new Map<Role, string>();
  const ids = new Map<Role, string>();

  return {
    app,
    http,
    db: app.get(DataSource),
    databaseUrl: database.url,
    dataDir,
    async tokenFor(role) {
      const cached = tokens.get(role);
      if (cached) return cached;
      const email = `${role}@test.pace`;
      const password = `${role}-password-123`;
      const user = await app.get(UsersService).create({ email, name: role, role, password }, null);
      ids.set(role, user.id);
      const res = await http.post('/api/auth/login').send({ email, password }).expect(200);
      tokens.set(role, res.body.accessToken);
      return res.body.accessToken;
    },
    userId(role) {
      return ids.get(role)!;
    },
    async close() {
      await app.close();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
      for (const k of Object.keys(envOverrides)) delete process.env[k];
    },
  };
}
