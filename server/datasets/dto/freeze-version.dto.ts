import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { AssignSplitsDto } from './freeze-options.dto';

export class FreezeVersionDto extends AssignSplitsDto {
  @ApiProperty({ example: 'v3' })
  @IsString()
  @Matches(/^[\p{L}\p{N}][\p{L}\p{N}._-]{0,63}$/u, { message: 'name: 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit' })
  name: string;

  @ApiPropertyOptional({ description: 'id of the version this one follows' })
  @IsOptional()
  @IsInt()
  parentId?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  notes?: string;

  @ApiPropertyOptional({ default: 13, description: 'decontamination n-gram length, in tokens: a CJK character or a word each (see contamination-ngrams.ts)' })
  @IsOptional()
  @IsInt()
  @Min(4)
  @Max(200)
  ngram?: number;
}
