import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsObject, IsOptional, Max, Min } from 'class-validator';
import type { HyperParams } from '../experiment-views';

/** What an experiment and a policy both set for their runs: hyper-parameter overrides and the seed. */
export class RunSettingsDto {
  @ApiPropertyOptional({ description: 'Overrides of the paper defaults (see HyperParams)' })
  @IsOptional()
  @IsObject()
  hyperParams?: Partial<HyperParams>;

  @ApiPropertyOptional({ default: 42 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2 ** 31 - 1)
  seed?: number;
}
