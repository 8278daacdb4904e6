import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CURATORS, Roles } from '../../common/access.decorators';
import { AuthUser, CurrentUser } from '../../common/current-user.decorator';
import { AssignSplitsDto } from '../dto/freeze-options.dto';
import { SplitsService } from './splits.service';

@ApiTags('datasets')
@ApiBearerAuth()
@Controller('datasets/splits')
export class SplitsController {
  constructor(private readonly splits: SplitsService) {}

  /**
   * The freeze's sticky split assignment without freezing, so distractor work can start early.
   *
   * Researchers may run it (decided in issue 14 item 9): it is exactly the first step of a freeze, which researchers
   * run (POST /datasets/versions), so refusing it here would take nothing from them; it only places items that have no
   * split yet — an item in test stays in test — and every placement is audited. Moving an item between splits by hand
   * (POST /items/split) stays with leads and admins.
   */
  @Roles(...CURATORS)
  @Post('assign')
  @HttpCode(200)
  assign(@Body() dto: AssignSplitsDto, @CurrentUser() actor: AuthUser) {
    return this.splits.assignFromRequest(dto, actor.id);
  }
}
