import { Injectable } from '@nestjs/common';
import { FreezeRunner } from '../../server/datasets/freeze/freeze-runner';
import { JobHandler, JobName, JobPayloads } from '../../server/queue/jobs';

@Injectable()
export class FreezeDatasetJob implements JobHandler<JobName.FreezeDataset> {
  readonly name = JobName.FreezeDataset;

  constructor(private readonly runner: FreezeRunner) {}

  handle({ versionId }: JobPayloads[JobName.FreezeDataset]): Promise<void> {
    return this.runner.run(versionId);
  }
}
