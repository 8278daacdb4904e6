import { Module, type INestApplicationContext } from '@nestjs/common';
import { basename, resolve } from 'node:path';
import { runWithProgressBar } from '../cli/job-progress';
import { DatabaseModule } from '../database/database.module';
import { OnnxBackend } from './backends/onnx-backend';
import { EvaluationResultsRepository } from './evaluation-results.repository';
import { startOpenAiServer } from './openai-server/openai-server';
import { ScoreSummariesBackfill, type BackfillProgress } from './score-summaries-backfill';

export interface ServeModelFlags {
  port: string;
  host: string;
  name?: string;
  device?: 'auto' | 'cpu' | 'cuda';
}

/** `pace serve-model <onnx-dir>`: serves the export until SIGINT/SIGTERM. */
export async function runServeModelCommand(onnxDir: string, flags: ServeModelFlags): Promise<void> {
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, got ${flags.port}`);
  const backend = await OnnxBackend.open(resolve(onnxDir), { device: flags.device ?? 'auto' });
  const modelName = flags.name ?? basename(resolve(onnxDir));
  const running = await startOpenAiServer(backend, { port, host: flags.host, modelName });
  console.log(`serving ${modelName} (onnxruntime, ${backend.executionProvider}) at ${running.baseUrl}`);
  await new Promise<void>((done) => {
    const stop = () => void running.close().then(() => backend.close()).then(done);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/** What `pace growth backfill` needs: the database and the per-item results. */
@Module({ imports: [DatabaseModule], providers: [EvaluationResultsRepository, ScoreSummariesBackfill] })
export class ScoreSummariesCliModule {}

/**
 * `npm run cli -- growth backfill`: stores the 95% interval (and gold-answer loss) of every ability score stored
 * before evaluations kept them, under a progress bar. Ctrl-C stops after the evaluation in hand; running it again
 * goes on from there (and finds nothing to do once done). Exit 0 when every such score was summarised, 1 when some
 * had no per-item results to summarise (counted, and left NULL).
 */
export async function runGrowthBackfillCommand(app: INestApplicationContext): Promise<number> {
  const stop = new AbortController();
  let last: BackfillProgress = { total: 0, filled: 0, unfilled: 0, evaluations: 0, percent: 0 };
  let done: Promise<BackfillProgress> | null = null;
  await runWithProgressBar({
    format: '{bar} {percentage}% | {scores}/{all} scores | {filled} summarised, {unfilled} without per-item results | {evaluations} evaluations',
    initialPayload: { scores: 0, all: 0, filled: 0, unfilled: 0, evaluations: 0 },
    poll: async () => ({ percent: last.percent, payload: { ...last, scores: last.filled + last.unfilled, all: last.total } }),
    run: () => (done = app.get(ScoreSummariesBackfill).run({ signal: stop.signal, onProgress: (p) => (last = p) })),
    cancel: async () => stop.abort(),
  });
  const p = await done!;
  const left = p.total - p.filled - p.unfilled;
  console.log(
    `${p.filled} of ${p.total} ability scores summarised over ${p.evaluations} evaluations` +
      (p.unfilled ? `; ${p.unfilled} left without an interval: their evaluation has no per-item results for them` : '') +
      (left > 0 ? `; stopped with ${left} to go (run it again to go on)` : ''),
  );
  return p.unfilled > 0 || left > 0 ? 1 : 0;
}
