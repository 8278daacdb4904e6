import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, Min } from 'class-validator';
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

  @ApiPropertyOptional({
    description: 'Your second lease instead of your first, taking one while you hold fewer than two: the next item, fetched ahead',
  })
  @IsOptional()
  @IsBoolean()
  prefetch?: boolean;
}
