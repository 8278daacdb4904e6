import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsInt, IsObject, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import type { HyperParams } from '../experiment-views';

export class CreatePolicyDto {
  @ApiProperty({ example: 'curated ladder on qwen' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty()
  @IsInt()
  @Min(1)
  baseModelId: number;

  @ApiProperty({ description: 'Recipe names (latest revision at each new version); one experiment per recipe', example: ['curated-10', 'curated-40'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsString({ each: true })
  recipes: string[];

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

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class UpdatePolicyDto extends PartialType(CreatePolicyDto) {}
