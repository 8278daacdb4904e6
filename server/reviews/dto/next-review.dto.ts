import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Min } from 'class-validator';
import { ROUND_KINDS, type RoundKind } from '../review-round.entity';

export class NextReviewDto {
  @ApiPropertyOptional({ description: 'Only items of this ability' })
  @IsOptional()
  @IsInt()
  @Min(1)
  abilityId?: number;

  @ApiPropertyOptional({ enum: ROUND_KINDS, description: 'Only rounds of this kind' })
  @IsOptional()
  @IsIn(ROUND_KINDS)
  kind?: RoundKind;
}
