import { BadRequestException, Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CURATORS, Roles } from '../common/access.decorators';
import { AuthUser, CurrentUser } from '../common/current-user.decorator';
import { parseListQuery, setContentRange } from '../common/list-query';
import { RerunEvaluationDto } from './dto/rerun-evaluation.dto';
import type { ResultsFilter } from './evaluation-results.repository';
import { EvaluationsService } from './evaluations.service';
import { EVALUATION_SUITES } from '../benchmarks/benchmark-registry';

const SUITES: readonly string[] = EVALUATION_SUITES;
const SPLITS = ['valid', 'test'];

/** Evaluations of checkpoints and their per-item verdicts; curators only (annotators get 403). */
@ApiTags('evaluations')
@ApiBearerAuth()
@Roles(...CURATORS)
@Controller('evaluations')
export class EvaluationsController {
  constructor(private readonly evaluations: EvaluationsService) {}

  @Post()
  rerun(@Body() dto: RerunEvaluationDto, @CurrentUser() actor: AuthUser) {
    return this.evaluations.rerun(dto, actor.id);
  }

  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.evaluations.get(id);
  }

  /** `?suite=&ability=&split=&shots=` (or the same keys in react-admin's `filter`), `range=[start,end]`. */
  @Get(':id/results')
  async results(@Param('id', ParseUUIDPipe) id: string, @Query() query: Record<string, string>, @Res({ passthrough: true }) res: Response) {
    const q = parseListQuery(query, ['itemId'], { field: 'itemId', order: 'ASC' }, { suite: 'text', ability: 'text', split: 'text', shots: 'int' });
    const filter = resultsFilter({ ...q.filter, ...query });
    const [rows, total] = await this.evaluations.resultsPage(id, filter, q.offset, q.limit);
    setContentRange(res, 'results', q, rows.length, total);
    return rows;
  }

  @Post(':id/cancel')
  @HttpCode(200)
  cancel(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() actor: AuthUser) {
    return this.evaluations.cancel(id, actor.id);
  }

  @Post(':id/resume')
  @HttpCode(200)
  resume(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() actor: AuthUser) {
    return this.evaluations.resume(id, actor.id);
  }
}

function resultsFilter(raw: Record<string, unknown>): ResultsFilter {
  const f: ResultsFilter = {};
  if (raw.suite !== undefined) {
    if (!SUITES.includes(String(raw.suite))) throw new BadRequestException(`suite: must be one of ${SUITES.join(', ')}, got ${JSON.stringify(raw.suite)}`);
    f.suite = String(raw.suite);
  }
  if (raw.split !== undefined) {
    if (!SPLITS.includes(String(raw.split))) throw new BadRequestException(`split: must be one of ${SPLITS.join(', ')}, got ${JSON.stringify(raw.split)}`);
    f.split = String(raw.split);
  }
  if (raw.ability !== undefined) f.ability = String(raw.ability);
  if (raw.shots !== undefined) {
    const shots = Number(raw.shots);
    if (!Number.isInteger(shots) || shots < 0) throw new BadRequestException(`shots: must be a whole number ≥ 0, got ${JSON.stringify(raw.shots)}`);
    f.shots = shots;
  }
  return f;
}
