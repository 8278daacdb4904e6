import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class CreateAbilityDto {
  @ApiProperty({ example: 'law', description: 'Stable key: lowercase letters, digits and _' })
  @Matches(/^[a-z][a-z0-9_]{0,63}$/, { message: 'key: lowercase letters, digits and _, starting with a letter' })
  key: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  nameEn: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  nameZh: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;
}

/** Renaming changes the display names; the key stays, since records, exports and recipes refer to it. */
export class UpdateAbilityDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  nameEn?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  nameZh?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;
}
