import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsInt, IsOptional, Min } from 'class-validator';

export const REVISABLE_STATUSES = ['rejected', 'needs_answer', 'accepted'] as const;
export type RevisableStatus = (typeof REVISABLE_STATUSES)[number];

/** Either item ids, or abilities (with the statuses to take from them, rejected and unanswered by default). */
export class AssignRevisionDto {
  @ApiPropertyOptional({ type: [Number] })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(10_000)
  @IsInt({ each: true })
  itemIds?: number[];

  @ApiPropertyOptional({ type: [Number] })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @IsInt({ each: true })
  abilityIds?: number[];

  @ApiPropertyOptional({ enum: REVISABLE_STATUSES, isArray: true, default: ['rejected', 'needs_answer'] })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @IsIn(REVISABLE_STATUSES, { each: true })
  statuses?: RevisableStatus[];

  @ApiPropertyOptional({ description: 'At most this many items (oldest first)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  limit?: number;
}
