import { BadRequestException, Injectable, Optional, UnauthorizedException } from '@nestjs/common';
import { AccessChanges } from '../users/access-changes';
import { UsersService } from '../users/users.service';
import type { AuthUser, TokenResponse } from './auth-views';
import { AuthSessionsService } from './auth-sessions.service';
import { TokensService, type SessionUser } from './tokens.service';

/** A sign-in or refresh: the JSON answer, and the refresh token the controller puts in the cookie (or the body). */
export interface SignedIn {
  body: TokenResponse;
  refreshToken?: string;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: TokensService,
    private readonly sessions: AuthSessionsService,
    @Optional() private readonly accessChanges?: AccessChanges,
  ) {}

  async login(email: string, password: string, userAgent: string | null): Promise<SignedIn> {
    const user = await this.users.verifyPassword(email, password);
    if (!user) throw new UnauthorizedException('Wrong email or password');
    const { sessionId, refreshToken } = await this.sessions.start(user, userAgent);
    return { body: { ...this.tokens.access(user, sessionId), user }, refreshToken };
  }

  async refresh(refreshToken: string): Promise<SignedIn> {
    const { user, sessionId, refreshToken: successor } = await this.sessions.refresh(refreshToken);
    return { body: { ...this.tokens.access(user, sessionId), user }, refreshToken: successor };
  }

  /** Signs out this session: its refresh token and every access token issued for it stop working at once. */
  async logout(user: SessionUser): Promise<void> {
    await this.sessions.logout(user.sessionId);
  }

  /** "Sign out everywhere": every session of the user, this one included; live sockets are told. */
  async logoutAll(user: SessionUser): Promise<void> {
    await this.sessions.logoutAll(user.id);
    await this.accessChanges?.revoked(user.id, 'signed-out');
  }

  /**
   * A wrong current password is a 400, not a 401: the caller's token is fine, and clients take a 401 to mean
   * their session is over (they refresh, then sign out). The caller's own session stays; every other one ends.
   */
  async changePassword(user: SessionUser, currentPassword: string, newPassword: string): Promise<void> {
    if (!(await this.users.verifyPassword(user.email, currentPassword))) {
      throw new BadRequestException('currentPassword: wrong password');
    }
    await this.users.setPassword(user.id, newPassword, user.id, { keepSession: user.sessionId, field: 'newPassword' });
  }

  /** GET /auth/me: the user, without the session id. */
  me({ id, email, role, paused }: AuthUser): AuthUser {
    return { id, email, role, paused };
  }
}
