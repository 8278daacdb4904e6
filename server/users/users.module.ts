import { Module } from '@nestjs/common';
import { AuthSessionsModule } from '../auth/auth-sessions.module';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({ imports: [AuthSessionsModule], controllers: [UsersController], providers: [UsersService], exports: [UsersService] })
export class UsersModule {}
