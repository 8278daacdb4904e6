import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { env } from '../config/env';
import type { AuthUser, IssuedTokens } from './auth-views';
import type { Role } from '../users/user.entity';

interface TokenClaims {
  sub: string;
  email: string;
  role: Role;
  typ: 'access' | 'refresh';
}

@Injectable()
export class TokensService {
  constructor(
    private readonly jwt: JwtService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  issue(user: AuthUser): IssuedTokens {
    const claims = { sub: user.id, email: user.email, role: user.role };
    const expiresIn = env().ACCESS_TOKEN_TTL_S;
    return {
      accessToken: this.jwt.sign({ ...claims, typ: 'access' }, { expiresIn }),
      refreshToken: this.jwt.sign({ ...claims, typ: 'refresh' }, { expiresIn: env().REFRESH_TOKEN_TTL_S }),
      expiresIn,
    };
  }

  /** Checks the signature and that the user still exists, is active and has the same role. */
  async verifyAccess(token: string): Promise<AuthUser> {
    return this.verify(token, 'access');
  }

  async verifyRefresh(token: string): Promise<AuthUser> {
    return this.verify(token, 'refresh');
  }

  private async verify(token: string, typ: TokenClaims['typ']): Promise<AuthUser> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch {
      throw new UnauthorizedException('Invalid or expired token');
    }
    if (claims.typ !== typ) throw new UnauthorizedException(`Expected a ${typ} token`);
    const [row] = await this.db.query('SELECT id, email, role, active, paused FROM users WHERE id = $1', [claims.sub]);
    if (!row || !row.active) throw new UnauthorizedException('Account is disabled or no longer exists');
    return { id: row.id, email: row.email, role: row.role, paused: row.paused };
  }
}
