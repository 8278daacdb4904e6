import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Revocable sessions (issue 14 item 1). One `auth_sessions` row per sign-in: the refresh-token family. Access tokens
 * carry its id (`sid`) and are refused once it is revoked. Each refresh token is stored only as its SHA-256; a
 * refresh rotates it (`rotated_at`, `replaced_by`), and a rotated token presented again after the grace period is
 * taken for a stolen one: the family is revoked.
 */
export class CreateAuthSessions1764016000000 implements MigrationInterface {
  name = 'CreateAuthSessions1764016000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE auth_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        revoked_reason text,
        user_agent text,
        CONSTRAINT auth_sessions_revoked_with_reason CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL))
      )`);
    await q.query(`CREATE INDEX auth_sessions_live_by_user ON auth_sessions (user_id) WHERE revoked_at IS NULL`);
    await q.query(`
      CREATE TABLE refresh_tokens (
        token_hash bytea PRIMARY KEY CHECK (length(token_hash) = 32),
        session_id uuid NOT NULL REFERENCES auth_sessions(id) ON DELETE CASCADE,
        issued_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        rotated_at timestamptz,
        replaced_by bytea REFERENCES refresh_tokens(token_hash) ON DELETE SET NULL,
        CONSTRAINT refresh_tokens_replaced_when_rotated CHECK (replaced_by IS NULL OR rotated_at IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX refresh_tokens_by_session ON refresh_tokens (session_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE refresh_tokens`);
    await q.query(`DROP TABLE auth_sessions`);
  }
}
