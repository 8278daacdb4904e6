import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNumber, IsObject, IsOptional, IsString, IsUUID, MaxLength, Min, MinLength, IsInt } from 'class-validator';
import { REVIEW_MODES, type ReviewMode } from '../../synthesis-contract';

export class CreateRunDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ description: 'The taxonomy whose current revision the run uses (recorded on the run)' })
  @IsOptional()
  @IsUUID()
  taxonomyId?: string;

  @ApiPropertyOptional({ description: 'Or an exact kept revision (its hash)' })
  @IsOptional()
  @IsString()
  taxonomyRevision?: string;

  @ApiProperty()
  @IsUUID()
  endpointId: string;

  @ApiPropertyOptional({ description: 'Answers from another endpoint/model (default: the same)' })
  @IsOptional()
  @IsUUID()
  answerEndpointId?: string;

  @ApiPropertyOptional({ description: 'GenerationSettings (server/synthesis/synthesis-contract.ts); defaults filled, each field checked' })
  @IsOptional()
  @IsObject()
  settings?: Record<string, unknown>;

  @ApiPropertyOptional({ enum: REVIEW_MODES, default: 'dual' })
  @IsOptional()
  @IsIn(REVIEW_MODES)
  reviewMode?: ReviewMode;

  @ApiPropertyOptional({ description: 'Only estimate calls, tokens and cost; nothing is created' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}

/** Raising (or removing, with null) a run's budget caps; a run paused by its budget continues once resumed. */
export class UpdateRunCapsDto {
  @IsOptional() @IsInt() @Min(1) maxTotalTokens?: number | null;
  @IsOptional() @IsNumber() @Min(0) maxCostUsd?: number | null;
}
