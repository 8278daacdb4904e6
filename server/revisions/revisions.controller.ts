import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ALL_ROLES, CURATORS, LEADS, Roles } from '../common/access.decorators';
import { AuthUser, CurrentUser } from '../common/current-user.decorator';
import { orNoContent } from '../common/no-content';
import { REVIEWERS } from '../reviews/reviewers';
import { AssignRevisionDto } from './dto/assign-revision.dto';
import { NextTaskDto } from './dto/next-task.dto';
import { SubmitRevisionDto } from './dto/submit-revision.dto';
import { RevisionsService } from './revisions.service';

@ApiTags('revisions')
@ApiBearerAuth()
@Controller()
export class RevisionsController {
  constructor(private readonly revisions: RevisionsService) {}

  @Roles(...LEADS)
  @Post('revisions/assign')
  @HttpCode(200)
  assign(@Body() dto: AssignRevisionDto, @CurrentUser() user: AuthUser) {
    return this.revisions.assign(user, dto);
  }

  @Roles(...REVIEWERS)
  @Post('revisions/next')
  @ApiNoContentResponse({ description: 'Nothing to revise right now' })
  async next(@Body() dto: NextTaskDto, @CurrentUser() user: AuthUser, @Res({ passthrough: true }) res: Response) {
    return orNoContent(res, await this.revisions.next(user, dto.abilityId));
  }

  @Roles(...REVIEWERS)
  @Post('revisions/:id/submit')
  @HttpCode(200)
  submit(@Param('id', ParseIntPipe) id: number, @Body() dto: SubmitRevisionDto, @CurrentUser() user: AuthUser) {
    return this.revisions.submit(user, String(id), dto);
  }

  @Roles(...REVIEWERS)
  @Post('revisions/:id/release')
  @HttpCode(200)
  release(@Param('id', ParseIntPipe) id: number, @CurrentUser() user: AuthUser) {
    return this.revisions.release(user, String(id));
  }

  @Roles(...ALL_ROLES)
  @Get('revisions/:id')
  get(@Param('id', ParseIntPipe) id: number, @CurrentUser() user: AuthUser) {
    return this.revisions.get(user, String(id));
  }

  @Roles(...CURATORS)
  @Get('items/:id/revisions')
  ofItem(@Param('id', ParseIntPipe) id: number) {
    return this.revisions.ofItem(id);
  }
}
