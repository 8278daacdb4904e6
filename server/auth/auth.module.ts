import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { env } from '../config/env';
import { UsersModule } from '../users/users.module';
import { AuthSessionsModule } from '../sessions/auth-sessions.module';
import { AuthSessionsService } from './auth-sessions.service';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { jwtSecret } from './jwt-secret';
import { LoginFailuresRepository } from './login-failures.repository';
import { LoginLimitInterceptor } from './login-limit.interceptor';
import { LoginLimitsService } from './login-limits.service';
import { TokensService } from './tokens.service';

@Module({
  imports: [
    UsersModule,
    AuthSessionsModule,
    // A KeyObject, not a string: jsonwebtoken otherwise tries to parse the secret as a public key on every verify
    JwtModule.registerAsync({ useFactory: () => ({ secret: createSecretKey(Buffer.from(jwtSecret(env()))) as unknown as Buffer }) }),
  ],
  controllers: [AuthController],
  providers: [AuthService, AuthSessionsService, TokensService, LoginFailuresRepository, LoginLimitsService, LoginLimitInterceptor, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [TokensService],
})
export class AuthModule {}
