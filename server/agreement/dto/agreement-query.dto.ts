import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsDate, IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { GROUP_BYS, type GroupBy } from '../agreement.repository';

export class AgreementQueryDto {
  @ApiPropertyOptional({ enum: GROUP_BYS, default: 'ability' })
  @IsOptional()
  @IsIn(GROUP_BYS)
  groupBy?: GroupBy;

  @ApiPropertyOptional({ enum: ['items', 'distractors'], default: 'items' })
  @IsOptional()
  @IsIn(['items', 'distractors'])
  subject?: 'items' | 'distractors';

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  abilityId?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  sourceId?: string;

  @ApiPropertyOptional({ description: 'Rounds decided in the week of this time or later (statistics are kept per week)' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date;

  @ApiPropertyOptional({ description: 'Rounds decided in weeks starting before this time' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  to?: Date;

  @ApiPropertyOptional({ default: 1000, description: 'Bootstrap replicates per confidence interval' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(10000)
  replicates?: number;

  @ApiPropertyOptional({ default: false, description: 'Pairs: a bootstrap interval for each pair (slower with many reviewers)' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  intervals?: boolean;

  @ApiPropertyOptional({
    description:
      'Pairs: only the pairs among the `top` reviewers with the most paired rounds (the heatmap); reviewerMeans still covers everyone',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2)
  @Max(1000)
  top?: number;
}
