import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { requestFileSha256 } from '../../training/trainer-protocol';
import type { BackendProgress, BackendRequest, BackendResult, GenerateRequest, GenerateResult, LoglikelihoodRequest, LoglikelihoodResult, ModelBackend } from './backend.types';
import { checkRequests } from './request-checks';

interface ResultsHeader {
  requestsSha256: string;
  requests: number;
  epoch?: number;
}

/**
 * Answers from the results the trainer wrote with the model still in memory (workers/trainer/PROTOCOL.md, `train`),
 * by request id: no model and no GPU. Opened only when the file answers exactly the planned requests (same SHA-256 of
 * the request file); a request that differs from the planned one with its id is refused, naming it.
 */
export class TrainerResultsBackend implements ModelBackend {
  readonly kind = 'torch';

  private constructor(
    readonly file: string,
    private readonly planned: ReadonlyMap<string, BackendRequest>,
    private readonly results: ReadonlyMap<string, BackendResult>,
  ) {}

  /** The back-end, or why the file cannot stand for the planned requests (missing, unreadable, or stale). */
  static async open(file: string, planned: readonly BackendRequest[]): Promise<TrainerResultsBackend | { unusable: string }> {
    if (!existsSync(file)) return { unusable: `${file} does not exist` };
    const lines = (await readFile(file, 'utf8')).split('\n').filter((l) => l.trim());
    let header: ResultsHeader;
    let results: BackendResult[];
    try {
      header = JSON.parse(lines[0] ?? 'null') as ResultsHeader;
      results = lines.slice(1).map((l) => JSON.parse(l) as BackendResult);
    } catch (e) {
      return { unusable: `${file} is not JSON lines (${(e as Error).message})` };
    }
    const sha = requestFileSha256(planned);
    if (!header || header.requestsSha256 !== sha) {
      return { unusable: `${file} answers other requests (request file SHA-256 ${String(header?.requestsSha256)}, this evaluation plans ${sha})` };
    }
    if (results.length !== planned.length || results.some((r, i) => r?.id !== planned[i].id)) {
      return { unusable: `${file} holds ${results.length} results for ${planned.length} requests, or not in request order` };
    }
    return new TrainerResultsBackend(file, new Map(planned.map((r) => [r.id, r])), new Map(results.map((r) => [r.id, r])));
  }

  async loglikelihood(requests: LoglikelihoodRequest[], onProgress?: (p: BackendProgress) => void): Promise<LoglikelihoodResult[]> {
    checkRequests(requests, 'loglikelihood');
    return this.answer(requests, onProgress) as LoglikelihoodResult[];
  }

  async generate(requests: GenerateRequest[], onProgress?: (p: BackendProgress) => void): Promise<GenerateResult[]> {
    checkRequests(requests, 'generate');
    return this.answer(requests, onProgress) as GenerateResult[];
  }

  private answer(requests: BackendRequest[], onProgress?: (p: BackendProgress) => void): BackendResult[] {
    const answers = requests.map((r) => {
      const planned = this.planned.get(r.id);
      if (!planned || !sameRequest(planned, r)) {
        throw new Error(`${r.kind} request ${r.id} is not the request the trainer answered in ${this.file}`);
      }
      return this.results.get(r.id)!;
    });
    onProgress?.({ done: requests.length, total: requests.length });
    return answers;
  }

  async close(): Promise<void> {}
}

function sameRequest(a: BackendRequest, b: BackendRequest): boolean {
  if (a.kind !== b.kind || a.context !== b.context) return false;
  if (a.kind === 'loglikelihood') return a.continuation === (b as LoglikelihoodRequest).continuation;
  const g = b as GenerateRequest;
  return a.maxTokens === g.maxTokens && JSON.stringify(a.candidates ?? []) === JSON.stringify(g.candidates ?? []);
}
