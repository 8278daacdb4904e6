import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CURATORS, Roles } from '../common/access.decorators';
import { EvaluationScoresService } from './evaluation-scores.service';
import { EvaluationsService } from './evaluations.service';

/** An experiment's evaluations and its per-ability scores per epoch; curators only. */
@ApiTags('evaluations')
@ApiBearerAuth()
@Roles(...CURATORS)
@Controller('experiments')
export class ExperimentEvaluationsController {
  constructor(
    private readonly evaluations: EvaluationsService,
    private readonly scores: EvaluationScoresService,
  ) {}

  @Get(':id/scores')
  experimentScores(@Param('id', ParseUUIDPipe) id: string) {
    return this.scores.experimentScores(id);
  }

  @Get(':id/evaluations')
  list(@Param('id', ParseUUIDPipe) id: string) {
    return this.evaluations.listForExperiment(id);
  }
}
