import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { DatabaseModule } from '../database/database.module';
import { DatasetsModule } from '../datasets/datasets.module';
import { EvaluationsModule } from '../evaluations/evaluations.module';
import { EvaluationsService } from '../evaluations/evaluations.service';
import { EventsModule } from '../events/events.module';
import { ExperimentsModule } from '../experiments/experiments.module';
import { ImportsModule } from '../imports/imports.module';
import { QueueModule } from '../queue/queue.module';
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
