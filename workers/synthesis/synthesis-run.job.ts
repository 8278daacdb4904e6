import { Injectable } from '@nestjs/common';
import { GenerationRunner } from '../../server/synthesis/pipeline/generation-runner';
import { JobHandler, JobName, JobPayloads } from '../../server/queue/jobs';

@Injectable()
export class SynthesisRunJob implements JobHandler<JobName.SynthesisRun> {
  readonly name = JobName.SynthesisRun;

  constructor(private readonly runner: GenerationRunner) {}

  handle({ runId }: JobPayloads[JobName.SynthesisRun]): Promise<void> {
    return this.runner.run(runId);
  }
}
