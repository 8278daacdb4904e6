import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Role } from '../users/user-views';

/** Why a session (refresh-token family) ended; kept on the row. */
export type RevokedReason = 'logout' | 'signed-out' | 'password-changed' | 'password-reset' | 'deactivated' | 'role-changed' | 'reused';

/** A refresh token's row, locked, with its family and user. */
export interface LockedRefreshToken {
  sessionId: string;
  userId: string;
  expired: boolean;
  rotated: boolean;
  /** Seconds since the token was rotated (null when it was not). */
  rotatedAgoS: number | null;
  sessionRevoked: boolean;
  user: { id: string; email: string; role: Role; active: boolean; paused: boolean };
}

/** The SQL of auth_sessions and refresh_tokens (migration 1764016000000). Methods take a transaction's manager where the caller needs one. */
@Injectable()
export class AuthSessionsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** The user, and whether this session of theirs is live (exists, theirs, not revoked): one query per verified access token. */
  async userOfSession(userId: string, sessionId: string): Promise<(LockedRefreshToken['user'] & { live: boolean }) | null> {
    const [row] = await this.db.query(
      `SELECT u.id, u.email, u.role, u.active, u.paused, (s.id IS NOT NULL AND s.revoked_at IS NULL) AS live
         FROM users u LEFT JOIN auth_sessions s ON s.id = $2 AND s.user_id = u.id
        WHERE u.id = $1`,
      [userId, sessionId],
    );
    return row ?? null;
  }

  /** A new family for a sign-in, with its first refresh token. */
  async start(userId: string, userAgent: string | null, tokenHash: Buffer, ttlS: number): Promise<string> {
    return this.db.transaction(async (m) => {
      const [{ id }] = await m.query(`INSERT INTO auth_sessions (user_id, user_agent) VALUES ($1, $2) RETURNING id`, [userId, userAgent]);
      await this.insertToken(m, id, tokenHash, ttlS);
      // Expired tokens can neither refresh nor reveal a theft any more: a sign-in clears the user's old ones.
      await m.query(
        `DELETE FROM refresh_tokens t USING auth_sessions s WHERE t.session_id = s.id AND s.user_id = $1 AND t.expires_at < now()`,
        [userId],
      );
      return id as string;
    });
  }

  /** One session row per user, as a sign-in would make (test people minted without a login). */
  async startMany(userIds: string[], userAgent: string): Promise<Map<string, string>> {
    const rows: { id: string; user_id: string }[] = await this.db.query(
      `INSERT INTO auth_sessions (user_id, user_agent) SELECT unnest($1::uuid[]), $2 RETURNING id, user_id`,
      [userIds, userAgent],
    );
    return new Map(rows.map((r) => [r.user_id, r.id]));
  }

  /** Locks the token's row (concurrent refreshes of one token queue here, in PostgreSQL) and reads its state. */
  async lockToken(m: EntityManager, tokenHash: Buffer): Promise<LockedRefreshToken | null> {
    const [row] = await m.query(
      `SELECT t.session_id, s.user_id, t.expires_at <= now() AS expired, t.rotated_at IS NOT NULL AS rotated,
              extract(epoch FROM clock_timestamp() - t.rotated_at)::float8 AS rotated_ago_s, s.revoked_at IS NOT NULL AS session_revoked,
              u.email, u.role, u.active, u.paused
         FROM refresh_tokens t JOIN auth_sessions s ON s.id = t.session_id JOIN users u ON u.id = s.user_id
        WHERE t.token_hash = $1
          FOR UPDATE OF t`,
      [tokenHash],
    );
    if (!row) return null;
    return {
      sessionId: row.session_id,
      userId: row.user_id,
      expired: row.expired,
      rotated: row.rotated,
      rotatedAgoS: row.rotated_ago_s,
      sessionRevoked: row.session_revoked,
      user: { id: row.user_id, email: row.email, role: row.role, active: row.active, paused: row.paused },
    };
  }

  /** Marks `oldHash` rotated into a new token of the same family and touches the family. */
  async rotate(m: EntityManager, sessionId: string, oldHash: Buffer, newHash: Buffer, ttlS: number): Promise<void> {
    await this.insertToken(m, sessionId, newHash, ttlS);
    await m.query(`UPDATE refresh_tokens SET rotated_at = clock_timestamp(), replaced_by = $2 WHERE token_hash = $1`, [oldHash, newHash]);
    await m.query(`UPDATE auth_sessions SET last_used_at = now() WHERE id = $1`, [sessionId]);
  }

  /** Revokes one family (no-op when it already is). */
  async revoke(sessionId: string, reason: RevokedReason, m: EntityManager = this.db.manager): Promise<void> {
    await m.query(`UPDATE auth_sessions SET revoked_at = now(), revoked_reason = $2 WHERE id = $1 AND revoked_at IS NULL`, [sessionId, reason]);
  }

  /** Revokes every live family of a user, but `keep` when given; answers how many were revoked. */
  async revokeAllOf(userId: string, reason: RevokedReason, opts: { keep?: string; m?: EntityManager } = {}): Promise<number> {
    const [, count] = await (opts.m ?? this.db.manager).query(
      `UPDATE auth_sessions SET revoked_at = now(), revoked_reason = $2
        WHERE user_id = $1 AND revoked_at IS NULL AND ($3::uuid IS NULL OR id <> $3::uuid)`,
      [userId, reason, opts.keep ?? null],
    );
    return count as number;
  }

  private async insertToken(m: EntityManager, sessionId: string, tokenHash: Buffer, ttlS: number): Promise<void> {
    await m.query(
      `INSERT INTO refresh_tokens (token_hash, session_id, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))`,
      [tokenHash, sessionId, ttlS],
    );
  }
}
