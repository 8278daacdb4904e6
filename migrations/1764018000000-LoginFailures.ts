import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed sign-ins, counted in PostgreSQL so that every server instance on the database enforces the same limits
 * (issue 14 item 3): per account (keyed by the email tried, known or not — an unknown one is limited alike, so a 429
 * tells nothing about which accounts exist) with the time of its latest failure, from which the progressive delay
 * follows; and per client address, one row per failure, counted over the last minute. A successful sign-in deletes
 * its account's row; old rows are pruned as new failures arrive.
 */
export class LoginFailures1764018000000 implements MigrationInterface {
  name = 'LoginFailures1764018000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE login_account_failures (
        email text PRIMARY KEY,
        failures integer NOT NULL CHECK (failures > 0),
        last_failure_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX login_account_failures_last_failure_at ON login_account_failures (last_failure_at)`);
    await q.query(`
      CREATE TABLE login_address_failures (
        id bigserial PRIMARY KEY,
        address text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX login_address_failures_address_at ON login_address_failures (address, at)`);
    await q.query(`CREATE INDEX login_address_failures_at ON login_address_failures (at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_address_failures`);
    await q.query(`DROP TABLE login_account_failures`);
  }
}
