import { Module } from '@nestjs/common';
import { ExperimentsModule } from '../experiments/experiments.module';
import { GrowthModule } from '../growth/growth.module';
import { RecipesModule } from '../recipes/recipes.module';
import { GuidanceController } from './guidance.controller';
import { GuidanceRepository } from './guidance.repository';
import { GuidanceService } from './guidance.service';
import { PaceQueueService } from './pace-queue.service';

/**
 * Guidance on the data mix (quotas, saved as recipe revisions and started as runs) and on annotation hours, and the
 * pace-guided review queue's settings, whose weights the reviews domain reads from their table (issue 13 item 6).
 */
@Module({
  imports: [ExperimentsModule, GrowthModule, RecipesModule],
  controllers: [GuidanceController],
  providers: [GuidanceService, GuidanceRepository, PaceQueueService],
  exports: [GuidanceService, PaceQueueService],
})
export class GuidanceModule {}
