import { Module } from '@nestjs/common';
import { AuthSessionsModule } from '../sessions/auth-sessions.module';
import { UsersController } from './users.controller';
import { PasswordHasher } from './password-hasher';
import { UsersService } from './users.service';

@Module({ imports: [AuthSessionsModule], controllers: [UsersController], providers: [UsersService, PasswordHasher], exports: [UsersService, PasswordHasher] })
export class UsersModule {}
