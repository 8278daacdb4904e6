import { Body, Controller, Get, Param, ParseIntPipe, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../common/access.decorators';
import { AuthUser, CurrentUser } from '../common/current-user.decorator';
import { parseListQuery, setContentRange } from '../common/list-query';
import { ChangeDecisionDto } from './dto/change-decision.dto';
import { MY_WORK_FILTERS, MY_WORK_SORTABLE, MyWorkService } from './my-work.service';
import { REVIEWERS } from './reviewers';

/** "My work": a reviewer's own past work, paged, and changing a decision while its round is open. */
@ApiTags('reviews')
@ApiBearerAuth()
@Controller()
export class MyWorkController {
  constructor(private readonly myWork: MyWorkService) {}

  @Roles(...REVIEWERS)
  @Get('reviews/mine/history')
  async history(@Query() query: Record<string, string>, @CurrentUser() user: AuthUser, @Res({ passthrough: true }) res: Response) {
    const q = parseListQuery(query, MY_WORK_SORTABLE, { field: 'at', order: 'DESC' }, MY_WORK_FILTERS);
    const [rows, total] = await this.myWork.list(user, q);
    setContentRange(res, 'reviews/mine/history', q, rows.length, total);
    return rows;
  }

  @Roles(...REVIEWERS)
  @Get('reviews/mine/items/:id')
  item(@Param('id', ParseIntPipe) id: number, @CurrentUser() user: AuthUser) {
    return this.myWork.item(user, id);
  }

  @Roles(...REVIEWERS)
  @Put('reviews/:leaseId/decision')
  change(@Param('leaseId', ParseIntPipe) leaseId: number, @Body() dto: ChangeDecisionDto, @CurrentUser() user: AuthUser) {
    return this.myWork.changeDecision(user, String(leaseId), dto);
  }
}
