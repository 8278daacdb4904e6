import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

/**
 * An OpenAI-compatible endpoint (issue 15 item 3). The key is given either as `apiKeyEnv` (the name of a variable
 * holding it, read where the job runs) or as `apiKey` (stored encrypted with PACE_SECRET_KEY), never both; it is
 * never returned.
 */
export class CreateEndpointDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ description: 'The API root, e.g. http://127.0.0.1:8000/v1 (vLLM), http://127.0.0.1:11434/v1 (Ollama)' })
  @IsString()
  @Matches(/^https?:\/\/\S+$/, { message: 'baseUrl must be an http(s) URL such as http://127.0.0.1:8000/v1' })
  baseUrl: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  model: string;

  @ApiPropertyOptional({ description: 'The key itself: stored encrypted (needs PACE_SECRET_KEY), never returned' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  apiKey?: string;

  @ApiPropertyOptional({ description: 'The name of an environment variable holding the key' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: 'apiKeyEnv must be an environment variable name (letters, digits and _, not starting with a digit)' })
  apiKeyEnv?: string;

  @ApiPropertyOptional({ default: 8 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1024)
  maxConcurrency?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  requestsPerMinute?: number | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  tokensPerMinute?: number | null;

  @ApiPropertyOptional({ description: 'USD per 1M prompt tokens (0 for a local server)' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  inputPer1M?: number | null;

  @ApiPropertyOptional({ description: 'USD per 1M completion tokens' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  outputPer1M?: number | null;
}

/** Every field optional; `clearApiKey: true` removes the key (a local server needs none). */
export class UpdateEndpointDto {
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200) name?: string;
  @IsOptional() @IsString() @Matches(/^https?:\/\/\S+$/, { message: 'baseUrl must be an http(s) URL such as http://127.0.0.1:8000/v1' }) baseUrl?: string;
  @IsOptional() @IsString() @MinLength(1) model?: string;
  @IsOptional() @IsString() @MinLength(1) apiKey?: string;
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: 'apiKeyEnv must be an environment variable name (letters, digits and _, not starting with a digit)' })
  apiKeyEnv?: string;
  @IsOptional() @IsBoolean() clearApiKey?: boolean;
  @IsOptional() @IsInt() @Min(1) @Max(1024) maxConcurrency?: number;
  @IsOptional() @IsInt() @Min(1) requestsPerMinute?: number | null;
  @IsOptional() @IsInt() @Min(1) tokensPerMinute?: number | null;
  @IsOptional() @IsNumber() @Min(0) inputPer1M?: number | null;
  @IsOptional() @IsNumber() @Min(0) outputPer1M?: number | null;
}
