import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class IngestRunDto {
  @ApiPropertyOptional({ description: 'Default ability key for pairs whose discipline the taxonomy maps to no ability' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  ability?: string;
}
