import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { Allow, ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsPositive, IsString, IsUUID, Min } from 'class-validator';
import type { DataSource as RunSource } from '../../analysis/growth/growth-types';

const SOURCES: RunSource[] = ['curated', 'synthetic'];
const LOCALES = ['en', 'zh-CN'] as const;

/** Which runs' fits guide, and which of their lines (see GuidanceService.line). */
export class GuidanceSelectionDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'studyId: expected a study id' })
  @Min(1, { message: 'studyId: expected a study id' })
  studyId?: number;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value))
  @IsArray({ message: 'experimentIds: expected a list of experiment ids' })
  @ArrayMinSize(1, { message: 'experimentIds: expected at least one experiment id' })
  @ArrayMaxSize(5000)
  @IsUUID('all', { each: true, message: 'experimentIds: each must be an experiment id (a UUID)' })
  experimentIds?: string[];

  @ApiPropertyOptional({ description: "The line's model size (parameters); default the largest" })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({}, { message: 'parameters: expected a parameter count' })
  @IsPositive({ message: 'parameters: expected a parameter count' })
  parameters?: number;

  @ApiPropertyOptional({ enum: SOURCES })
  @IsOptional()
  @IsIn(SOURCES, { message: 'source: expected curated or synthetic' })
  source?: RunSource;

  @ApiPropertyOptional({ enum: LOCALES })
  @IsOptional()
  @IsIn(LOCALES, { message: 'locale: expected en or zh-CN' })
  locale?: (typeof LOCALES)[number];
}

export class QuotaRequestDto extends GuidanceSelectionDto {
  /** Checked by the service (a positive whole number), so a bad one is named the same way from the API and the CLI. */
  @ApiProperty({ description: 'Total training items to spread' })
  @Allow()
  budget: number;

  @ApiPropertyOptional({ description: 'Quota of resistant abilities and the least any gets; default 64' })
  @IsOptional()
  floor?: number;

  @ApiPropertyOptional({ description: 'Cap for every plateaued ability; default where its own plateau starts' })
  @IsOptional()
  plateauCap?: number;

  @ApiPropertyOptional({ description: "The frozen version whose accepted train items bound each quota; default the latest run's" })
  @IsOptional()
  @IsInt({ message: 'versionId: expected a dataset version id' })
  @Min(1, { message: 'versionId: expected a dataset version id' })
  versionId?: number;
}

export class ApplyQuotasDto extends QuotaRequestDto {
  @ApiProperty({ description: 'The recipe to save the proposal as (a new revision when it exists)' })
  @IsString({ message: 'recipe: expected a recipe name' })
  recipe: string;

  @ApiPropertyOptional({ description: 'Queue a run of the recipe right away' })
  @IsOptional()
  @IsBoolean({ message: 'start: expected true or false' })
  start?: boolean;

  @ApiPropertyOptional({ description: "Default: the line's base model" })
  @IsOptional()
  @IsInt({ message: 'baseModelId: expected a base model id' })
  @Min(1, { message: 'baseModelId: expected a base model id' })
  baseModelId?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt({ message: 'seed: expected a whole number' })
  @Min(0, { message: 'seed: expected a whole number' })
  seed?: number;
}

export class HoursQueryDto extends GuidanceSelectionDto {
  @ApiPropertyOptional({ description: 'Annotation hours to spend; default 10' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({}, { message: 'hours: expected a positive number of hours' })
  @IsPositive({ message: 'hours: expected a positive number of hours' })
  hours?: number;
}

export class PaceQueueDto {
  @ApiProperty()
  @IsBoolean({ message: 'enabled: expected true or false' })
  enabled: boolean;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsInt({ message: 'studyId: expected a study id or null' })
  @Min(1, { message: 'studyId: expected a study id or null' })
  studyId?: number | null;

  @ApiPropertyOptional({ description: 'The hours the ranking is computed for; default 10' })
  @IsOptional()
  @IsNumber({}, { message: 'hours: expected a positive number of hours' })
  @IsPositive({ message: 'hours: expected a positive number of hours' })
  hours?: number;
}
