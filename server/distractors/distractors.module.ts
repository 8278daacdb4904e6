import { Module } from '@nestjs/common';
import { ReviewsModule } from '../reviews/reviews.module';
import { DistractorsController } from './distractors.controller';
import { DistractorsRepository } from './distractors.repository';
import { DistractorsService } from './distractors.service';

@Module({ imports: [ReviewsModule], controllers: [DistractorsController], providers: [DistractorsService, DistractorsRepository] })
export class DistractorsModule {}
