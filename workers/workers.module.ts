import { Module } from '@nestjs/common';
import { DatasetsModule } from '../server/datasets/datasets.module';
import { ExportsModule } from '../server/exports/exports.module';
import { ImportsModule } from '../server/imports/imports.module';
import { FreezeDatasetJob } from './datasets/freeze-dataset.job';
import { EvaluateCheckpointJob } from './evaluations/evaluate-checkpoint.job';
import { ExportDatasetJob } from './exports/export-dataset.job';
import { ImportFileJob } from './imports/import-file.job';
import { JobRunnerService } from './job-runner.service';
import { ApplyPoliciesJob } from './training/apply-policies.job';
import { TrainExperimentJob } from './training/train-experiment.job';

/** The job handlers; imported by `npm run worker` and, for CPU jobs, by the server's in-process worker. */
@Module({
  imports: [ImportsModule, DatasetsModule, ExportsModule],
  providers: [ImportFileJob, FreezeDatasetJob, ExportDatasetJob, ApplyPoliciesJob, TrainExperimentJob, EvaluateCheckpointJob, JobRunnerService],
  exports: [JobRunnerService],
})
export class WorkersModule {}
