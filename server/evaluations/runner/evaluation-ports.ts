import type { ModelBackend } from '../backends/backend.types';
import type { EvaluationBackendKind, EvaluationSuite } from '../evaluation-views';
import type { EvalUnit } from './answer-in-chunks';
import type { EvaluationContext } from './evaluation-context.repository';

/** Turns an evaluation's suites into units of items with their planners (in-domain items of the version, benchmarks). */
export interface EvalUnitsSource {
  units(ctx: EvaluationContext, suites: readonly EvaluationSuite[]): Promise<EvalUnit[]>;
}

/** Opens the model back-end an evaluation answers with (exporting a checkpoint to ONNX first when needed). */
export interface BackendOpener {
  open(ctx: EvaluationContext, kind: EvaluationBackendKind, opts: { evaluationId: string; signal?: AbortSignal }): Promise<ModelBackend>;
}

export const EVAL_UNITS_SOURCE = Symbol('EVAL_UNITS_SOURCE');
export const BACKEND_OPENER = Symbol('BACKEND_OPENER');
