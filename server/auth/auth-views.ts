/** What the auth API answers (POST /auth/login, /auth/refresh, GET /auth/me): dependency-free, shared with the admin UI. */
import type { Role } from '../users/user-views';

/** The signed-in user, as the access token names them (GET /auth/me). */
export interface AuthUser {
  id: string;
  email: string;
  role: Role;
  /** Paused by a lead: no new work from the queues. */
  paused?: boolean;
}

export interface IssuedTokens {
  accessToken: string;
  /** Seconds the access token lives. */
  expiresIn: number;
  /**
   * Absent for browsers: the refresh token travels only in the HttpOnly `pace_refresh` cookie (Path=/api/auth). Only a
   * scripted client that sent its refresh token in the body of POST /auth/refresh gets the rotated one back here.
   */
  refreshToken?: string;
}

/** The body of POST /auth/login and /auth/refresh. */
export interface TokenResponse extends IssuedTokens {
  user: AuthUser;
}
