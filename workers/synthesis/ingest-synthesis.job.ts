import { Injectable } from '@nestjs/common';
import { JobHandler, JobName, JobPayloads } from '../../server/queue/jobs';
import { IngestRunner } from '../../server/synthesis/ingest/ingest-runner';

/** `synthesis.answered` (a run's answers are done) or a curator's POST /synthesis/runs/:id/ingest. */
@Injectable()
export class IngestSynthesisJob implements JobHandler<JobName.IngestSynthesis> {
  readonly name = JobName.IngestSynthesis;

  constructor(private readonly runner: IngestRunner) {}

  handle({ runId }: JobPayloads[JobName.IngestSynthesis]): Promise<void> {
    return this.runner.run(runId);
  }
}
