import { Module, type INestApplicationContext } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { runWithProgressBar } from '../cli/job-progress';
import { DatabaseModule } from '../database/database.module';
import { EventsModule } from '../events/events.module';
import { BaseModelsRepository } from '../experiments/base-models.repository';
import { ExperimentsRepository } from '../experiments/experiments.repository';
import { QueueModule } from '../queue/queue.module';
import { StudiesModule } from './studies.module';
import { StudiesService } from './studies.service';
import type { StudyCreateRequest, StudyTemplate, StudyView } from './study-views';

/** What `npm run cli -- study …` needs. */
@Module({ imports: [DatabaseModule, QueueModule, EventsModule, AuditModule, StudiesModule] })
export class StudyCliModule {}

export interface StudyCreateFlags {
  name: string;
  template?: string;
  version?: string;
  follow?: boolean;
  baseModel: string[];
  recipe?: string[];
  seed?: string[];
  hyper?: string[];
  sources?: string;
  probeItems?: string;
}

/** `study create`: the study in one action, its grid queued; prints it as `study show` does. */
export async function createStudy(app: INestApplicationContext, f: StudyCreateFlags): Promise<number> {
  const body: StudyCreateRequest = {
    name: f.name,
    template: (f.template ?? 'custom') as StudyTemplate,
    ...(f.version !== undefined ? { versionId: await versionId(app, f.version) } : {}),
    ...(f.follow ? { followVersions: true } : {}),
    baseModelIds: await Promise.all(f.baseModel.map((m) => baseModelId(app, m))),
    ...(f.recipe?.length ? { recipes: f.recipe } : {}),
    ...(f.seed?.length ? { seeds: f.seed.map((s) => wholeNumber(s, '--seed')) } : {}),
    ...(f.hyper?.length ? { hyperParams: hyperParams(f.hyper) } : {}),
    ...(f.sources ? { sources: f.sources.split(',').map((s) => s.trim()) as StudyCreateRequest['sources'] } : {}),
    ...(f.probeItems !== undefined ? { probeItems: wholeNumber(f.probeItems, '--probe-items') } : {}),
  };
  const study = await app.get(StudiesService).create(body, null);
  console.log(`Study ${study.id} "${study.name}" created: ${study.progress.total} run(s), ${study.runs.filter((r) => r.reused).length} reused`);
  printStudy(study);
  return 0;
}

export async function listStudies(app: INestApplicationContext): Promise<number> {
  const [studies] = await app.get(StudiesService).list({ filter: {}, sort: { field: 'createdAt', order: 'DESC' }, offset: 0, limit: 1000 });
  if (!studies.length) console.log('no studies yet (npm run cli -- study create …)');
  for (const s of studies) {
    const p = s.progress;
    console.log(`${String(s.id).padStart(4)}  ${s.name}  [${s.template}]  ${s.version?.name ?? 'following new versions'}  ${p.completed}/${p.total} completed, ${p.running} running, ${p.queued} queued, ${p.failed} failed  ${p.percent}%`);
  }
  return 0;
}

/** `study show <id|name> [--watch]`: the grid; with --watch a progress bar until no run is queued or running (Ctrl-C stops watching). */
export async function showStudy(app: INestApplicationContext, ref: string, watch: boolean): Promise<number> {
  const studies = app.get(StudiesService);
  const study = await studies.resolve(ref);
  printStudy(study);
  if (!watch) return 0;
  let stop = false;
  let last = study;
  const finished = (s: StudyView) => s.progress.queued + s.progress.running === 0;
  // the bar's own `total` is its scale (100): the run count goes by another name
  const payload = ({ total, ...p }: StudyView['progress']) => ({ ...p, runs: total });
  const sample = (s: StudyView) => ({ percent: s.progress.percent, payload: payload(s.progress) });
  await runWithProgressBar({
    format: '{bar} {percentage}% | {completed}/{runs} completed | {running} running | {queued} queued | {failed} failed | {cancelled} cancelled',
    initialPayload: payload(study.progress),
    poll: async () => sample((last = await studies.get(study.id))),
    run: async () => {
      while (!stop && !finished(last)) {
        await new Promise((r) => setTimeout(r, 500));
        last = await studies.get(study.id);
      }
    },
    cancel: async () => (stop = true),
  });
  printStudy(last);
  return last.progress.failed > 0 ? 1 : 0;
}

export async function addBaseModel(app: INestApplicationContext, ref: string, model: string): Promise<number> {
  const studies = app.get(StudiesService);
  printStudy(await studies.addBaseModel((await studies.resolve(ref)).id, await baseModelId(app, model), null));
  return 0;
}

export async function addRecipe(app: INestApplicationContext, ref: string, recipe: string): Promise<number> {
  const studies = app.get(StudiesService);
  printStudy(await studies.addRecipe((await studies.resolve(ref)).id, recipe, null));
  return 0;
}

export async function cancelStudy(app: INestApplicationContext, ref: string): Promise<number> {
  const studies = app.get(StudiesService);
  const s = await studies.cancel((await studies.resolve(ref)).id, null);
  console.log(`Study ${s.id} "${s.name}": ${s.progress.cancelled} run(s) cancelled, ${s.progress.running} still winding down`);
  return 0;
}

function printStudy(s: StudyView): void {
  const p = s.progress;
  console.log(`Study ${s.id} "${s.name}" [${s.template}] on ${s.version ? `version ${s.version.name}` : 'no fixed version'}${s.followVersions ? ', following new versions' : ''}`);
  console.log(`  base models: ${s.baseModels.map((m) => m.name).join(', ')} | recipes: ${s.recipes.join(', ')} | seeds: ${s.seeds.join(', ')}`);
  console.log(`  progress: ${p.percent}% | ${p.completed}/${p.total} completed, ${p.running} running, ${p.queued} queued, ${p.failed} failed, ${p.cancelled} cancelled`);
  for (const r of s.runs) {
    const recipe = r.recipe ? `${r.recipe.name}@${r.recipe.revision}` : 'full train split';
    console.log(`  ${r.status.padEnd(10)} ${`${r.percent}%`.padStart(6)}  ${r.baseModel.name} · ${r.version.name} · ${recipe} · seed ${r.seed}${r.probeAbility ? ` · probe ${r.probeAbility}` : ''}${r.reused ? ' (reused)' : ''}  ${r.experimentId}`);
  }
  for (const f of s.foundation) console.log(`  foundation evaluation of base model ${f.baseModelId}: ${f.status}  ${f.evaluationId}`);
}

async function baseModelId(app: INestApplicationContext, ref: string): Promise<number> {
  const repo = app.get(BaseModelsRepository);
  const model = /^\d+$/.test(ref) ? await repo.find(Number(ref)) : await repo.findByName(ref);
  if (!model) throw new Error(`--base-model: no base model "${ref}" (register one: POST /api/base-models)`);
  return model.id;
}

async function versionId(app: INestApplicationContext, ref: string): Promise<number> {
  const version = await app.get(ExperimentsRepository).version(/^\d+$/.test(ref) ? Number(ref) : ref);
  if (!version) throw new Error(`--version: no dataset version "${ref}"`);
  return version.id;
}

/** `--hyper k=v`: v read as JSON where it is JSON (numbers, lists, true/false), else as text. */
export function hyperParams(pairs: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Error(`--hyper: expected key=value, got "${pair}"`);
    const raw = pair.slice(eq + 1);
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      // text
    }
    out[pair.slice(0, eq).trim()] = value;
  }
  return out;
}

function wholeNumber(raw: string, flag: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${flag}: expected a whole number, got "${raw}"`);
  return n;
}
