import { BadRequestException, Injectable, UnauthorizedException } from '@nestjs/common';
import { UsersService } from '../users/users.service';
import type { AuthUser } from '../common/current-user.decorator';
import type { TokenResponse } from './auth-views';
import { TokensService } from './tokens.service';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: TokensService,
  ) {}

  async login(email: string, password: string): Promise<TokenResponse> {
    const user = await this.users.verifyPassword(email, password);
    if (!user) throw new UnauthorizedException('Wrong email or password');
    return { ...this.tokens.issue(user), user };
  }

  async refresh(refreshToken: string): Promise<TokenResponse> {
    const user = await this.tokens.verifyRefresh(refreshToken);
    return { ...this.tokens.issue(user), user };
  }

  /**
   * A wrong current password is a 400, not a 401: the caller's token is fine, and clients take a 401 to mean
   * their session is over (they refresh, then sign out).
   */
  async changePassword(user: AuthUser, currentPassword: string, newPassword: string): Promise<void> {
    if (!(await this.users.verifyPassword(user.email, currentPassword))) {
      throw new BadRequestException('currentPassword: wrong password');
    }
    await this.users.setPassword(user.id, newPassword, user.id, 'newPassword');
  }
}
