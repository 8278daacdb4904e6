import { Inject, Injectable } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { runTrainerCommand } from '../../training/trainer-process';
import { env } from '../../config/env';
import { baseModelPathForWorker } from '../../experiments/model-roots';
import type { ModelBackend } from '../backends/backend.types';
import type { EvaluationBackendKind } from '../evaluation-views';
import { EvaluationContext, EvaluationContextRepository } from './evaluation-context.repository';
import type { BackendOpener } from './evaluation-ports';
import { EvaluationFailure } from './evaluation-failure';

export interface BackendSpec {
  kind: EvaluationBackendKind;
  modelDir?: string;
  onnxDir?: string;
  baseUrl?: string;
}

/** Builds a back-end from where the model is (server/evaluations/backends' createBackend). */
export type BackendFactory = (spec: BackendSpec) => ModelBackend | Promise<ModelBackend>;
export const BACKEND_FACTORY = Symbol('BACKEND_FACTORY');

/** What an ONNX export leaves when it is complete (workers/trainer/PROTOCOL.md). */
const ONNX_MARKER = 'pace-onnx.json';

/**
 * The model an evaluation scores: the checkpoint folder (or the base model's, at epoch 0) for the torch scorer, its
 * ONNX export for onnxruntime (made once per checkpoint, recorded in `checkpoints.onnx_path`), or an
 * OpenAI-compatible server named by PACE_EVAL_OPENAI_URL.
 */
@Injectable()
export class CheckpointBackendOpener implements BackendOpener {
  constructor(
    private readonly contexts: EvaluationContextRepository,
    @Inject(BACKEND_FACTORY) private readonly factory: BackendFactory,
  ) {}

  async open(ctx: EvaluationContext, kind: EvaluationBackendKind, opts: { evaluationId: string; signal?: AbortSignal }): Promise<ModelBackend> {
    const modelDir = ctx.checkpoint?.path ?? (await this.baseModelDir(ctx.baseModelPath));
    if (!existsSync(modelDir)) {
      throw new EvaluationFailure(`${ctx.checkpoint ? `Checkpoint of epoch ${ctx.checkpoint.epoch}` : 'The base model'} is not on this worker: ${modelDir} does not exist`);
    }
    switch (kind) {
      case 'torch':
        return this.factory({ kind, modelDir });
      case 'onnx':
        return this.factory({ kind, onnxDir: await this.onnxExport(ctx, modelDir, opts.signal) });
      case 'openai': {
        const baseUrl = process.env.PACE_EVAL_OPENAI_URL;
        if (!baseUrl) throw new EvaluationFailure('The openai back-end needs the server it asks: set PACE_EVAL_OPENAI_URL on the worker');
        return this.factory({ kind, baseUrl });
      }
      default:
        throw new EvaluationFailure(`Unknown back-end ${JSON.stringify(kind)}`);
    }
  }

  /** The base model's real folder, refused unless it is under this worker's model roots (issue 14 item 5). */
  private async baseModelDir(path: string): Promise<string> {
    try {
      return await baseModelPathForWorker(path);
    } catch (e) {
      throw new EvaluationFailure((e as Error).message);
    }
  }

  /** The checkpoint's ONNX export, made under a temporary name and renamed when complete, so a crash leaves none half-made. */
  private async onnxExport(ctx: EvaluationContext, modelDir: string, signal?: AbortSignal): Promise<string> {
    const recorded = ctx.checkpoint?.onnxPath;
    if (recorded && existsSync(join(recorded, ONNX_MARKER))) return recorded;
    // inside the checkpoint folder, where the trainer's own epoch-<n> scan does not look
    const out = ctx.checkpoint ? join(ctx.checkpoint.path, 'onnx') : join(env().dataDir, 'onnx', `base-model-${ctx.baseModelId}`);
    if (!existsSync(join(out, ONNX_MARKER))) {
      const building = `${out}.tmp-${process.pid}-${Date.now()}`;
      try {
        await runTrainerCommand(['export-onnx', '--model', modelDir, '--out', building], { signal });
        await rm(out, { recursive: true, force: true });
        await rename(building, out);
      } catch (e) {
        await rm(building, { recursive: true, force: true });
        if (signal?.aborted) throw e;
        throw new EvaluationFailure(`Exporting ${modelDir} to ONNX failed: ${(e as Error).message}`);
      }
    }
    if (ctx.checkpoint) await this.contexts.recordOnnxPath(ctx.checkpoint.id, out);
    return out;
  }
}
