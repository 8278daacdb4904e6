import { Injectable } from '@nestjs/common';
import { JobHandler, JobName, JobPayloads } from '../../server/queue/jobs';

// Placeholder until the evaluation worker lands (issue 6).
@Injectable()
export class EvaluateCheckpointJob implements JobHandler<JobName.EvaluateCheckpoint> {
  readonly name = JobName.EvaluateCheckpoint;

  handle(_: JobPayloads[JobName.EvaluateCheckpoint]): Promise<void> {
    return Promise.reject(new Error('evaluation is not built yet'));
  }
}
