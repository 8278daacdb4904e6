import { Module } from '@nestjs/common';
import { ReviewsModule } from '../reviews/reviews.module';
import { LeaseHandoverRepository } from './lease-handover.repository';
import { LeaseReassignmentService } from './lease-reassignment.service';
import { ReviewersController } from './reviewers.controller';
import { ReviewersService } from './reviewers.service';

@Module({ imports: [ReviewsModule], controllers: [ReviewersController], providers: [ReviewersService, LeaseReassignmentService, LeaseHandoverRepository] })
export class ReviewersModule {}
