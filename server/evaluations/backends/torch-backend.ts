import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTrainerCommand } from '../../training/trainer-process';
import { BackendProgress, BackendRequest, BackendResult, GenerateRequest, GenerateResult, LoglikelihoodRequest, LoglikelihoodResult, ModelBackend } from './backend.types';
import { BackendRequestError, checkRequests } from './request-checks';

export interface TorchBackendOptions {
  device?: 'auto' | 'cpu' | 'cuda';
  batchSize?: number;
  /** torch's intra-op threads (`score --threads`); torch's own choice when absent. */
  threads?: number;
  /** The scorer's stderr (its log) is appended here. */
  logFile?: string;
}

/**
 * The Python torch scorer (`python -m pace_trainer score`, workers/trainer/PROTOCOL.md): each call writes a request
 * file, runs one scorer process over it and reads its results back. A process start costs seconds (torch import and
 * model load), so callers send all their requests of a kind in one call.
 */
export class TorchBackend implements ModelBackend {
  readonly kind = 'torch';
  /** The device and precision the last run reported ('cpu float32', 'cuda bfloat16'). */
  lastDevice: string | null = null;
  /** The intra-op threads torch reported for the last run. */
  lastThreads: number | null = null;
  /** The last run's own figures (its done event): seconds scoring, after the process start and the model load. */
  lastRun: { requests: number; tokens: number; seconds: number } | null = null;

  constructor(
    readonly modelDir: string,
    private readonly opts: TorchBackendOptions = {},
  ) {
    if (!existsSync(join(modelDir, 'config.json')) && !existsSync(join(modelDir, 'adapter_config.json'))) {
      throw new BackendRequestError(`model folder ${modelDir} holds no config.json or adapter_config.json: not a Hugging Face checkpoint`);
    }
  }

  async loglikelihood(requests: LoglikelihoodRequest[], onProgress?: (p: BackendProgress) => void, signal?: AbortSignal): Promise<LoglikelihoodResult[]> {
    checkRequests(requests, 'loglikelihood');
    return this.score<LoglikelihoodResult>(requests, onProgress, signal);
  }

  async generate(requests: GenerateRequest[], onProgress?: (p: BackendProgress) => void, signal?: AbortSignal): Promise<GenerateResult[]> {
    checkRequests(requests, 'generate');
    return this.score<GenerateResult>(requests, onProgress, signal);
  }

  /** Both kinds in one scorer process (one model load), results in request order. */
  async run(requests: BackendRequest[], onProgress?: (p: BackendProgress) => void, signal?: AbortSignal): Promise<BackendResult[]> {
    checkRequests(requests.filter((r) => r.kind !== 'generate') as LoglikelihoodRequest[], 'loglikelihood');
    checkRequests(requests.filter((r) => r.kind === 'generate'), 'generate');
    return this.score<BackendResult>(requests, onProgress, signal);
  }

  private async score<R extends { id: string }>(requests: BackendRequest[], onProgress?: (p: BackendProgress) => void, signal?: AbortSignal): Promise<R[]> {
    if (!requests.length) return [];
    signal?.throwIfAborted();
    const dir = await mkdtemp(join(tmpdir(), 'pace-torch-score-'));
    try {
      const requestFile = join(dir, 'requests.jsonl');
      const outFile = join(dir, 'results.jsonl');
      await writeFile(requestFile, requests.map((r) => JSON.stringify(r)).join('\n') + '\n');
      const args = ['score', '--model', resolve(this.modelDir), '--requests', requestFile, '--out', outFile, '--device', this.opts.device ?? 'auto'];
      if (this.opts.batchSize) args.push('--batch-size', String(this.opts.batchSize));
      if (this.opts.threads) args.push('--threads', String(this.opts.threads));
      signal?.throwIfAborted(); // runTrainerCommand listens for an abort to come, not one already past
      await runTrainerCommand(args, {
        signal,
        logFile: this.opts.logFile,
        onEvent: (e) => {
          if (e.event === 'start') {
            this.lastDevice = `${String(e.device)} ${String(e.precision)}`;
            this.lastThreads = typeof e.threads === 'number' ? e.threads : null;
          }
          if (e.event === 'progress') onProgress?.({ done: Number(e.done), total: Number(e.total) });
          if (e.event === 'done') this.lastRun = { requests: Number(e.requests), tokens: Number(e.tokens), seconds: Number(e.seconds) };
        },
      });
      const results = (await readFile(outFile, 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as R);
      if (results.length !== requests.length || results.some((r, i) => r.id !== requests[i].id)) {
        throw new Error(`the torch scorer answered ${results.length} results for ${requests.length} requests, or out of order`);
      }
      return results;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async close(): Promise<void> {}
}
