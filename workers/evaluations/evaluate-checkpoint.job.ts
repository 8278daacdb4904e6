import { Injectable } from '@nestjs/common';
import { EvaluationRunner } from '../../server/evaluations/runner/evaluation-runner';
import { JobHandler, JobName, JobPayloads } from '../../server/queue/jobs';

/** Runs (or resumes) one evaluation; the runner's advisory lock makes a duplicate job wait, then find it done. */
@Injectable()
export class EvaluateCheckpointJob implements JobHandler<JobName.EvaluateCheckpoint> {
  readonly name = JobName.EvaluateCheckpoint;

  constructor(private readonly runner: EvaluationRunner) {}

  handle({ evaluationId }: JobPayloads[JobName.EvaluateCheckpoint]): Promise<void> {
    return this.runner.run(evaluationId);
  }
}
