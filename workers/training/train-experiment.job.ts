import { Injectable } from '@nestjs/common';
import { JobHandler, JobName, JobPayloads } from '../../server/queue/jobs';
import { TrainingRunner } from '../../server/training/training-runner';

/** Trains (or resumes) one experiment; throws only when the trainer was killed, so pg-boss retries and it resumes. */
@Injectable()
export class TrainExperimentJob implements JobHandler<JobName.TrainExperiment> {
  readonly name = JobName.TrainExperiment;

  constructor(private readonly runner: TrainingRunner) {}

  handle({ experimentId }: JobPayloads[JobName.TrainExperiment]): Promise<void> {
    return this.runner.run(experimentId);
  }
}
