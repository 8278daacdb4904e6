import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { DatabaseModule } from '../database/database.module';
import { DatasetsModule } from '../datasets/datasets.module';
import { EvaluationsModule } from '../evaluations/evaluations.module';
import { EvaluationsService } from '../evaluations/evaluations.service';
import { EventsModule } from '../events/events.module';
import { ExperimentsModule } from '../experiments/experiments.module';
import { ForecastsModule } from '../forecasts/forecasts.module';
import { GrowthModule } from '../growth/growth.module';
import { GuidanceModule } from '../guidance/guidance.module';
import { ImportsModule } from '../imports/imports.module';
import { QueueModule } from '../queue/queue.module';
import { GrowthPortsModule } from '../studies/growth-ports.module';
import { StudiesModule } from '../studies/studies.module';
import { TrainingModule } from '../training/training.module';

@Module({ imports: [DatabaseModule, QueueModule, EventsModule, AuditModule, ImportsModule, DatasetsModule] })
export class CliModule {}

/**
 * What `npm run cli -- experiment …` needs: the experiments module and the training runner, its checkpoint evaluator
 * bound to evaluations here (training sits below evaluations), and `host`: this process's name and GPUs
 * (PACE_WORKER_GPUS), the worker shell's providers, which main.ts passes in.
 */
@Module({})
export class ExperimentCliModule {
  static forRoot(host: Provider[]): DynamicModule {
    return {
      module: ExperimentCliModule,
      imports: [
        DatabaseModule,
        QueueModule,
        EventsModule,
        AuditModule,
        ExperimentsModule,
        EvaluationsModule,
        TrainingModule.register({ imports: [EvaluationsModule], evaluator: EvaluationsService, host }),
        // a study's run trained here still updates the study's live progress
        StudiesModule,
      ],
    };
  }
}

/**
 * What `npm run cli -- growth …` needs: the growth module and what it stands on, the studies' ports (--study) and the
 * forecasts (growth csv forecasts). Wired here, where every domain may be imported, so growth imports neither.
 */
@Module({ imports: [DatabaseModule, QueueModule, EventsModule, AuditModule, GrowthPortsModule, GrowthModule, ForecastsModule] })
export class GrowthCliModule {}

/** What `npm run cli -- forecasts …` needs (GrowthPortsModule: a study's runs for --study). */
@Module({ imports: [DatabaseModule, QueueModule, EventsModule, AuditModule, GrowthPortsModule, ForecastsModule] })
export class ForecastsCliModule {}

/** What `npm run cli -- guidance …` needs (GrowthPortsModule: a study's runs for --study). */
@Module({ imports: [DatabaseModule, QueueModule, EventsModule, AuditModule, GrowthPortsModule, GuidanceModule] })
export class GuidanceCliModule {}
