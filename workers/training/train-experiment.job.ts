import { Injectable } from '@nestjs/common';
import { JobHandler, JobName, JobPayloads } from '../../server/queue/jobs';

// Placeholder until the training worker lands (issue 6).
@Injectable()
export class TrainExperimentJob implements JobHandler<JobName.TrainExperiment> {
  readonly name = JobName.TrainExperiment;

  handle(_: JobPayloads[JobName.TrainExperiment]): Promise<void> {
    return Promise.reject(new Error('training is not built yet'));
  }
}
