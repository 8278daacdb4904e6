import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, MaxLength, Min, ValidateNested } from 'class-validator';

export class RevisedMessageDto {
  @ApiProperty({ enum: ['system', 'user', 'assistant'] })
  @IsIn(['system', 'user', 'assistant'])
  role: 'system' | 'user' | 'assistant';

  @ApiProperty()
  @IsString()
  @MaxLength(200_000)
  content: string;
}

export class SubmitRevisionDto {
  @ApiProperty({ type: [RevisedMessageDto], description: 'The whole conversation after revision' })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => RevisedMessageDto)
  messages: RevisedMessageDto[];

  @ApiPropertyOptional({ description: 'Gold answer (exact-match items); omit to keep, null to clear' })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  gold?: string | null;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  choices?: string[] | null;

  @ApiPropertyOptional({ description: 'Move the item to another ability' })
  @IsOptional()
  @IsInt()
  @Min(1)
  abilityId?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  comment?: string;

  @ApiProperty()
  @IsString()
  @Length(1, 200)
  idempotencyKey: string;
}
