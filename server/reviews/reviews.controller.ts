import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ALL_ROLES, LEADS, Roles } from '../common/access.decorators';
import { AuthUser, CurrentUser } from '../common/current-user.decorator';
import { orNoContent } from '../common/no-content';
import { parseListQuery, setContentRange } from '../common/list-query';
import { NextReviewDto } from './dto/next-review.dto';
import { StageOrderDto } from './dto/stage-order.dto';
import { SubmitReviewDto } from './dto/submit-review.dto';
import { ReviewQueriesService, DISAGREEMENT_FILTERS, DISAGREEMENT_SORTABLE } from './review-queries.service';
import type { StageOrderView } from './review-views';
import { REVIEWERS } from './reviewers';
import { ReviewsService } from './reviews.service';
import { StageOrderService } from './stage-order.service';

@ApiTags('reviews')
@ApiBearerAuth()
@Controller()
export class ReviewsController {
  constructor(
    private readonly reviews: ReviewsService,
    private readonly queries: ReviewQueriesService,
    private readonly stageOrder: StageOrderService,
  ) {}

  @Roles(...REVIEWERS)
  @Post('reviews/next')
  @ApiNoContentResponse({ description: 'No work for you right now' })
  async next(@Body() dto: NextReviewDto, @CurrentUser() user: AuthUser, @Res({ passthrough: true }) res: Response) {
    return orNoContent(res, await this.reviews.next(user, dto));
  }

  @Roles(...REVIEWERS)
  @Post('reviews/:leaseId/decision')
  @HttpCode(200)
  submit(@Param('leaseId', ParseIntPipe) leaseId: number, @Body() dto: SubmitReviewDto, @CurrentUser() user: AuthUser) {
    return this.reviews.submit(user, String(leaseId), dto);
  }

  @Roles(...REVIEWERS)
  @Post('reviews/:leaseId/release')
  @HttpCode(200)
  release(@Param('leaseId', ParseIntPipe) leaseId: number, @CurrentUser() user: AuthUser) {
    return this.reviews.release(user, String(leaseId));
  }

  @Roles(...REVIEWERS)
  @Get('reviews/mine')
  mine(@CurrentUser() user: AuthUser) {
    return this.queries.mine(user.id);
  }

  @Roles(...ALL_ROLES)
  @Get('reviews/queue')
  queue() {
    return this.queries.queueDepth();
  }

  @Roles(...LEADS)
  @Get('reviews/stage-order')
  getStageOrder(): Promise<StageOrderView> {
    return this.stageOrder.get();
  }

  @Roles(...LEADS)
  @Put('reviews/stage-order')
  setStageOrder(@Body() dto: StageOrderDto, @CurrentUser() user: AuthUser): Promise<StageOrderView> {
    return this.stageOrder.set(dto, user.id);
  }

  @Roles(...LEADS)
  @Get('reviews/disagreements')
  async disagreements(@Query() query: Record<string, string>, @Res({ passthrough: true }) res: Response) {
    const q = parseListQuery(query, DISAGREEMENT_SORTABLE, { field: 'decidedAt', order: 'DESC' }, DISAGREEMENT_FILTERS);
    const { rows, total, totalIsLowerBound } = await this.queries.disagreements(q);
    setContentRange(res, 'disagreements', q, rows.length, total);
    // past DISAGREEMENT_COUNT_LIMIT the total is "at least": the list says 1,000+
    if (totalIsLowerBound) res.setHeader('X-Total-Is-Lower-Bound', 'true');
    return rows;
  }

  @Roles(...ALL_ROLES)
  @Get('items/:id/reviews')
  roundsOfItem(@Param('id', ParseIntPipe) id: number, @CurrentUser() user: AuthUser) {
    return this.reviews.roundsOfItem(user, id);
  }
}
