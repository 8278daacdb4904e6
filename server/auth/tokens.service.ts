import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { env } from '../config/env';
import type { AuthUser } from './auth-views';
import type { Role } from '../users/user.entity';
import { AuthSessionsRepository } from '../sessions/auth-sessions.repository';
import { UUID } from '../common/uuid';

interface AccessClaims {
  sub: string;
  email: string;
  role: Role;
  /** The session (refresh-token family) this token was issued for. */
  sid: string;
  typ: 'access';
  exp?: number;
}

/** The user an access token stands for, and the session it was issued for. */
export interface SessionUser extends AuthUser {
  sessionId: string;
}

/** Access tokens: short-lived JWTs naming their session. Refresh tokens are opaque and stored (AuthSessionsService). */
@Injectable()
export class TokensService {
  constructor(
    private readonly jwt: JwtService,
    private readonly sessions: AuthSessionsRepository,
  ) {}

  access(user: AuthUser, sessionId: string): { accessToken: string; expiresIn: number } {
    const expiresIn = env().ACCESS_TOKEN_TTL_S;
    const claims: AccessClaims = { sub: user.id, email: user.email, role: user.role, sid: sessionId, typ: 'access' };
    return { accessToken: this.jwt.sign(claims, { expiresIn }), expiresIn };
  }

  /**
   * Checks the signature and expiry (a token without `exp` is refused: it would never lapse), then, in one query,
   * that the user still exists and is active and that the token's session has not been revoked (signed out, password
   * changed, reset, role changed, reuse detected). The role answered is the stored one.
   */
  async verifyAccess(token: string): Promise<SessionUser> {
    let claims: AccessClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessClaims>(token);
    } catch {
      throw new UnauthorizedException('Invalid or expired token');
    }
    if (claims.typ !== 'access') throw new UnauthorizedException('Expected an access token');
    if (typeof claims.exp !== 'number') throw new UnauthorizedException('Token has no expiry (exp)');
    if (typeof claims.sid !== 'string' || !UUID.test(claims.sid) || typeof claims.sub !== 'string' || !UUID.test(claims.sub)) {
      throw new UnauthorizedException('Token names no session; sign in again');
    }
    const row = await this.sessions.userOfSession(claims.sub, claims.sid);
    if (!row || !row.active) throw new UnauthorizedException('Account is disabled or no longer exists');
    if (row.live !== true) throw new UnauthorizedException('This session has been signed out');
    return { id: row.id, email: row.email, role: row.role, paused: row.paused, sessionId: claims.sid };
  }
}
