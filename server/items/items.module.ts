import { Module } from '@nestjs/common';
import { ItemStatusRepository } from './item-status.repository';
import { ItemsController } from './items.controller';
import { ItemsRepository } from './items.repository';
import { ItemsService } from './items.service';

@Module({ controllers: [ItemsController], providers: [ItemsService, ItemsRepository, ItemStatusRepository], exports: [ItemsService, ItemStatusRepository] })
export class ItemsModule {}
