import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class OverruleContaminationDto {
  @ApiProperty({ description: 'why this train item may stay despite the shared n-gram' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
}
