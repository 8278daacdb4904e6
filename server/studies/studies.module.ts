import { Module } from '@nestjs/common';
import { EvaluationsModule } from '../evaluations/evaluations.module';
import { ExperimentsModule } from '../experiments/experiments.module';
import { GrowthPortsModule } from './growth-ports.module';
import { StudiesController } from './studies.controller';
import { StudiesRepository } from './studies.repository';
import { StudiesService } from './studies.service';
import { StudyEvents } from './study-events';
import { StudyGridService } from './study-grid.service';
import { StudyViewBuilder } from './study-view.builder';

/**
 * Studies (issue 13 item 1): named grids of runs, their live progress and the runs following studies' policies queue.
 * Imported by the server, the worker (whose runs' progress and policy runs it follows) and the CLI.
 */
@Module({
  imports: [ExperimentsModule, EvaluationsModule, GrowthPortsModule],
  controllers: [StudiesController],
  providers: [StudiesService, StudiesRepository, StudyGridService, StudyViewBuilder, StudyEvents],
  exports: [StudiesService],
})
export class StudiesModule {}
