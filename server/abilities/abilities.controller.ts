import { Body, Controller, Get, Param, ParseIntPipe, Post, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ALL_ROLES, LEADS, Roles } from '../common/access.decorators';
import { AuthUser, CurrentUser } from '../common/current-user.decorator';
import { AbilitiesService } from './abilities.service';
import { CreateAbilityDto, UpdateAbilityDto } from './dto/ability.dto';

@ApiTags('abilities')
@ApiBearerAuth()
@Controller('abilities')
export class AbilitiesController {
  constructor(private readonly abilities: AbilitiesService) {}

  @Roles(...ALL_ROLES)
  @Get()
  async list(@Res({ passthrough: true }) res: Response) {
    const rows = await this.abilities.list();
    res.setHeader('Content-Range', `abilities 0-${Math.max(rows.length - 1, 0)}/${rows.length}`);
    return rows;
  }

  @Roles(...ALL_ROLES)
  @Get(':id')
  get(@Param('id', ParseIntPipe) id: number) {
    return this.abilities.get(id);
  }

  @Roles(...LEADS)
  @Post()
  create(@Body() dto: CreateAbilityDto, @CurrentUser() actor: AuthUser) {
    return this.abilities.create(dto, actor.id);
  }

  @Roles(...LEADS)
  @Put(':id')
  update(@Param('id', ParseIntPipe) id: number, @Body() dto: UpdateAbilityDto, @CurrentUser() actor: AuthUser) {
    return this.abilities.update(id, dto, actor.id);
  }
}
