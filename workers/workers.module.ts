import { Module } from '@nestjs/common';
import { DatasetsModule } from '../server/datasets/datasets.module';
import { EvaluationsModule } from '../server/evaluations/evaluations.module';
import { EvaluationsService } from '../server/evaluations/evaluations.service';
import { ExperimentsModule } from '../server/experiments/experiments.module';
import { ExportsModule } from '../server/exports/exports.module';
import { ForecastsModule } from '../server/forecasts/forecasts.module';
import { GrowthModule } from '../server/growth/growth.module';
import { ImportsModule } from '../server/imports/imports.module';
import { SynthesisModule } from '../server/synthesis/synthesis.module';
import { StudiesModule } from '../server/studies/studies.module';
import { TrainingModule } from '../server/training/training.module';
import { FreezeDatasetJob } from './datasets/freeze-dataset.job';
import { EvaluateCheckpointJob } from './evaluations/evaluate-checkpoint.job';
import { ExportDatasetJob } from './exports/export-dataset.job';
import { ImportFileJob } from './imports/import-file.job';
import { DraftTaxonomyJob } from './synthesis/draft-taxonomy.job';
import { TaxonomiesModule } from '../server/synthesis/taxonomies/taxonomies.module';
import { JobRunnerService } from './job-runner.service';
import { ApplyPoliciesJob } from './training/apply-policies.job';
import { TrainExperimentJob } from './training/train-experiment.job';
import { SynthesisRunJob } from './synthesis/synthesis-run.job';
import { IngestSynthesisJob } from './synthesis/ingest-synthesis.job';
import { SynthesisIngestModule } from '../server/synthesis/ingest/synthesis-ingest.module';
import { WORKER_PROVIDERS } from './worker-providers';

/** The job handlers; imported by `npm run worker` and, for CPU jobs, by the server's in-process worker. */
@Module({
  imports: [
    ImportsModule,
    DatasetsModule,
    ExportsModule,
    ExperimentsModule,
    EvaluationsModule,
    // follows its runs' progress (`study.progress`) and links the runs a following study's policies queue
    StudiesModule,
    // forecasts are checked where evaluations land and runs finish (RunLandedHooks)
    ForecastsModule,
    GrowthModule, // growth.updated when an evaluation lands
    TaxonomiesModule, // LLM drafts of a taxonomy
    SynthesisModule,
    SynthesisIngestModule,
    TrainingModule.register({ imports: [EvaluationsModule], evaluator: EvaluationsService, host: WORKER_PROVIDERS }),
  ],
  providers: [
    ImportFileJob,
    FreezeDatasetJob,
    ExportDatasetJob,
    ApplyPoliciesJob,
    TrainExperimentJob,
    EvaluateCheckpointJob,
    DraftTaxonomyJob,
    SynthesisRunJob,
    IngestSynthesisJob,
    JobRunnerService,
  ],
  exports: [JobRunnerService],
})
export class WorkersModule {}
