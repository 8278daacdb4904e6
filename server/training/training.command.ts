import type { INestApplicationContext } from '@nestjs/common';
import { runWithProgressBar } from '../cli/job-progress';
import { BaseModelsRepository } from '../experiments/base-models.repository';
import { BENCHMARK_SUITES, isBenchmarkSuite, type BenchmarkSuite } from '../benchmarks/benchmark-registry';
import type { ExperimentView, HyperParams } from '../experiments/experiment-views';
import { ExperimentsRepository } from '../experiments/experiments.repository';
import { ExperimentsService } from '../experiments/experiments.service';
import { TrainerKilled, TrainingRunner } from './training-runner';

export interface ExperimentRunFlags {
  model: string;
  version: string;
  recipe?: string;
  seed?: string;
  epochs?: string;
  /** comma-separated benchmark suites (hyperParams.benchmarks) */
  benchmarks?: string;
  ifevalMaxNewTokens?: string;
  name?: string;
}

/**
 * Trains a new run (or resumes one) in this process under a progress bar; its checkpoints are queued for evaluation
 * like a worker's. The queued train job a worker may also pick up waits on the run's lock and finds it done.
 * Ctrl-C cancels; `experiment resume <id>` continues after the last checkpoint.
 */
export async function runExperimentCommand(app: INestApplicationContext, flags: ExperimentRunFlags | null, resumeId?: string): Promise<number> {
  const experiments = app.get(ExperimentsService);
  let x: ExperimentView;
  if (resumeId) {
    x = await experiments.resume(resumeId, null);
  } else {
    const f = flags!;
    const model = /^\d+$/.test(f.model) ? await app.get(BaseModelsRepository).find(Number(f.model)) : await app.get(BaseModelsRepository).findByName(f.model);
    if (!model) throw new Error(`--model: no base model "${f.model}" (register one: POST /api/base-models)`);
    const version = await app.get(ExperimentsRepository).version(/^\d+$/.test(f.version) ? Number(f.version) : f.version);
    if (!version) throw new Error(`--version: no dataset version "${f.version}"`);
    const seed = f.seed === undefined ? undefined : wholeNumber(f.seed, '--seed', 0);
    const hyperParams = runHyperParams(f);
    x = await experiments.create({ baseModelId: model.id, versionId: version.id, recipe: f.recipe, seed, name: f.name, hyperParams: Object.keys(hyperParams).length ? hyperParams : undefined }, null);
  }
  console.log(`Experiment ${x.id}: ${x.name}, ${x.hyperParams.epochs} epochs`);
  await runWithProgressBar({
    format: '{bar} {percentage}% | epoch {epoch}/{epochs} | step {step}/{totalSteps} | loss {loss} | {status}',
    initialPayload: payload(x),
    poll: async () => {
      const now = await experiments.get(x.id);
      return { percent: now.progress.percent, payload: payload(now) };
    },
    // a killed trainer leaves the run queued for a retry (reported below), not a crash of the CLI
    run: () => app.get(TrainingRunner).run(x.id).catch((e) => { if (!(e instanceof TrainerKilled)) throw e; }),
    cancel: () => experiments.cancel(x.id, null),
  });
  const done = await experiments.get(x.id);
  if (done.status === 'completed') console.log(`completed: ${done.checkpoints} checkpoint(s), queued for evaluation`);
  if (done.status === 'cancelled') console.log(`cancelled; resume with: npm run cli -- experiment resume ${x.id}`);
  if (done.status === 'failed') console.error(`Failed: ${done.failureReason}`);
  if (done.status === 'queued') console.log(`the trainer was killed; queued again to resume (a worker takes it, or: npm run cli -- experiment resume ${x.id})`);
  return done.status === 'completed' ? 0 : done.status === 'cancelled' ? 130 : 1;
}

export async function cancelExperiment(app: INestApplicationContext, id: string): Promise<void> {
  console.log((await app.get(ExperimentsService).cancel(id, null)).status);
}

function payload(x: ExperimentView) {
  const p = x.progress;
  return { epoch: Math.floor(p.epoch), epochs: p.epochs, step: p.step, totalSteps: p.totalSteps, loss: p.loss === null ? '-' : p.loss.toFixed(4), status: x.status };
}

/** The hyper-parameters the run's flags set (checked with the API's rules when the run is created). */
export function runHyperParams(f: Pick<ExperimentRunFlags, 'epochs' | 'benchmarks' | 'ifevalMaxNewTokens'>): Partial<HyperParams> {
  const hp: Partial<HyperParams> = {};
  if (f.epochs !== undefined) hp.epochs = wholeNumber(f.epochs, '--epochs', 1);
  if (f.benchmarks !== undefined) {
    const names = f.benchmarks.split(',').map((b) => b.trim()).filter(Boolean);
    const unknown = names.filter((b) => !isBenchmarkSuite(b));
    if (unknown.length) throw new Error(`--benchmarks: unknown benchmark ${unknown.map((b) => `"${b}"`).join(', ')}; known: ${BENCHMARK_SUITES.join(', ')}`);
    hp.benchmarks = [...new Set(names)] as BenchmarkSuite[];
  }
  if (f.ifevalMaxNewTokens !== undefined) hp.ifevalMaxNewTokens = wholeNumber(f.ifevalMaxNewTokens, '--ifeval-max-new-tokens', 1);
  return hp;
}

function wholeNumber(raw: string, flag: string, min: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${flag}: expected a whole number ≥ ${min}, got "${raw}"`);
  return n;
}
