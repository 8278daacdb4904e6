import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ALL_ROLES, Roles } from '../common/access.decorators';
import { AuthUser, CurrentUser } from '../common/current-user.decorator';
import { orNoContent } from '../common/no-content';
import { REVIEWERS } from '../reviews/reviewers';
import { NextTaskDto } from '../revisions/dto/next-task.dto';
import { DistractorsService } from './distractors.service';
import { CheckDistractorDto, SubmitDistractorsDto } from './dto/distractor.dto';

@ApiTags('distractors')
@ApiBearerAuth()
@Controller()
export class DistractorsController {
  constructor(private readonly distractors: DistractorsService) {}

  @Roles(...REVIEWERS)
  @Post('distractors/check')
  @HttpCode(200)
  check(@Body() dto: CheckDistractorDto) {
    return this.distractors.check(dto);
  }

  @Roles(...REVIEWERS)
  @Post('distractors/next')
  @ApiNoContentResponse({ description: 'No item needs distractors right now' })
  async next(@Body() dto: NextTaskDto, @CurrentUser() user: AuthUser, @Res({ passthrough: true }) res: Response) {
    return orNoContent(res, await this.distractors.next(user, dto.abilityId));
  }

  @Roles(...REVIEWERS)
  @Post('distractors/tasks/:id/submit')
  @HttpCode(200)
  submit(@Param('id', ParseIntPipe) id: number, @Body() dto: SubmitDistractorsDto, @CurrentUser() user: AuthUser) {
    return this.distractors.submit(user, String(id), dto);
  }

  @Roles(...REVIEWERS)
  @Post('distractors/tasks/:id/release')
  @HttpCode(200)
  release(@Param('id', ParseIntPipe) id: number, @CurrentUser() user: AuthUser) {
    return this.distractors.release(user, String(id));
  }

  @Roles(...ALL_ROLES)
  @Get('items/:id/distractors')
  ofItem(@Param('id', ParseIntPipe) id: number) {
    return this.distractors.ofItem(id);
  }
}
