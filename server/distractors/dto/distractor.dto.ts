import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, MaxLength, Min } from 'class-validator';
import { DISTRACTOR_KINDS, type DistractorKind } from '../distractor.entity';

export class CheckDistractorDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
  itemId: number;

  @ApiProperty({ enum: DISTRACTOR_KINDS })
  @IsIn(DISTRACTOR_KINDS)
  kind: DistractorKind;

  @ApiProperty()
  @IsString()
  @MaxLength(50_000)
  text: string;
}

export class SubmitDistractorsDto {
  @ApiPropertyOptional({ description: 'Fine-grained distractor (needed when the task asks for one)' })
  @IsOptional()
  @IsString()
  @MaxLength(50_000)
  fine?: string;

  @ApiPropertyOptional({ description: 'Coarse-grained distractor (needed when the task asks for one)' })
  @IsOptional()
  @IsString()
  @MaxLength(50_000)
  coarse?: string;

  @ApiProperty()
  @IsString()
  @Length(1, 200)
  idempotencyKey: string;
}
