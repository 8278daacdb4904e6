import { Controller, Get, Param, ParseIntPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CURATORS, Roles } from '../common/access.decorators';
import { EvaluationsService } from './evaluations.service';

/** What every evaluated checkpoint answered to one item, newest first; curators only. */
@ApiTags('evaluations')
@ApiBearerAuth()
@Roles(...CURATORS)
@Controller('items')
export class ItemModelAnswersController {
  constructor(private readonly evaluations: EvaluationsService) {}

  @Get(':id/model-answers')
  modelAnswers(@Param('id', ParseIntPipe) id: number) {
    return this.evaluations.itemAnswers(id);
  }
}
