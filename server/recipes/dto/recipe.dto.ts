import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

const SPEC_EXAMPLE = { pool: 'curated', quotas: { total: 10000, caps: { ethics: 64, role_play: 64, creative_writing: 1000 } } };

/** The whole spec of the next revision; notes default to the edited revision's. */
export class UpdateRecipeDto {
  @ApiProperty({ example: SPEC_EXAMPLE, description: 'See README "Recipes" for the shapes of quotas' })
  @IsObject({ message: 'spec: expected an object' })
  spec: Record<string, unknown>;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  notes?: string;
}

/** A custom recipe's first revision. */
export class CreateRecipeDto extends UpdateRecipeDto {
  @ApiProperty({ example: 'reconstruct-2k', description: 'Lowercase letters, digits, ".", "_" and "-", starting with a letter' })
  @Matches(/^[a-z][a-z0-9._-]{0,99}$/, { message: 'name: lowercase letters, digits, ".", "_" and "-", starting with a letter' })
  name: string;
}

export class PreviewQueryDto {
  @ApiProperty({ description: 'A frozen dataset version' })
  @Type(() => Number)
  @IsInt({ message: 'versionId: expected a dataset version id' })
  @Min(1)
  versionId: number;

  @ApiPropertyOptional({ description: "Default: the recipe's seed, else 0. Counts do not depend on it; which items do." })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'seed: expected a whole number' })
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  seed?: number;
}
