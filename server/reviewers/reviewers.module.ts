import { Module } from '@nestjs/common';
import { ReviewsModule } from '../reviews/reviews.module';
import { ReviewersController } from './reviewers.controller';
import { ReviewersService } from './reviewers.service';

@Module({ imports: [ReviewsModule], controllers: [ReviewersController], providers: [ReviewersService] })
export class ReviewersModule {}
