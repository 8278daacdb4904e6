import { Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { env } from '../config/env';
import type { AuthUser } from './auth-views';
import { AuthSessionsRepository } from '../sessions/auth-sessions.repository';

/** What a refresh yields: the user and session, and the successor refresh token (absent when answered within the grace). */
export interface Refreshed {
  user: AuthUser;
  sessionId: string;
  refreshToken?: string;
}

export const hashRefreshToken = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();
const newRefreshToken = () => randomBytes(32).toString('base64url');

/**
 * Sessions as refresh-token families (issue 14 item 1). A refresh token is 32 random bytes, stored as its SHA-256.
 * Each refresh rotates it; the rotated token presented again within REFRESH_REUSE_GRACE_S (two tabs that refreshed at
 * once) gets the same session's access token and no new refresh token — the browser keeps the successor the first
 * answer set; presented later, it is taken for a stolen copy and the whole family is revoked.
 */
@Injectable()
export class AuthSessionsService {
  private readonly logger = new Logger(AuthSessionsService.name);

  constructor(private readonly repo: AuthSessionsRepository) {}

  async start(user: AuthUser, userAgent: string | null): Promise<{ sessionId: string; refreshToken: string }> {
    const refreshToken = newRefreshToken();
    const sessionId = await this.repo.start(user.id, userAgent?.slice(0, 500) ?? null, hashRefreshToken(refreshToken), env().REFRESH_TOKEN_TTL_S);
    return { sessionId, refreshToken };
  }

  /** Rotates the token under a row lock, so that concurrent refreshes of one token are decided one after the other. */
  async refresh(refreshToken: string): Promise<Refreshed> {
    const hash = hashRefreshToken(refreshToken);
    const outcome = await this.repo.transaction(async (m): Promise<Refreshed | { reused: string } | { refused: string }> => {
      const token = await this.repo.lockToken(m, hash);
      if (!token || token.expired) return { refused: 'Invalid or expired refresh token' };
      if (!token.user.active) return { refused: 'Account is disabled or no longer exists' };
      if (token.sessionRevoked) return { refused: 'This session has been signed out' };
      const user: AuthUser = { id: token.user.id, email: token.user.email, role: token.user.role, paused: token.user.paused };
      if (token.rotated) {
        if (token.rotatedAgoS !== null && token.rotatedAgoS <= env().REFRESH_REUSE_GRACE_S) return { user, sessionId: token.sessionId };
        await this.repo.revoke(token.sessionId, 'reused', m);
        return { reused: token.sessionId };
      }
      const successor = newRefreshToken();
      await this.repo.rotate(m, token.sessionId, hash, hashRefreshToken(successor), env().REFRESH_TOKEN_TTL_S);
      return { user, sessionId: token.sessionId, refreshToken: successor };
    });
    if ('refused' in outcome) throw new UnauthorizedException(outcome.refused);
    if ('reused' in outcome) {
      this.logger.warn(`A rotated refresh token was used again after the grace period: session ${outcome.reused} revoked`);
      throw new UnauthorizedException('This refresh token was already used; its session has been signed out everywhere it was open');
    }
    return outcome;
  }

  logout(sessionId: string): Promise<void> {
    return this.repo.revoke(sessionId, 'logout');
  }

  logoutAll(userId: string): Promise<number> {
    return this.repo.revokeAllOf(userId, 'signed-out');
  }
}
