import { ModelBackend } from './backend.types';
import { OnnxBackend } from './onnx-backend';
import { OpenAiBackend } from './openai-backend';
import { BackendRequestError } from './request-checks';
import { TorchBackend } from './torch-backend';

export type BackendKind = 'onnx' | 'torch' | 'openai';
export const BACKEND_KINDS: readonly BackendKind[] = ['onnx', 'torch', 'openai'];

export interface BackendConfig {
  kind: BackendKind;
  /** torch: the checkpoint folder (Hugging Face). */
  modelDir?: string;
  /** onnx: the folder `export-onnx` wrote. */
  onnxDir?: string;
  /** openai: e.g. http://127.0.0.1:8000/v1 */
  baseUrl?: string;
  /** openai: the served model's name. */
  model?: string;
  apiKey?: string;
  device?: 'auto' | 'cpu' | 'cuda';
  batchSize?: number;
  /** torch: the scorer's log. */
  logFile?: string;
}

/** The back-end an evaluation runs on; a missing or wrong setting fails here, naming it. */
export async function createBackend(config: BackendConfig): Promise<ModelBackend> {
  const need = (field: 'modelDir' | 'onnxDir' | 'baseUrl' | 'model'): string => {
    const value = config[field];
    if (typeof value !== 'string' || !value) throw new BackendRequestError(`the ${config.kind} back-end needs "${field}"`);
    return value;
  };
  switch (config.kind) {
    case 'onnx':
      return OnnxBackend.open(need('onnxDir'), { device: config.device, batchSize: config.batchSize });
    case 'torch':
      return new TorchBackend(need('modelDir'), { device: config.device, batchSize: config.batchSize, logFile: config.logFile });
    case 'openai':
      return new OpenAiBackend({ baseUrl: need('baseUrl'), model: need('model'), apiKey: config.apiKey });
    default:
      throw new BackendRequestError(`unknown back-end kind ${JSON.stringify((config as { kind: unknown }).kind)}; known: ${BACKEND_KINDS.join(', ')}`);
  }
}
