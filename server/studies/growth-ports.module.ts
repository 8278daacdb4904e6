import { Global, Module } from '@nestjs/common';
import { ExperimentsModule } from '../experiments/experiments.module';
import { TrainCountsService } from '../experiments/train-counts.service';
import { StudyRuns, TrainCounts } from '../growth/growth-selection';
import { StudiesRepository } from './studies.repository';
import { StudyRunsReader } from './study-runs.reader';

/**
 * Binds the growth reader's ports (server/growth/growth-selection.ts): StudyRuns to the studies' tables and TrainCounts
 * to the experiments' TrainCountsService. Global, because the growth domain must not import studies or experiments
 * (experiments binding a growth token would close an import cycle as soon as growth needs anything of experiments);
 * GrowthService takes both as optional, so a process without studies still reads explicit sets of runs.
 */
@Global()
@Module({
  imports: [ExperimentsModule],
  providers: [StudiesRepository, { provide: StudyRuns, useClass: StudyRunsReader }, { provide: TrainCounts, useExisting: TrainCountsService }],
  exports: [StudyRuns, TrainCounts],
})
export class GrowthPortsModule {}
