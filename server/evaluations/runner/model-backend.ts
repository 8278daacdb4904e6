import type { ModelBackend } from '../backends/backend.types';
import { createBackend } from '../backends/create-backend';
import type { BackendSpec } from './checkpoint-backend-opener';

/**
 * The back-ends of server/evaluations/backends, by kind. An OpenAI-compatible server serves one model, named by
 * PACE_EVAL_OPENAI_MODEL (default: the name the server was started with, "pace").
 */
export function modelBackend(spec: BackendSpec): Promise<ModelBackend> {
  return createBackend({ ...spec, model: spec.kind === 'openai' ? (process.env.PACE_EVAL_OPENAI_MODEL ?? 'pace') : undefined });
}
