import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { LEADS, Roles } from '../common/access.decorators';
import { AuthUser, CurrentUser } from '../common/current-user.decorator';
import { PauseReviewerDto } from './dto/pause-reviewer.dto';
import { ReviewersService } from './reviewers.service';

@ApiTags('reviewers')
@ApiBearerAuth()
@Roles(...LEADS)
@Controller()
export class ReviewersController {
  constructor(private readonly reviewers: ReviewersService) {}

  @Get('reviewers')
  list() {
    return this.reviewers.list();
  }

  @Get('reviewers/leases')
  leases() {
    return this.reviewers.activeLeases();
  }

  @Post('reviewers/:id/pause')
  @HttpCode(200)
  pause(@Param('id', ParseUUIDPipe) id: string, @Body() dto: PauseReviewerDto, @CurrentUser() actor: AuthUser) {
    return this.reviewers.setPaused(actor, id, dto.paused);
  }
}
