import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { DRAFT_PROMPT_KINDS, type DraftPromptKind, TAXONOMY_LANGUAGES, type TaxonomyLanguage } from '../taxonomy-views';

const REVISION = /^[0-9a-f]{64}$/;
const REVISION_MESSAGE = 'baseRevision: the revision the edit was made on (64 hex digits, as GET answers it)';

export class CreateTaxonomyDto {
  @ApiProperty() @IsString() @Matches(/\S/, { message: 'name must not be blank' }) @MaxLength(200) name: string;
  @ApiPropertyOptional({ enum: TAXONOMY_LANGUAGES }) @IsOptional() @IsIn(TAXONOMY_LANGUAGES) language?: TaxonomyLanguage;
  /** The tree as JSON: `{"fields": [...]}` (an object, or the document as a string). Absent: an empty taxonomy. */
  @ApiPropertyOptional({ description: 'The tree: {"fields": [{"name", "children"?: [...]}]}, as an object or a JSON string' })
  @IsOptional()
  json?: unknown;
}

/** Multipart import: the JSON file in `file`, or the document in `json`. */
export class ImportTaxonomyDto {
  @ApiProperty() @IsString() @Matches(/\S/, { message: 'name must not be blank' }) @MaxLength(200) name: string;
  @ApiPropertyOptional({ enum: TAXONOMY_LANGUAGES }) @IsOptional() @IsIn(TAXONOMY_LANGUAGES) language?: TaxonomyLanguage;
  @ApiPropertyOptional() @IsOptional() json?: unknown;
}

export class UpdateTaxonomyDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(/\S/, { message: 'name must not be blank' }) @MaxLength(200) name?: string;
  @ApiPropertyOptional({ enum: TAXONOMY_LANGUAGES }) @IsOptional() @IsIn(TAXONOMY_LANGUAGES) language?: TaxonomyLanguage;
}

export class BaseRevisionDto {
  @ApiProperty({ description: 'The revision the edit was made on' }) @IsString() @Matches(REVISION, { message: REVISION_MESSAGE }) baseRevision: string;
}

export class CreateNodeDto extends BaseRevisionDto {
  /** null: a new field (top level). */
  @ApiProperty({ nullable: true, type: String }) @ValidateIf((_, v) => v !== null) @IsString() @MinLength(1) parentId: string | null;
  @ApiProperty() @IsString() @MaxLength(200) name: string;
  @ApiPropertyOptional() @IsOptional() @IsString() abilityKey?: string;
}

export class RenameNodeDto extends BaseRevisionDto {
  @ApiProperty() @IsString() @MaxLength(200) name: string;
}

export class MoveNodeDto extends BaseRevisionDto {
  @ApiProperty({ nullable: true, type: String }) @ValidateIf((_, v) => v !== null) @IsString() @MinLength(1) parentId: string | null;
  @ApiPropertyOptional({ description: 'Position among the new siblings (default: last)' }) @IsOptional() @IsInt() @Min(0) index?: number;
}

export class SetAbilityDto extends BaseRevisionDto {
  @ApiProperty({ nullable: true, type: String }) @ValidateIf((_, v) => v !== null) @IsString() @MinLength(1) abilityKey: string | null;
}

export class VoteDto {
  @ApiProperty({ enum: ['keep', 'remove'] }) @IsIn(['keep', 'remove'], { message: 'decision must be keep or remove' }) decision: 'keep' | 'remove';
}

export class DraftTaxonomyDto {
  @ApiProperty() @IsString() @Matches(/\S/, { message: 'name must not be blank' }) @MaxLength(200) name: string;
  @ApiPropertyOptional({ enum: TAXONOMY_LANGUAGES }) @IsOptional() @IsIn(TAXONOMY_LANGUAGES) language?: TaxonomyLanguage;
  @ApiProperty() @IsUUID() endpointId: string;
  @ApiPropertyOptional({ enum: DRAFT_PROMPT_KINDS, isArray: true, description: 'Which drafting prompts (default: all three)' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(DRAFT_PROMPT_KINDS, { each: true, message: `prompts: each must be one of ${DRAFT_PROMPT_KINDS.join(', ')}` })
  prompts?: DraftPromptKind[];
  @ApiPropertyOptional({ description: 'Completions per prompt (default 1)' }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(20) samplesPerPrompt?: number;
  @ApiPropertyOptional({ description: 'Sampling temperature (default 0.7)' }) @IsOptional() @Type(() => Number) @IsNumber() @Min(0) @Max(2) temperature?: number;
  @ApiPropertyOptional({ description: 'Token bound per completion (default 4096)' }) @IsOptional() @Type(() => Number) @IsInt() @Min(16) @Max(32768) maxTokens?: number;
}

