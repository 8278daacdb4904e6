import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, MaxLength, Min, MinLength } from 'class-validator';
import { RunSettingsDto } from './run-settings.dto';

export class CreateExperimentDto extends RunSettingsDto {
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

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name?: string;
}
