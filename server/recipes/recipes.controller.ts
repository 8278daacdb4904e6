import { Body, Controller, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CURATORS, Roles } from '../common/access.decorators';
import { AuthUser, CurrentUser } from '../common/current-user.decorator';
import { parseListQuery, setContentRange } from '../common/list-query';
import { CreateRecipeDto, PreviewQueryDto, UpdateRecipeDto } from './dto/recipe.dto';
import { recipeLookup } from './recipe';
import { RecipeSamplerService } from './recipe-sampler.service';
import { RECIPE_FILTERS, RECIPE_SORTABLE } from './recipes.repository';
import { RecipesService } from './recipes.service';

/** Leads and researchers; `:id` is a row id, a name (its latest revision) or `name@rev`. */
@ApiTags('recipes')
@ApiBearerAuth()
@Roles(...CURATORS)
@Controller('recipes')
export class RecipesController {
  constructor(
    private readonly recipes: RecipesService,
    private readonly sampler: RecipeSamplerService,
  ) {}

  @Get()
  async list(@Query() query: Record<string, string>, @Res({ passthrough: true }) res: Response) {
    const q = parseListQuery(query, RECIPE_SORTABLE, { field: 'id', order: 'ASC' }, RECIPE_FILTERS);
    const [rows, total] = await this.recipes.list(q);
    setContentRange(res, 'recipes', q, rows.length, total);
    return rows;
  }

  @Get(':id')
  get(@Param('id') ref: string) {
    return this.recipes.get(ref);
  }

  @Get(':id/preview')
  preview(@Param('id') ref: string, @Query() q: PreviewQueryDto) {
    return this.sampler.preview(recipeLookup(ref), q.versionId, q.seed);
  }

  @Post()
  create(@Body() dto: CreateRecipeDto, @CurrentUser() actor: AuthUser) {
    return this.recipes.create(dto, actor.id);
  }

  @Put(':id')
  revise(@Param('id') ref: string, @Body() dto: UpdateRecipeDto, @CurrentUser() actor: AuthUser) {
    return this.recipes.revise(ref, dto, actor.id);
  }
}
