import { Module, type INestApplicationContext } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { runWithProgressBar } from '../cli/job-progress';
import { DatabaseModule } from '../database/database.module';
import { EventsModule } from '../events/events.module';
import { QueueModule } from '../queue/queue.module';
import type { DryRunEstimate } from './llm';
import { GenerationRunner } from './pipeline/generation-runner';
import { SynthesisRunsService, type RunRecord } from './runs/synthesis-runs.service';
import { SynthesisModule } from './synthesis.module';
import type { ReviewMode } from './synthesis-contract';

/** What the `synth-*` commands need: the synthesis module and what it stands on. */
@Module({ imports: [DatabaseModule, QueueModule, EventsModule, SynthesisModule] })
export class SynthesisCliModule {}

export interface SynthFlags {
  name?: string;
  taxonomy?: string;
  revision?: string;
  endpoint: string;
  answerEndpoint?: string;
  settings?: string;
  reviewMode?: string;
}

/** `--settings '{"subjectSamples":2}'` or `--settings @settings.json`. */
function parseSettings(spec: string | undefined): Record<string, unknown> | undefined {
  if (!spec) return undefined;
  const text = spec.startsWith('@') ? readFileSync(spec.slice(1), 'utf8') : spec;
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`--settings: not valid JSON (${(e as Error).message}); give a JSON object or @file.json`);
  }
}

function dto(flags: SynthFlags, dryRun: boolean) {
  return {
    name: flags.name ?? `cli ${new Date().toISOString()}`,
    taxonomyId: flags.taxonomy,
    taxonomyRevision: flags.revision,
    endpointId: flags.endpoint,
    answerEndpointId: flags.answerEndpoint,
    settings: parseSettings(flags.settings),
    reviewMode: flags.reviewMode as ReviewMode | undefined,
    dryRun,
  };
}

export function printEstimate(est: DryRunEstimate): void {
  for (const l of est.lines) {
    console.log(`${l.label.padEnd(26)} ${String(l.calls).padStart(9)} calls ${String(l.totalTokens).padStart(12)} tokens  ${l.costUsd === null ? 'no price' : `$${l.costUsd.toFixed(4)}`}`);
  }
  console.log(`${'total'.padEnd(26)} ${String(est.calls).padStart(9)} calls ${String(est.totalTokens).padStart(12)} tokens  $${est.costUsd.toFixed(4)}${est.unpricedModels.length ? ` (no price for ${est.unpricedModels.join(', ')})` : ''}`);
  console.log('(completions counted at max_tokens: an upper bound)');
}

/** `synth-dry-run`: the estimate, nothing created. */
export async function runSynthDryRun(app: INestApplicationContext, flags: SynthFlags): Promise<number> {
  const res = await app.get(SynthesisRunsService).create(dto(flags, true), null);
  printEstimate((res as { estimate: DryRunEstimate }).estimate);
  return 0;
}

/**
 * `synth-run` / `synth-resume <id>`: the run in this process (the job's own runner) under a progress bar. Ctrl-C
 * pauses it (calls in flight are aborted, nothing committed is lost) and prints how to resume.
 */
export async function runSynthCommand(app: INestApplicationContext, flags: SynthFlags | null, resumeId?: string): Promise<number> {
  const runs = app.get(SynthesisRunsService);
  const run = resumeId ? await runs.resume(resumeId, { enqueue: false }) : ((await runs.create(dto(flags!, false), null, { enqueue: false })) as RunRecord);
  console.log(`Generation run ${run.id} "${run.name}": taxonomy revision ${run.taxonomyRevision.slice(0, 12)}`);
  await runWithProgressBar({
    format: '{bar} {percentage}% | {stage} | subjects {subjects} | syllabi {syllabi} | questions {questions} | answers {answers} | {tokens} tokens ${cost}',
    initialPayload: payload(run),
    poll: async () => {
      const r = await runs.get(run.id);
      return { percent: percent(r), payload: payload(r) };
    },
    run: () => app.get(GenerationRunner).run(run.id),
    cancel: () => runs.pause(run.id),
  });
  const done = await runs.get(run.id);
  if (done.status === 'completed') console.log(`completed: ${done.progress.answers?.done ?? 0} question-answer pairs, ${done.failures} failures`);
  if (done.status === 'paused') console.log(`paused (${done.pauseReason}); resume with: npm run cli -- synth-resume ${run.id}`);
  if (done.status === 'cancelled') console.log('cancelled');
  if (done.status === 'failed') console.error(`Failed: ${done.failureReason}; resume with: npm run cli -- synth-resume ${run.id}`);
  return done.status === 'completed' ? 0 : done.status === 'paused' ? 130 : 1;
}

export async function runSynthStatus(app: INestApplicationContext, id: string): Promise<number> {
  const r = await app.get(SynthesisRunsService).get(id);
  console.log(`${r.id} "${r.name}": ${r.status}${r.pauseReason ? ` (${r.pauseReason})` : ''}, stage ${r.stage ?? '-'}`);
  for (const s of ['subjects', 'syllabi', 'questions', 'answers'] as const) {
    const p = r.progress[s];
    if (p) console.log(`  ${s.padEnd(10)} ${p.done}/${p.planned} done, ${p.failed} failed`);
  }
  const u = r.usage;
  console.log(`  usage: ${u.calls ?? 0} calls, ${(u.promptTokens ?? 0) + (u.completionTokens ?? 0)} tokens, $${(u.costUsd ?? 0).toFixed(4)}; ${r.failures} failures`);
  if (r.failureReason) console.log(`  failure: ${r.failureReason}`);
  return 0;
}

function percent(r: RunRecord): number {
  const stages = ['subjects', 'syllabi', 'questions', 'answers'] as const;
  const planned = stages.reduce((s, k) => s + (r.progress[k]?.planned ?? 0), 0);
  const settled = stages.reduce((s, k) => s + (r.progress[k]?.done ?? 0) + (r.progress[k]?.failed ?? 0), 0);
  return planned ? Math.min(100, Math.round((settled / planned) * 100)) : 0;
}

function payload(r: RunRecord) {
  const f = (k: 'subjects' | 'syllabi' | 'questions' | 'answers') => `${r.progress[k]?.done ?? 0}/${r.progress[k]?.planned ?? 0}`;
  return {
    stage: r.stage ?? 'queued',
    subjects: f('subjects'),
    syllabi: f('syllabi'),
    questions: f('questions'),
    answers: f('answers'),
    tokens: (r.usage.promptTokens ?? 0) + (r.usage.completionTokens ?? 0),
    cost: (r.usage.costUsd ?? 0).toFixed(4),
  };
}
