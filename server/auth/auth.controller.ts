import { Body, Controller, Get, HttpCode, Post, Req, Res, UnauthorizedException, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ALL_ROLES, Public, Roles } from '../common/access.decorators';
import { AuthUser, CurrentUser } from '../common/current-user.decorator';
import { AuthService } from './auth.service';
import { ChangePasswordDto, LoginDto, RefreshDto } from './dto/login.dto';
import { LoginLimitInterceptor } from './login-limit.interceptor';
import { clearRefreshCookie, readRefreshCookie, setRefreshCookie } from './refresh-cookie';
import type { SessionUser } from './tokens.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** The refresh token is set as the HttpOnly `pace_refresh` cookie, not answered in the body. */
  @Public()
  @UseInterceptors(LoginLimitInterceptor)
  @Post('login')
  @HttpCode(200)
  async login(@Body() dto: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const { body, refreshToken } = await this.auth.login(dto.email, dto.password, req.headers['user-agent'] ?? null);
    setRefreshCookie(req, res, refreshToken!);
    return body;
  }

  /**
   * Rotates the refresh token from the cookie, or from the body (`{ refreshToken }`, for scripted clients, who then
   * get its successor in the body). A refused refresh also clears the cookie.
   */
  @Public()
  @Post('refresh')
  @HttpCode(200)
  async refresh(@Body() dto: RefreshDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const token = dto.refreshToken ?? readRefreshCookie(req);
    try {
      if (!token) throw new UnauthorizedException('No refresh token (the pace_refresh cookie or a refreshToken field): sign in again');
      const { body, refreshToken } = await this.auth.refresh(token);
      if (dto.refreshToken !== undefined) return { ...body, refreshToken };
      if (refreshToken) setRefreshCookie(req, res, refreshToken);
      return body;
    } catch (e) {
      if (dto.refreshToken === undefined) clearRefreshCookie(req, res);
      throw e;
    }
  }

  /** Signs out this session (the one the bearer token was issued for) and clears the cookie. */
  @ApiBearerAuth()
  @Roles(...ALL_ROLES)
  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentUser() user: AuthUser, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    await this.auth.logout(user as SessionUser);
    clearRefreshCookie(req, res);
  }

  /** Signs out every session of the caller, this one included. */
  @ApiBearerAuth()
  @Roles(...ALL_ROLES)
  @Post('logout-all')
  @HttpCode(204)
  async logoutAll(@CurrentUser() user: AuthUser, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    await this.auth.logoutAll(user as SessionUser);
    clearRefreshCookie(req, res);
  }

  @ApiBearerAuth()
  @Roles(...ALL_ROLES)
  @Get('me')
  me(@CurrentUser() user: AuthUser) {
    return this.auth.me(user);
  }

  @ApiBearerAuth()
  @Roles(...ALL_ROLES)
  @Post('password')
  @HttpCode(204)
  async changePassword(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto) {
    await this.auth.changePassword(user as SessionUser, dto.currentPassword, dto.newPassword);
  }
}
