import { Module } from '@nestjs/common';
import { AuthSessionsRepository } from './auth-sessions.repository';

/** The session store, on its own so that UsersModule (revocation on a reset, deactivation or role change) and AuthModule both use it without importing each other. */
@Module({ providers: [AuthSessionsRepository], exports: [AuthSessionsRepository] })
export class AuthSessionsModule {}
