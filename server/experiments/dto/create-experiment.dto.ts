import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsObject, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import type { HyperParams } from '../experiment-views';

export class CreateExperimentDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
  baseModelId: number;

  @ApiProperty({ description: 'A frozen dataset version' })
  @IsInt()
  @Min(1)
  versionId: number;

  @ApiPropertyOptional({ description: 'Recipe name or name@revision for the train set; omitted: the whole train split' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  recipe?: string;

  @ApiPropertyOptional({ description: 'Overrides of the paper defaults (see HyperParams)' })
  @IsOptional()
  @IsObject()
  hyperParams?: Partial<HyperParams>;

  @ApiPropertyOptional({ default: 42 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2 ** 31 - 1)
  seed?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name?: string;
}
