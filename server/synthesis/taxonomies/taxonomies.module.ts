import { Module } from '@nestjs/common';
import { LlmEndpointsRepository } from '../endpoints/llm-endpoints.repository';
import { TaxonomiesController } from './taxonomies.controller';
import { TaxonomiesRepository } from './taxonomies.repository';
import { TaxonomiesService } from './taxonomies.service';
import { TaxonomyDraftRunner } from './taxonomy-draft-runner';
import { TaxonomyDraftsController } from './taxonomy-drafts.controller';
import { TaxonomyDraftsRepository } from './taxonomy-drafts.repository';
import { TaxonomyDraftsService } from './taxonomy-drafts.service';
import { TaxonomyNodesController } from './taxonomy-nodes.controller';
import { TaxonomyVotesService } from './taxonomy-votes.service';

/** The GLAN taxonomy (issue 15 item 1): the editable tree, its revisions, keep/remove votes and LLM drafts. */
@Module({
  // the drafts controller first: its static `draft`/`drafts/…` paths before the `:id` routes
  controllers: [TaxonomyDraftsController, TaxonomiesController, TaxonomyNodesController],
  providers: [TaxonomiesRepository, TaxonomiesService, TaxonomyVotesService, TaxonomyDraftsRepository, TaxonomyDraftsService, TaxonomyDraftRunner, LlmEndpointsRepository],
  exports: [TaxonomyDraftRunner, TaxonomyDraftsRepository],
})
export class TaxonomiesModule {}
