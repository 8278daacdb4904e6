import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { REVIEW_MODES, type ReviewMode } from '../import-types';

/** Multipart fields sent with the uploaded file (or the CLI's options with a path). */
export class CreateImportDto {
  @ApiPropertyOptional({ description: 'Adapter key (see GET /imports/adapters); detected from the file when omitted' })
  @IsOptional()
  @IsString()
  adapter?: string;

  @ApiPropertyOptional({ description: 'Default ability key for records that name none' })
  @IsOptional()
  @IsString()
  ability?: string;

  @ApiPropertyOptional({ description: 'Existing source id' })
  @IsOptional()
  @IsUUID()
  sourceId?: string;

  @ApiPropertyOptional({ description: 'Source name; created when missing (defaults to the adapter’s source)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  sourceName?: string;

  @ApiPropertyOptional({ description: 'License recorded on a newly created source' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  license?: string;

  @ApiPropertyOptional({
    description: 'CSV column mapping, e.g. {"instruction":"Question","output":"Answer"} (JSON string in multipart)',
    type: 'object',
    additionalProperties: { type: 'string' },
  })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? safeJson(value) : value))
  @IsObject({ message: 'csvMapping: expected a JSON object of field → column' })
  csvMapping?: Record<string, string>;

  @ApiPropertyOptional({
    enum: REVIEW_MODES,
    default: 'dual',
    description: 'How the created items are reviewed: dual (two blind reviews), single, or none (accepted without review); single and none only for a synthetic source',
  })
  @IsOptional()
  @IsIn(REVIEW_MODES, { message: `reviewMode: expected one of ${REVIEW_MODES.join(', ')}` })
  reviewMode?: ReviewMode;
}

export class ImportUploadDto extends CreateImportDto {
  @ApiProperty({ type: 'string', format: 'binary' })
  file: unknown;
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}
