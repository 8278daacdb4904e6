import { Module } from '@nestjs/common';
import { GrowthRepository } from './growth.repository';
import { GrowthService } from './growth.service';

/** The growth-pace analysis over stored runs: curves, fits, probe measures (issue 13). */
@Module({
  providers: [GrowthRepository, GrowthService],
  exports: [GrowthService, GrowthRepository],
})
export class GrowthModule {}
