import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { PUBLIC_KEY, ROLES_KEY } from '../common/access.decorators';
import type { Role } from '../users/user.entity';
import { TokensService } from './tokens.service';

/** Global guard: verifies the bearer token and the route's roles. A route without @Roles or @Public is refused. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokensService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!roles) throw new ForbiddenException('This route declares no access rule');

    const req = ctx.switchToHttp().getRequest();
    const header: string | undefined = req.headers.authorization;
    if (!header?.startsWith('Bearer ')) throw new UnauthorizedException('Missing bearer token');
    const user = await this.tokens.verifyAccess(header.slice(7));
    if (!roles.includes(user.role)) {
      throw new ForbiddenException(`Role "${user.role}" may not ${req.method} ${req.route?.path ?? req.url}`);
    }
    req.user = user;
    return true;
  }
}
