import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CURATORS, LEADS, Roles } from '../common/access.decorators';
import { AuthUser, CurrentUser } from '../common/current-user.decorator';
import { parseListQuery, setContentRange } from '../common/list-query';
import { ITEM_FILTERS, ITEM_SORTABLE } from './items.repository';
import { AssignSplitDto } from './dto/assign-split.dto';
import { ItemsService } from './items.service';

@ApiTags('items')
@ApiBearerAuth()
@Controller('items')
export class ItemsController {
  constructor(private readonly items: ItemsService) {}

  @Roles(...CURATORS)
  @Get()
  async list(@Query() query: Record<string, string>, @Res({ passthrough: true }) res: Response) {
    const q = parseListQuery(query, ITEM_SORTABLE, { field: 'id', order: 'ASC' }, ITEM_FILTERS);
    const [rows, total] = await this.items.list(q);
    setContentRange(res, 'items', q, rows.length, total);
    return rows;
  }

  @Roles(...CURATORS)
  @Get(':id')
  get(@Param('id', ParseIntPipe) id: number) {
    return this.items.get(id);
  }

  @Roles(...LEADS)
  @Post(':id/overrule-duplicate')
  @HttpCode(200)
  overrule(@Param('id', ParseIntPipe) id: number, @CurrentUser() actor: AuthUser) {
    return this.items.overruleDuplicate(id, { id: actor.id, role: actor.role });
  }

  @Roles(...LEADS)
  @Post('split')
  @HttpCode(200)
  assignSplit(@Body() dto: AssignSplitDto, @CurrentUser() actor: AuthUser) {
    return this.items.assignSplit(dto.itemIds, dto.split, actor.id, dto.skipFrozen === true);
  }
}
