import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';

export const REVISABLE_STATUSES = ['rejected', 'needs_answer', 'accepted'] as const;
export type RevisableStatus = (typeof REVISABLE_STATUSES)[number];

/**
 * Either item ids, or abilities (with the statuses to take from them, rejected and unanswered by default). Accepted
 * items are re-opened only with `confirmReopen: true` (item life-cycle action `reopen`); without it the request is
 * refused and nothing is sent.
 */
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

  @ApiPropertyOptional({ description: 'Confirms re-opening accepted items (they leave later versions until accepted again; frozen versions keep their snapshot, the item keeps its split)' })
  @IsOptional()
  @IsBoolean()
  confirmReopen?: boolean;

  @ApiPropertyOptional({ description: 'Why, written to the audit log with each re-opened item' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}
