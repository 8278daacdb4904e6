import { BadRequestException, Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CURATORS, Roles } from '../../common/access.decorators';
import { AuthUser, CurrentUser } from '../../common/current-user.decorator';
import { parseListQuery, setContentRange } from '../../common/list-query';
import { SYNTHESIS_NODE_KINDS } from '../synthesis-contract';
import { CreateRunDto, UpdateRunCapsDto } from './dto/run.dto';
import { RUN_FILTERS, RUN_SORTABLE } from './synthesis-runs.repository';
import { SynthesisRunsService } from './synthesis-runs.service';

@ApiTags('synthesis')
@ApiBearerAuth()
@Roles(...CURATORS)
@Controller('synthesis/runs')
export class SynthesisRunsController {
  constructor(private readonly runs: SynthesisRunsService) {}

  /** Creates and queues a run; with `dryRun: true` only answers the estimate (calls, tokens, cost per stage). */
  @Post()
  create(@Body() dto: CreateRunDto, @CurrentUser() actor: AuthUser, @Res({ passthrough: true }) res: Response) {
    if (dto.dryRun) res.status(200);
    return this.runs.create(dto, actor.id);
  }

  @Get()
  async list(@Query() query: Record<string, string>, @Res({ passthrough: true }) res: Response) {
    const q = parseListQuery(query, RUN_SORTABLE, { field: 'createdAt', order: 'DESC' }, RUN_FILTERS);
    const [rows, total] = await this.runs.list(q);
    setContentRange(res, 'synthesis/runs', q, rows.length, total);
    return rows;
  }

  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.runs.get(id);
  }

  @Patch(':id')
  updateCaps(@Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateRunCapsDto) {
    return this.runs.updateCaps(id, dto);
  }

  @Post(':id/pause')
  @HttpCode(200)
  pause(@Param('id', ParseUUIDPipe) id: string) {
    return this.runs.pause(id);
  }

  @Post(':id/resume')
  @HttpCode(200)
  resume(@Param('id', ParseUUIDPipe) id: string) {
    return this.runs.resume(id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  cancel(@Param('id', ParseUUIDPipe) id: string) {
    return this.runs.cancel(id);
  }

  /** What could not be generated or parsed, with the raw text. */
  @Get(':id/failures')
  async failures(@Param('id', ParseUUIDPipe) id: string, @Query() query: Record<string, string>, @Res({ passthrough: true }) res: Response) {
    const q = parseListQuery(query, ['id'], { field: 'id', order: 'ASC' });
    const [rows, total] = await this.runs.failures(id, q.offset, q.limit);
    setContentRange(res, 'failures', q, rows.length, total);
    return rows;
  }

  /** The run's nodes (prompt, completion, parsed value, usage), optionally of one kind: `?kind=question`. */
  @Get(':id/nodes')
  async nodes(@Param('id', ParseUUIDPipe) id: string, @Query() query: Record<string, string>, @Res({ passthrough: true }) res: Response) {
    const { kind, ...rest } = query;
    const q = parseListQuery(rest, ['createdAt'], { field: 'createdAt', order: 'ASC' }, { kind: { oneOf: SYNTHESIS_NODE_KINDS } });
    const k = (kind ?? q.filter.kind ?? null) as string | null;
    if (k !== null && !(SYNTHESIS_NODE_KINDS as readonly string[]).includes(k)) throw new BadRequestException(`kind: must be one of ${SYNTHESIS_NODE_KINDS.join(', ')}`);
    const [rows, total] = await this.runs.nodes(id, k, q.offset, q.limit);
    setContentRange(res, 'nodes', q, rows.length, total);
    return rows;
  }
}
