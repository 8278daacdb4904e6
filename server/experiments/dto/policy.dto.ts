import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsInt, IsOptional, IsString, MaxLength, Min, MinLength } from 'class-validator';
import { RunSettingsDto } from './run-settings.dto';

export class CreatePolicyDto extends RunSettingsDto {
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

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class UpdatePolicyDto extends PartialType(CreatePolicyDto) {}
