import { Injectable } from '@nestjs/common';
import { ImportRunner } from '../../server/imports/pipeline/import-runner';
import { JobHandler, JobName, JobPayloads } from '../../server/queue/jobs';

@Injectable()
export class ImportFileJob implements JobHandler<JobName.Import> {
  readonly name = JobName.Import;

  constructor(private readonly runner: ImportRunner) {}

  handle({ importId }: JobPayloads[JobName.Import]): Promise<void> {
    return this.runner.run(importId);
  }
}
