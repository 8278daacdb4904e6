import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { ThrottlerModule } from '@nestjs/throttler';
import { env } from '../config/env';
import { UsersModule } from '../users/users.module';
import { AuthSessionsModule } from './auth-sessions.module';
import { AuthSessionsService } from './auth-sessions.service';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { jwtSecret } from './jwt-secret';
import { TokensService } from './tokens.service';

@Module({
  imports: [
    UsersModule,
    AuthSessionsModule,
    // A KeyObject, not a string: jsonwebtoken otherwise tries to parse the secret as a public key on every verify
    JwtModule.registerAsync({ useFactory: () => ({ secret: createSecretKey(Buffer.from(jwtSecret(env()))) as unknown as Buffer }) }),
    ThrottlerModule.forRoot([{ name: 'login', ttl: 60_000, limit: 10 }]),
  ],
  controllers: [AuthController],
  providers: [AuthService, AuthSessionsService, TokensService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [TokensService],
})
export class AuthModule {}
