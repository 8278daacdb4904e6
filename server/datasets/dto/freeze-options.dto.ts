import type { VersionFilter } from '../dataset-views';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDateString,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

/** Which accepted items a version (or a split assignment) draws from; every field narrows it. */
export class VersionFilterDto implements VersionFilter {
  @ApiPropertyOptional({ type: [String], description: 'ability keys' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  abilities?: string[];

  @ApiPropertyOptional({ type: [String], description: 'source ids' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  sourceIds?: string[];

  @ApiPropertyOptional({ description: 'accepted at or after (ISO date-time)' })
  @IsOptional()
  @IsDateString()
  acceptedFrom?: string;

  @ApiPropertyOptional({ description: 'accepted before (ISO date-time)' })
  @IsOptional()
  @IsDateString()
  acceptedTo?: string;
}

export class SplitSizesDto {
  @ApiPropertyOptional({ default: 100 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  valid?: number;

  @ApiPropertyOptional({ default: 100 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  test?: number;
}

/** Split assignment settings, shared by freezing and by POST /datasets/splits/assign. */
export class AssignSplitsDto {
  @ApiPropertyOptional({ type: VersionFilterDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => VersionFilterDto)
  filter?: VersionFilterDto;

  @ApiPropertyOptional({ type: SplitSizesDto, description: 'validation and test items per ability (100 + 100)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SplitSizesDto)
  splits?: SplitSizesDto;

  @ApiPropertyOptional({ default: 'pace', description: 'orders new items by SHA-256(seed + ":" + item id)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  seed?: string;
}
