import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsInt, ValidateIf } from 'class-validator';
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
}
