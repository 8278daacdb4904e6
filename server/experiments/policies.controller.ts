import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CURATORS, Roles } from '../common/access.decorators';
import { AuthUser, CurrentUser } from '../common/current-user.decorator';
import { CreatePolicyDto, UpdatePolicyDto } from './dto/policy.dto';
import { PoliciesService } from './policies.service';

@ApiTags('experiments')
@ApiBearerAuth()
@Roles(...CURATORS)
@Controller('experiment-policies')
export class PoliciesController {
  constructor(private readonly policies: PoliciesService) {}

  @Post()
  create(@Body() dto: CreatePolicyDto, @CurrentUser() actor: AuthUser) {
    return this.policies.create(dto, actor.id);
  }

  @Get()
  list() {
    return this.policies.list();
  }

  @Get(':id')
  get(@Param('id', ParseIntPipe) id: number) {
    return this.policies.get(id);
  }

  @Patch(':id')
  update(@Param('id', ParseIntPipe) id: number, @Body() dto: UpdatePolicyDto, @CurrentUser() actor: AuthUser) {
    return this.policies.update(id, dto, actor.id);
  }

  @Delete(':id')
  @HttpCode(204)
  delete(@Param('id', ParseIntPipe) id: number, @CurrentUser() actor: AuthUser) {
    return this.policies.delete(id, actor.id);
  }
}
