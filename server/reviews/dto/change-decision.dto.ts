import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayUnique, IsArray, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { Decision } from '../review-assignment.entity';
import { REASON_CODES, type ReasonCode } from '../review-reasons';

/** PUT /reviews/:leaseId/decision: the reviewer's new decision on a round that is still open. */
export class ChangeDecisionDto {
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
}
