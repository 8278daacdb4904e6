import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CURATORS, Roles } from '../../common/access.decorators';
import { AuthUser, CurrentUser } from '../../common/current-user.decorator';
import { parseListQuery, setContentRange } from '../../common/list-query';
import { CreateEndpointDto, UpdateEndpointDto } from './dto/endpoint.dto';
import { ENDPOINT_SORTABLE } from './llm-endpoints.repository';
import { LlmEndpointsService } from './llm-endpoints.service';

/** Curators read endpoints; admins and researchers (who run generation) change them. The key is write-only. */
const WRITERS = ['admin', 'researcher'] as const;

@ApiTags('synthesis')
@ApiBearerAuth()
@Roles(...CURATORS)
@Controller('llm-endpoints')
export class LlmEndpointsController {
  constructor(private readonly endpoints: LlmEndpointsService) {}

  @Get()
  async list(@Query() query: Record<string, string>, @Res({ passthrough: true }) res: Response) {
    const q = parseListQuery(query, ENDPOINT_SORTABLE, { field: 'createdAt', order: 'DESC' });
    const [rows, total] = await this.endpoints.list(q);
    setContentRange(res, 'llm-endpoints', q, rows.length, total);
    return rows;
  }

  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.endpoints.get(id);
  }

  @Post()
  @Roles(...WRITERS)
  create(@Body() dto: CreateEndpointDto, @CurrentUser() actor: AuthUser) {
    return this.endpoints.create(dto, actor.id);
  }

  @Put(':id')
  @Roles(...WRITERS)
  update(@Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateEndpointDto) {
    return this.endpoints.update(id, dto);
  }

  @Delete(':id')
  @Roles(...WRITERS)
  @HttpCode(204)
  async delete(@Param('id', ParseUUIDPipe) id: string) {
    await this.endpoints.delete(id);
  }

  @Post(':id/test')
  @Roles(...WRITERS)
  @HttpCode(200)
  test(@Param('id', ParseUUIDPipe) id: string) {
    return this.endpoints.test(id);
  }
}
