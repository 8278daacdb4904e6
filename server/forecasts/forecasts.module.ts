import { Module } from '@nestjs/common';
import { ExperimentsModule } from '../experiments/experiments.module';
import { ForecastsCsv } from '../growth/growth-selection';
import { GrowthModule } from '../growth/growth.module';
import { ForecastsController } from './forecasts.controller';
import { ForecastsRepository } from './forecasts.repository';
import { ForecastsService } from './forecasts.service';

/**
 * Forecasts recorded when a run is queued and checked when its results land (issue 13 item 5). It listens to
 * RunQueuedHooks and RunLandedHooks, so experiments, training and evaluations never import it; the server and the
 * worker both import it (the landing is seen where evaluations and training run).
 */
@Module({
  imports: [ExperimentsModule, GrowthModule],
  controllers: [ForecastsController],
  // ForecastsCsv: what the growth export (GET /api/growth/export/forecasts.csv) looks up, without importing forecasts
  providers: [ForecastsService, ForecastsRepository, { provide: ForecastsCsv, useExisting: ForecastsService }],
  exports: [ForecastsService],
})
export class ForecastsModule {}
