import { ItemsModule } from '../items/items.module';
import { Module } from '@nestjs/common';
import { ReviewsModule } from '../reviews/reviews.module';
import { RevisionsController } from './revisions.controller';
import { RevisionsRepository } from './revisions.repository';
import { RevisionsService } from './revisions.service';

@Module({ imports: [ReviewsModule, ItemsModule], controllers: [RevisionsController], providers: [RevisionsService, RevisionsRepository] })
export class RevisionsModule {}
