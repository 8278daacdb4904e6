import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import { EXPORT_FORMATS, type ExportFormat } from '../export-types';

export class CreateExportDto {
  @ApiProperty({ description: 'Id of a frozen dataset version' })
  @IsInt()
  @Min(1)
  versionId: number;

  @ApiPropertyOptional({ description: 'Recipe name (latest revision) applied to the train split; omitted: the whole train split' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  recipe?: string;

  @ApiProperty({ description: 'Sampling seed: the same version, recipe and seed always export the same bytes' })
  @IsInt()
  @Min(0)
  @Max(2 ** 31 - 1)
  seed: number;

  @ApiPropertyOptional({ description: 'Formats to write (default: all)', enum: EXPORT_FORMATS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(EXPORT_FORMATS, { each: true, message: `formats: each must be one of ${EXPORT_FORMATS.join(', ')}` })
  formats?: ExportFormat[];
}
