import { Body, Controller, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { LEADS, Roles } from '../../common/access.decorators';
import { AuthUser, CurrentUser } from '../../common/current-user.decorator';
import { OverruleContaminationDto } from '../dto/overrule-contamination.dto';
import { DecontaminationService } from './decontamination.service';

@ApiTags('datasets')
@ApiBearerAuth()
@Controller('datasets/contamination')
export class DecontaminationController {
  constructor(private readonly decontamination: DecontaminationService) {}

  /** Keeps a flagged train item in train from the next freeze on. */
  @Roles(...LEADS)
  @Post(':itemId/overrule')
  @HttpCode(200)
  overrule(@Param('itemId', ParseIntPipe) itemId: number, @Body() dto: OverruleContaminationDto, @CurrentUser() actor: AuthUser) {
    return this.decontamination.overrule(itemId, dto.reason, actor.id);
  }
}
