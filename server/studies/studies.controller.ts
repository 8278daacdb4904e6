import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CURATORS, Roles } from '../common/access.decorators';
import { AuthUser, CurrentUser } from '../common/current-user.decorator';
import { parseListQuery, setContentRange } from '../common/list-query';
import { AddStudyBaseModelDto, AddStudyRecipeDto, CreateStudyDto } from './dto/study.dto';
import type { Role } from '../users/user.entity';
import { StudiesService } from './studies.service';
import { STUDY_FILTERS, STUDY_SORTABLE } from './studies.repository';

/** Researchers and admins run studies; leads read them too. */
const WRITERS: Role[] = ['admin', 'researcher'];

@ApiTags('studies')
@ApiBearerAuth()
@Roles(...CURATORS)
@Controller('studies')
export class StudiesController {
  constructor(private readonly studies: StudiesService) {}

  @Post()
  @Roles(...WRITERS)
  create(@Body() dto: CreateStudyDto, @CurrentUser() actor: AuthUser) {
    return this.studies.create(dto, actor.id);
  }

  @Get()
  async list(@Query() query: Record<string, string>, @Res({ passthrough: true }) res: Response) {
    const q = parseListQuery(query, STUDY_SORTABLE, { field: 'createdAt', order: 'DESC' }, STUDY_FILTERS);
    const [rows, total] = await this.studies.list(q);
    setContentRange(res, 'studies', q, rows.length, total);
    return rows;
  }

  @Get(':id')
  get(@Param('id', ParseIntPipe) id: number) {
    return this.studies.get(id);
  }

  @Post(':id/base-models')
  @Roles(...WRITERS)
  addBaseModel(@Param('id', ParseIntPipe) id: number, @Body() dto: AddStudyBaseModelDto, @CurrentUser() actor: AuthUser) {
    return this.studies.addBaseModel(id, dto.baseModelId, actor.id);
  }

  @Post(':id/recipes')
  @Roles(...WRITERS)
  addRecipe(@Param('id', ParseIntPipe) id: number, @Body() dto: AddStudyRecipeDto, @CurrentUser() actor: AuthUser) {
    return this.studies.addRecipe(id, dto.recipe, actor.id);
  }

  @Post(':id/cancel')
  @Roles(...WRITERS)
  @HttpCode(200)
  cancel(@Param('id', ParseIntPipe) id: number, @CurrentUser() actor: AuthUser) {
    return this.studies.cancel(id, actor.id);
  }
}
