import { Module } from '@nestjs/common';
import { GrowthChartsService } from './growth-charts.service';
import { GrowthExportsService } from './growth-exports.service';
import { GrowthFileNames } from './growth-file-names';
import { GrowthLive } from './growth-live';
import { GrowthController } from './growth.controller';
import { GrowthRepository } from './growth.repository';
import { GrowthService } from './growth.service';
import { ProbeRepository } from './probe.repository';
import { ProbeService } from './probe.service';
import { RecipeComparisonService } from './recipe-comparison.service';

/** The growth-pace analysis over stored runs: curves, fits, probe measures, their charts and CSV files, live updates (issue 13). */
@Module({
  controllers: [GrowthController],
  providers: [GrowthRepository, GrowthService, ProbeRepository, ProbeService, GrowthFileNames, GrowthChartsService, GrowthExportsService, GrowthLive, RecipeComparisonService],
  exports: [GrowthService, GrowthRepository, ProbeService, GrowthChartsService, GrowthExportsService],
})
export class GrowthModule {}
