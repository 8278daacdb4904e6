import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { LEADS, Roles } from '../common/access.decorators';
import { AuthUser, CurrentUser } from '../common/current-user.decorator';
import { PauseReviewerDto } from './dto/pause-reviewer.dto';
import { ReassignLeaseDto } from './dto/reassign-lease.dto';
import { LeaseReassignmentService } from './lease-reassignment.service';
import { ReviewersService } from './reviewers.service';

@ApiTags('reviewers')
@ApiBearerAuth()
@Roles(...LEADS)
@Controller()
export class ReviewersController {
  constructor(
    private readonly reviewers: ReviewersService,
    private readonly reassignment: LeaseReassignmentService,
  ) {}

  @Get('reviewers')
  list() {
    return this.reviewers.list();
  }

  @Get('reviewers/leases')
  leases() {
    return this.reviewers.activeLeases();
  }

  /** Takes a held lease from its holder and gives it to `toReviewerId`, or back to the pool. */
  @Post('reviewers/leases/reassign')
  @HttpCode(200)
  reassign(@Body() dto: ReassignLeaseDto, @CurrentUser() actor: AuthUser) {
    return this.reassignment.reassign(actor, dto);
  }

  @Post('reviewers/:id/pause')
  @HttpCode(200)
  pause(@Param('id', ParseUUIDPipe) id: string, @Body() dto: PauseReviewerDto, @CurrentUser() actor: AuthUser) {
    return this.reviewers.setPaused(actor, id, dto.paused);
  }
}
