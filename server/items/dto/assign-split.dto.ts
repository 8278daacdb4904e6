import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsBoolean, IsIn, IsInt, IsOptional, ValidateIf } from 'class-validator';
import { SPLITS, type Split } from '../item.entity';

export class AssignSplitDto {
  @ApiProperty({ type: [Number] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(100_000)
  @IsInt({ each: true })
  itemIds: number[];

  @ApiProperty({ enum: SPLITS, nullable: true, description: 'null takes the items out of every split' })
  @ValidateIf((_, v) => v !== null)
  @IsIn(SPLITS)
  split: Split | null;

  @ApiPropertyOptional({
    description:
      'Move the items whose split may change and skip (and name, with the reason) those a frozen dataset version holds, instead of refusing the whole request (409); the answer then also lists the items changed',
  })
  @IsOptional()
  @IsBoolean()
  skipFrozen?: boolean;
}
