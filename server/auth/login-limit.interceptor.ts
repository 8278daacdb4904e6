import { CallHandler, ExecutionContext, Injectable, NestInterceptor, UnauthorizedException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { catchError, mergeMap, type Observable } from 'rxjs';
import { LoginLimitedException, LoginLimitsService } from './login-limits.service';

/**
 * Wraps POST /auth/login in the sign-in limits: a limited attempt is answered 429 with Retry-After before any
 * password is checked; a 401 counts as a failure; a success clears the account's count. The client address is
 * Express's `req.ip`, which believes X-Forwarded-For only from the proxies TRUST_PROXY names.
 */
@Injectable()
export class LoginLimitInterceptor implements NestInterceptor {
  constructor(private readonly limits: LoginLimitsService) {}

  async intercept(ctx: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = ctx.switchToHttp().getRequest<Request>();
    const email = typeof req.body?.email === 'string' ? req.body.email : null;
    const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const attempt = await this.limits.begin(email, address).catch((e: unknown) => {
      if (e instanceof LoginLimitedException) ctx.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(e.retryAfterS));
      throw e;
    });
    return next.handle().pipe(
      mergeMap(async (body: unknown) => {
        await this.limits.succeeded(attempt);
        return body;
      }),
      catchError(async (e: unknown) => {
        await (e instanceof UnauthorizedException ? this.limits.failed() : this.limits.abandoned(attempt));
        throw e;
      }),
    );
  }
}
