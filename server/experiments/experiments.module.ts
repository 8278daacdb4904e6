import { Module } from '@nestjs/common';
import { RecipesModule } from '../recipes/recipes.module';
import { BaseModelsController } from './base-models.controller';
import { BaseModelsRepository } from './base-models.repository';
import { BaseModelsService } from './base-models.service';
import { ExperimentChartsController } from './experiment-charts.controller';
import { ExperimentChartsService } from './experiment-charts.service';
import { ExperimentEvents } from './experiment-events';
import { ExperimentsController } from './experiments.controller';
import { ExperimentsRepository } from './experiments.repository';
import { RunQueuedHooks } from './run-queued-hooks';
import { ExperimentsService } from './experiments.service';
import { PoliciesController } from './policies.controller';
import { PoliciesRepository } from './policies.repository';
import { PoliciesService } from './policies.service';
import { TrainCountsService } from './train-counts.service';
import { TrainingRecordsRepository } from './training-records.repository';

/** Base models, experiment policies and experiments (runs): the API, and what the training worker records through. */
@Module({
  imports: [RecipesModule],
  controllers: [BaseModelsController, PoliciesController, ExperimentsController, ExperimentChartsController],
  providers: [ExperimentChartsService, BaseModelsService, BaseModelsRepository, PoliciesService, PoliciesRepository, ExperimentsService, ExperimentsRepository, TrainingRecordsRepository, ExperimentEvents, RunQueuedHooks, TrainCountsService],
  exports: [ExperimentsService, RunQueuedHooks, TrainCountsService, BaseModelsRepository, PoliciesService, ExperimentsRepository, TrainingRecordsRepository, ExperimentEvents, RecipesModule],
})
export class ExperimentsModule {}
