import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow } from 'class-validator';
import type { HyperParams } from '../../experiments/experiment-views';
import type { StudyCreateRequest, StudyTemplate } from '../study-views';

/**
 * The request bodies. Each field is only let through here (`@Allow`; unknown fields are still refused): the study's
 * own check (checkStudyRequest) reports every bad field at once as `{ field, message }`.
 */
export class CreateStudyDto implements StudyCreateRequest {
  @ApiProperty({ example: 'volume grid on qwen' })
  @Allow()
  name: string;

  @ApiPropertyOptional({ enum: ['custom', 'volume-grid', 'probe'], default: 'custom' })
  @Allow()
  template?: StudyTemplate;

  @ApiPropertyOptional({ description: 'A frozen dataset version; leave out with followVersions' })
  @Allow()
  versionId?: number;

  @ApiPropertyOptional({ description: 'Run the grid on every new frozen version too (through policies the study owns)' })
  @Allow()
  followVersions?: boolean;

  @ApiProperty({ type: [Number] })
  @Allow()
  baseModelIds: number[];

  @ApiPropertyOptional({ type: [String], description: 'Recipe names (template custom)' })
  @Allow()
  recipes?: string[];

  @ApiPropertyOptional({ type: [Number], default: [42] })
  @Allow()
  seeds?: number[];

  @ApiPropertyOptional({ description: 'Overrides of the paper defaults (see HyperParams)' })
  @Allow()
  hyperParams?: Partial<HyperParams>;

  @ApiPropertyOptional({ type: [String], description: 'volume-grid: curated, synthetic (default: every source kind that exists)' })
  @Allow()
  sources?: ('curated' | 'synthetic')[];

  @ApiPropertyOptional({ default: 64, description: 'probe: train items per ability' })
  @Allow()
  probeItems?: number;
}

export class AddStudyBaseModelDto {
  @ApiProperty()
  @Allow()
  baseModelId: number;
}

export class AddStudyRecipeDto {
  @ApiProperty({ example: 'reconstruct' })
  @Allow()
  recipe: string;
}
