import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CURATORS, Roles } from '../common/access.decorators';
import { AuthUser, CurrentUser } from '../common/current-user.decorator';
import { parseListQuery, setContentRange } from '../common/list-query';
import { DiffService } from './diff/diff.service';
import { FreezeVersionDto } from './dto/freeze-version.dto';
import { VERSION_FILTERS, VERSION_SORTABLE } from './versions.repository';
import { VersionsService } from './versions.service';

@ApiTags('datasets')
@ApiBearerAuth()
@Roles(...CURATORS)
@Controller('datasets/versions')
export class VersionsController {
  constructor(
    private readonly versions: VersionsService,
    private readonly diffs: DiffService,
  ) {}

  @Get()
  async list(@Query() query: Record<string, string>, @Res({ passthrough: true }) res: Response) {
    const q = parseListQuery(query, VERSION_SORTABLE, { field: 'createdAt', order: 'DESC' }, VERSION_FILTERS);
    const [rows, total] = await this.versions.list(q);
    setContentRange(res, 'versions', q, rows.length, total);
    return rows;
  }

  /** Freezes a new version from the accepted items (a job; follow `progress` or `dataset.progress`). */
  @Post()
  freeze(@Body() dto: FreezeVersionDto, @CurrentUser() actor: AuthUser) {
    return this.versions.freeze(dto, actor.id);
  }

  @Get(':id')
  get(@Param('id', ParseIntPipe) id: number) {
    return this.versions.get(id);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@Param('id', ParseIntPipe) id: number, @CurrentUser() actor: AuthUser) {
    return this.versions.remove(id, actor.id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  cancel(@Param('id', ParseIntPipe) id: number, @CurrentUser() actor: AuthUser) {
    return this.versions.cancel(id, actor.id);
  }

  @Post(':id/resume')
  @HttpCode(200)
  resume(@Param('id', ParseIntPipe) id: number, @CurrentUser() actor: AuthUser) {
    return this.versions.resume(id, actor.id);
  }

  /** Items the freeze flagged: `filter={"reason":"contaminated"|"not_ppl_ready"}`. */
  @Get(':id/exclusions')
  async exclusions(@Param('id', ParseIntPipe) id: number, @Query() query: Record<string, string>, @Res({ passthrough: true }) res: Response) {
    const q = parseListQuery(query, ['itemId'], { field: 'itemId', order: 'ASC' }, { reason: 'text' });
    const [rows, total] = await this.versions.exclusions(id, q.filter.reason, q.offset, q.limit);
    setContentRange(res, 'exclusions', q, rows.length, total);
    return rows;
  }

  /** From `a` to `b`: counts per ability, and a page (`range`) of one kind of change (`kind`, default changed). */
  @Get(':a/diff/:b')
  diff(
    @Param('a', ParseIntPipe) a: number,
    @Param('b', ParseIntPipe) b: number,
    @Query() query: Record<string, string>,
  ) {
    const q = parseListQuery({ range: query.range }, ['itemId'], { field: 'itemId', order: 'ASC' });
    return this.diffs.diff(a, b, query.kind, q.offset, q.limit);
  }
}
