import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CURATORS, Roles } from '../common/access.decorators';
import { AuthUser, CurrentUser } from '../common/current-user.decorator';
import { CreateSourceDto, UpdateSourceDto } from './dto/source.dto';
import { SourcesService } from './sources.service';

@ApiTags('sources')
@ApiBearerAuth()
@Roles(...CURATORS)
@Controller('sources')
export class SourcesController {
  constructor(private readonly sources: SourcesService) {}

  @Get()
  async list(@Res({ passthrough: true }) res: Response) {
    const rows = await this.sources.list();
    res.setHeader('Content-Range', `sources 0-${Math.max(rows.length - 1, 0)}/${rows.length}`);
    return rows;
  }

  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.sources.get(id);
  }

  @Post()
  create(@Body() dto: CreateSourceDto, @CurrentUser() actor: AuthUser) {
    return this.sources.create(dto, actor.id);
  }

  @Put(':id')
  update(@Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateSourceDto, @CurrentUser() actor: AuthUser) {
    return this.sources.update(id, dto, actor.id);
  }
}
