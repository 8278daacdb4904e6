import { Injectable } from '@nestjs/common';
import { ExportRunner } from '../../server/exports/export-runner';
import { JobHandler, JobName, JobPayloads } from '../../server/queue/jobs';

@Injectable()
export class ExportDatasetJob implements JobHandler<JobName.ExportDataset> {
  readonly name = JobName.ExportDataset;

  constructor(private readonly runner: ExportRunner) {}

  handle({ exportId }: JobPayloads[JobName.ExportDataset]): Promise<void> {
    return this.runner.run(exportId);
  }
}
