import { ItemsModule } from '../items/items.module';
import { Module } from '@nestjs/common';
import { AgreementModule } from '../agreement/agreement.module';
import { MyWorkController } from './my-work.controller';
import { MyWorkRepository } from './my-work.repository';
import { MyWorkService } from './my-work.service';
import { ReviewQueriesService } from './review-queries.service';
import { ReviewsController } from './reviews.controller';
import { ReviewsLiveService } from './reviews-live.service';
import { ReviewsRepository } from './reviews.repository';
import { ReviewsService } from './reviews.service';
import { StageOrderRepository } from './stage-order.repository';
import { StageOrderService } from './stage-order.service';

@Module({
  imports: [AgreementModule, ItemsModule],
  controllers: [ReviewsController, MyWorkController],
  providers: [ReviewsService, MyWorkService, MyWorkRepository, ReviewsRepository, ReviewQueriesService, ReviewsLiveService, StageOrderRepository, StageOrderService],
  exports: [ReviewsRepository, ReviewsLiveService],
})
export class ReviewsModule {}
