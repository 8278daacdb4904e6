import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CURATORS, Roles } from '../common/access.decorators';
import { AuthUser, CurrentUser } from '../common/current-user.decorator';
import { BaseModelsService } from './base-models.service';
import { CreateBaseModelDto } from './dto/create-base-model.dto';

@ApiTags('experiments')
@ApiBearerAuth()
@Roles(...CURATORS)
@Controller('base-models')
export class BaseModelsController {
  constructor(private readonly models: BaseModelsService) {}

  @Post()
  create(@Body() dto: CreateBaseModelDto, @CurrentUser() actor: AuthUser) {
    return this.models.create(dto, actor.id);
  }

  @Get()
  list() {
    return this.models.list();
  }

  @Get(':id')
  get(@Param('id', ParseIntPipe) id: number) {
    return this.models.get(id);
  }

  @Delete(':id')
  @HttpCode(204)
  delete(@Param('id', ParseIntPipe) id: number, @CurrentUser() actor: AuthUser) {
    return this.models.delete(id, actor.id);
  }
}
