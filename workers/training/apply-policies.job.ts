import { Injectable } from '@nestjs/common';
import { JobHandler, JobName, JobPayloads } from '../../server/queue/jobs';

// Placeholder until the experiments module lands (issue 6): it refuses the job, so pg-boss keeps it for a retry.
@Injectable()
export class ApplyPoliciesJob implements JobHandler<JobName.ApplyExperimentPolicies> {
  readonly name = JobName.ApplyExperimentPolicies;

  handle(_: JobPayloads[JobName.ApplyExperimentPolicies]): Promise<void> {
    return Promise.reject(new Error('experiment policies are not built yet'));
  }
}
