import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import type { Decision } from '../review-assignment.entity';
import { REASON_CODES, type ReasonCode } from '../review-reasons';

export class SubmitReviewDto {
  @ApiProperty({ enum: ['approve', 'reject'] })
  @IsIn(['approve', 'reject'])
  decision: Decision;

  @ApiPropertyOptional({ enum: REASON_CODES, isArray: true, description: 'At least one when rejecting' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(REASON_CODES, { each: true })
  reasons?: ReasonCode[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  comment?: string;

  @ApiPropertyOptional({ description: 'Active time on the item in milliseconds; the server measures lease time otherwise' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(24 * 3600 * 1000)
  timeSpentMs?: number;

  @ApiProperty({ description: 'Chosen by the client once per decision; resubmitting with it returns the same result' })
  @IsString()
  @Length(1, 200)
  idempotencyKey: string;
}
