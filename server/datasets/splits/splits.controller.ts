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

  /** The freeze's sticky split assignment without freezing, so distractor work can start early. */
  @Roles(...CURATORS)
  @Post('assign')
  @HttpCode(200)
  assign(@Body() dto: AssignSplitsDto, @CurrentUser() actor: AuthUser) {
    return this.splits.assignFromRequest(dto, actor.id);
  }
}
