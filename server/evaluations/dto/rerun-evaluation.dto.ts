import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsUUID, Min } from 'class-validator';
import type { EvaluationBackendKind } from '../evaluation-views';

const BACKENDS: EvaluationBackendKind[] = ['onnx', 'torch', 'openai'];

export class RerunEvaluationDto {
  @ApiProperty({ description: 'The experiment whose checkpoint is evaluated' })
  @IsUUID()
  experimentId: string;

  @ApiProperty({ description: '0: the base model itself; n: the checkpoint of epoch n' })
  @IsInt()
  @Min(0)
  epoch: number;

  @ApiPropertyOptional({ description: "Back-end (default: the experiment's evalBackend)", enum: BACKENDS })
  @IsOptional()
  @IsIn(BACKENDS, { message: `backend: must be one of ${BACKENDS.join(', ')}` })
  backend?: EvaluationBackendKind;
}
