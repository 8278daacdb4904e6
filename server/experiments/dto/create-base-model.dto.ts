import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, MaxLength, Min, MinLength } from 'class-validator';

export class CreateBaseModelDto {
  @ApiProperty({ example: 'qwen2.5-0.5b' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ description: "Absolute path of a Hugging Face causal-LM folder on the workers' file system" })
  @IsString()
  @MinLength(1)
  path: string;

  @ApiPropertyOptional({ description: 'Parameter count; counted from the safetensors headers when omitted' })
  @IsOptional()
  @IsInt()
  @Min(1)
  parameters?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  notes?: string;
}
