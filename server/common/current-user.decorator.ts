import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Role } from '../users/user.entity';

export interface AuthUser {
  id: string;
  email: string;
  role: Role;
  /** Paused by a lead: no new work from the queues. */
  paused?: boolean;
}

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest().user;
});
