import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CURATORS, Roles } from '../../common/access.decorators';
import { AuthUser, CurrentUser } from '../../common/current-user.decorator';
import { DraftTaxonomyDto } from './dto/taxonomy.dto';
import { TaxonomyDraftsService } from './taxonomy-drafts.service';

/** A taxonomy drafted by an LLM (curators): progress, cancel, resume. */
@ApiTags('taxonomies')
@ApiBearerAuth()
@Roles(...CURATORS)
@Controller('taxonomies')
export class TaxonomyDraftsController {
  constructor(private readonly drafts: TaxonomyDraftsService) {}

  @Post('draft')
  create(@Body() dto: DraftTaxonomyDto, @CurrentUser() actor: AuthUser) {
    return this.drafts.create(dto, actor.id);
  }

  @Get('drafts/:runId')
  get(@Param('runId', ParseUUIDPipe) runId: string) {
    return this.drafts.get(runId);
  }

  @Post('drafts/:runId/cancel')
  cancel(@Param('runId', ParseUUIDPipe) runId: string, @CurrentUser() actor: AuthUser) {
    return this.drafts.cancel(runId, actor.id);
  }

  @Post('drafts/:runId/resume')
  resume(@Param('runId', ParseUUIDPipe) runId: string, @CurrentUser() actor: AuthUser) {
    return this.drafts.resume(runId, actor.id);
  }
}
