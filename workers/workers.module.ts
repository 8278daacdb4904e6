import { Module } from '@nestjs/common';
import { ImportsModule } from '../server/imports/imports.module';
import { ImportFileJob } from './imports/import-file.job';
import { JobRunnerService } from './job-runner.service';

/** The job handlers; imported by `npm run worker` and, for CPU jobs, by the server's in-process worker. */
@Module({ imports: [ImportsModule], providers: [ImportFileJob, JobRunnerService], exports: [JobRunnerService] })
export class WorkersModule {}
