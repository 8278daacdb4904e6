import { Body, Controller, Delete, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ALL_ROLES, CURATORS, Roles } from '../../common/access.decorators';
import { AuthUser, CurrentUser } from '../../common/current-user.decorator';
import { BaseRevisionDto, CreateNodeDto, MoveNodeDto, RenameNodeDto, SetAbilityDto, VoteDto } from './dto/taxonomy.dto';
import { TaxonomiesService } from './taxonomies.service';
import { TaxonomyVotesService } from './taxonomy-votes.service';

/** Node edits (curators; each names its base revision) and keep/remove votes (every role). */
@ApiTags('taxonomies')
@ApiBearerAuth()
@Controller('taxonomies/:id')
export class TaxonomyNodesController {
  constructor(
    private readonly taxonomies: TaxonomiesService,
    private readonly votes: TaxonomyVotesService,
  ) {}

  @Post('nodes')
  @Roles(...CURATORS)
  create(@Param('id', ParseUUIDPipe) id: string, @Body() dto: CreateNodeDto, @CurrentUser() actor: AuthUser) {
    return this.taxonomies.createNode(id, dto.baseRevision, { parentId: dto.parentId, name: dto.name, abilityKey: dto.abilityKey }, actor.id);
  }

  @Put('nodes/:nodeId')
  @Roles(...CURATORS)
  rename(@Param('id', ParseUUIDPipe) id: string, @Param('nodeId') nodeId: string, @Body() dto: RenameNodeDto, @CurrentUser() actor: AuthUser) {
    return this.taxonomies.renameNode(id, dto.baseRevision, nodeId, dto.name, actor.id);
  }

  @Post('nodes/:nodeId/move')
  @Roles(...CURATORS)
  move(@Param('id', ParseUUIDPipe) id: string, @Param('nodeId') nodeId: string, @Body() dto: MoveNodeDto, @CurrentUser() actor: AuthUser) {
    return this.taxonomies.moveNode(id, dto.baseRevision, nodeId, dto.parentId, dto.index, actor.id);
  }

  /** Removes the node and everything under it; `?baseRevision=`. */
  @Delete('nodes/:nodeId')
  @Roles(...CURATORS)
  remove(@Param('id', ParseUUIDPipe) id: string, @Param('nodeId') nodeId: string, @Query() q: BaseRevisionDto, @CurrentUser() actor: AuthUser) {
    return this.taxonomies.deleteNode(id, q.baseRevision, nodeId, actor.id);
  }

  @Put('nodes/:nodeId/ability')
  @Roles(...CURATORS)
  ability(@Param('id', ParseUUIDPipe) id: string, @Param('nodeId') nodeId: string, @Body() dto: SetAbilityDto, @CurrentUser() actor: AuthUser) {
    return this.taxonomies.setAbility(id, dto.baseRevision, nodeId, dto.abilityKey, actor.id);
  }

  @Put('nodes/:nodeId/vote')
  @Roles(...ALL_ROLES)
  vote(@Param('id', ParseUUIDPipe) id: string, @Param('nodeId') nodeId: string, @Body() dto: VoteDto, @CurrentUser() user: AuthUser) {
    return this.votes.vote(id, nodeId, dto.decision, user.id);
  }

  @Delete('nodes/:nodeId/vote')
  @Roles(...ALL_ROLES)
  withdraw(@Param('id', ParseUUIDPipe) id: string, @Param('nodeId') nodeId: string, @CurrentUser() user: AuthUser) {
    return this.votes.withdraw(id, nodeId, user.id);
  }

  @Post('apply-votes')
  @Roles(...CURATORS)
  apply(@Param('id', ParseUUIDPipe) id: string, @Body() dto: BaseRevisionDto, @CurrentUser() actor: AuthUser) {
    return this.votes.apply(id, dto.baseRevision, actor.id);
  }
}
