import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Min } from 'class-validator';

export class NextTaskDto {
  @ApiPropertyOptional({ description: 'Only items of this ability' })
  @IsOptional()
  @IsInt()
  @Min(1)
  abilityId?: number;
}
