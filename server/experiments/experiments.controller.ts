import { BadRequestException, Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CURATORS, Roles } from '../common/access.decorators';
import { AuthUser, CurrentUser } from '../common/current-user.decorator';
import { parseListQuery, setContentRange } from '../common/list-query';
import { CreateExperimentDto } from './dto/create-experiment.dto';
import { EXPERIMENT_FILTERS, EXPERIMENT_SORTABLE } from './experiments.repository';
import { ExperimentsService } from './experiments.service';

@ApiTags('experiments')
@ApiBearerAuth()
@Roles(...CURATORS)
@Controller('experiments')
export class ExperimentsController {
  constructor(private readonly experiments: ExperimentsService) {}

  @Post()
  create(@Body() dto: CreateExperimentDto, @CurrentUser() actor: AuthUser) {
    return this.experiments.create(dto, actor.id);
  }

  @Get()
  async list(@Query() query: Record<string, string>, @Res({ passthrough: true }) res: Response) {
    const q = parseListQuery(query, EXPERIMENT_SORTABLE, { field: 'createdAt', order: 'DESC' }, EXPERIMENT_FILTERS);
    const [rows, total] = await this.experiments.list(q);
    setContentRange(res, 'experiments', q, rows.length, total);
    return rows;
  }

  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.experiments.get(id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  cancel(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() actor: AuthUser) {
    return this.experiments.cancel(id, actor.id);
  }

  @Post(':id/resume')
  @HttpCode(200)
  resume(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() actor: AuthUser) {
    return this.experiments.resume(id, actor.id);
  }

  @Get(':id/steps')
  steps(@Param('id', ParseUUIDPipe) id: string, @Query('after') after?: string) {
    const from = after === undefined || after === '' ? 0 : Number(after);
    if (!Number.isInteger(from) || from < 0) throw new BadRequestException(`after: expected a step number ≥ 0, got "${after}"`);
    return this.experiments.steps(id, from);
  }

  @Get(':id/checkpoints')
  checkpoints(@Param('id', ParseUUIDPipe) id: string) {
    return this.experiments.checkpoints(id);
  }

  /** text/plain once found; a refusal stays a JSON error. */
  @Get(':id/log')
  async log(@Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) res: Response) {
    const text = await this.experiments.log(id);
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    return text;
  }
}
