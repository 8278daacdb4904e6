import { Injectable, Logger } from '@nestjs/common';
import { PoliciesService } from '../../server/experiments/policies.service';
import { JobHandler, JobName, JobPayloads } from '../../server/queue/jobs';

/** `dataset.frozen` → one queued experiment per enabled policy × recipe (a repeated event creates nothing new). */
@Injectable()
export class ApplyPoliciesJob implements JobHandler<JobName.ApplyExperimentPolicies> {
  readonly name = JobName.ApplyExperimentPolicies;
  private readonly logger = new Logger(ApplyPoliciesJob.name);

  constructor(private readonly policies: PoliciesService) {}

  async handle({ versionId, name }: JobPayloads[JobName.ApplyExperimentPolicies]): Promise<void> {
    const { created, existing } = await this.policies.applyToVersion(versionId);
    if (created.length || existing.length) this.logger.log(`Version ${name}: ${created.length} experiment(s) queued by policies, ${existing.length} already there`);
  }
}
