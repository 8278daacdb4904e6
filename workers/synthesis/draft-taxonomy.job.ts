import { Injectable } from '@nestjs/common';
import { JobHandler, JobName, JobPayloads } from '../../server/queue/jobs';
import { TaxonomyDraftRunner } from '../../server/synthesis/taxonomies/taxonomy-draft-runner';

@Injectable()
export class DraftTaxonomyJob implements JobHandler<JobName.DraftTaxonomy> {
  readonly name = JobName.DraftTaxonomy;

  constructor(private readonly runner: TaxonomyDraftRunner) {}

  handle({ runId }: JobPayloads[JobName.DraftTaxonomy]): Promise<void> {
    return this.runner.run(runId);
  }
}
