import { Module } from '@nestjs/common';
import { LlmEndpointsController } from './endpoints/llm-endpoints.controller';
import { LlmEndpointsRepository } from './endpoints/llm-endpoints.repository';
import { LlmEndpointsService } from './endpoints/llm-endpoints.service';
import { GenerationRunner } from './pipeline/generation-runner';
import { PipelineRepository } from './pipeline/pipeline.repository';
import { SynthesisRunsController } from './runs/synthesis-runs.controller';
import { SynthesisRunsRepository } from './runs/synthesis-runs.repository';
import { SynthesisRunsService } from './runs/synthesis-runs.service';

/** LLM endpoints, generation runs and the generation pipeline (issue 15 items 2, 3). */
@Module({
  controllers: [LlmEndpointsController, SynthesisRunsController],
  providers: [LlmEndpointsRepository, LlmEndpointsService, SynthesisRunsRepository, SynthesisRunsService, PipelineRepository, GenerationRunner],
  exports: [LlmEndpointsRepository, LlmEndpointsService, SynthesisRunsService, SynthesisRunsRepository, PipelineRepository, GenerationRunner],
})
export class SynthesisModule {}
