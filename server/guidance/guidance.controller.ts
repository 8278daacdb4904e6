import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CURATORS, LEADS, Roles } from '../common/access.decorators';
import { AuthUser, CurrentUser } from '../common/current-user.decorator';
import type { ApplyQuotasResult, HoursGuidanceView, PaceQueueView, QuotaProposalView } from '../growth/growth-views';
import { ApplyQuotasDto, HoursQueryDto, PaceQueueDto, QuotaRequestDto } from './dto/guidance.dto';
import { GuidanceService } from './guidance.service';
import { DEFAULT_PACE_HOURS, PaceQueueService } from './pace-queue.service';

/** Data-mix and annotation-budget guidance (issue 13 item 6). Researchers, leads and admins read; researchers and admins save. */
@ApiTags('guidance')
@ApiBearerAuth()
@Controller()
export class GuidanceController {
  constructor(
    private readonly guidance: GuidanceService,
    private readonly pace: PaceQueueService,
  ) {}

  @Roles(...CURATORS)
  @Post('guidance/quotas')
  @HttpCode(200)
  quotas(@Body() dto: QuotaRequestDto): Promise<QuotaProposalView> {
    return this.guidance.quotas(dto);
  }

  @Roles('admin', 'researcher')
  @Post('guidance/quotas/apply')
  apply(@Body() dto: ApplyQuotasDto, @CurrentUser() user: AuthUser): Promise<ApplyQuotasResult> {
    return this.guidance.apply(dto, user.id);
  }

  @Roles(...CURATORS)
  @Get('guidance/hours')
  hours(@Query() q: HoursQueryDto): Promise<HoursGuidanceView> {
    return this.guidance.hours({ ...q, hours: q.hours ?? DEFAULT_PACE_HOURS });
  }

  @Roles(...LEADS)
  @Get('reviews/pace')
  paceQueue(): Promise<PaceQueueView> {
    return this.pace.get();
  }

  @Roles(...LEADS)
  @Put('reviews/pace')
  setPaceQueue(@Body() dto: PaceQueueDto, @CurrentUser() user: AuthUser): Promise<PaceQueueView> {
    return this.pace.set(dto, user.id);
  }
}
