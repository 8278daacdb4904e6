import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { CURATORS, Roles } from '../common/access.decorators';
import { AuthUser, CurrentUser } from '../common/current-user.decorator';
import { parseListQuery, setContentRange } from '../common/list-query';
import { CreateExportDto } from './dto/create-export.dto';
import { EXPORT_FILTERS, EXPORT_SORTABLE } from './exports.repository';
import { ExportsService } from './exports.service';

/** Annotators cannot export (DESIGN §3.7): every route is for curators. */
@ApiTags('exports')
@ApiBearerAuth()
@Roles(...CURATORS)
@Controller('exports')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Post()
  create(@Body() dto: CreateExportDto, @CurrentUser() actor: AuthUser) {
    return this.exports.create(dto, actor.id);
  }

  @Get()
  async list(@Query() query: Record<string, string>, @Res({ passthrough: true }) res: Response) {
    const q = parseListQuery(query, EXPORT_SORTABLE, { field: 'createdAt', order: 'DESC' }, EXPORT_FILTERS);
    const [rows, total] = await this.exports.list(q);
    setContentRange(res, 'exports', q, rows.length, total);
    return rows;
  }

  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.exports.get(id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  cancel(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() actor: AuthUser) {
    return this.exports.cancel(id, actor.id);
  }

  @Post(':id/resume')
  @HttpCode(200)
  resume(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() actor: AuthUser) {
    return this.exports.resume(id, actor.id);
  }

  /** The export as one tar.gz; checked before headers go out, so a refusal stays a JSON error. */
  @Get(':id/archive')
  async archive(@Param('id', ParseUUIDPipe) id: string, @Res() res: Response) {
    const { filename, stream } = await this.exports.archive(id);
    res.setHeader('Content-Type', 'application/gzip');
    res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    await pipeline(stream, res);
  }
}
