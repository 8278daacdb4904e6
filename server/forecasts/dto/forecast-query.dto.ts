import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Matches, Min } from 'class-validator';

/** GET /forecasts and /forecasts/accuracy: a study's runs, one run, one ability; none of them: every forecast. */
export class ForecastQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'studyId: expected a study id' })
  @Min(1, { message: 'studyId: expected a study id' })
  studyId?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'experimentId: expected an experiment id (a UUID)' })
  experimentId?: string;

  @ApiPropertyOptional({ description: 'An ability key' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z][a-z0-9_]*$/, { message: 'ability: expected an ability key (lowercase letters, digits, "_")' })
  ability?: string;
}
