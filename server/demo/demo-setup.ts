import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { ImportView } from '../imports/import-views';
import type { StudyView } from '../studies/study-views';
import { makeTinyModel } from '../training/tiny-model';
import { UsersService } from '../users/users.service';
import { countsRecipeName, countsRecipes, freezeVersion, importFile, reviewEverything, waitForStudy, type LeasedRound } from './growth-loop';
import { PaceApi, poll } from './pace-api';

/** The repository root (from server/demo or dist/server/demo): where `demo/` and `.pace-demo/` are. */
export const REPO_ROOT = resolve(__dirname, '..', '..').replace(/\/dist$/, '');

/** One file the demo imports, with the POST /imports fields it is uploaded with. */
export interface DemoSource {
  file: string;
  sourceName: string;
  adapter?: string;
  ability?: string;
}

/** What the demo imports and how big a study it runs. */
export interface DemoPlan {
  sources: DemoSource[];
  /** validation and test items per ability in the frozen version */
  splits: { valid: number; test: number };
  /** the ability the growth-pace study trains on, and its train volumes (one counts recipe each) */
  ability: string;
  volumes: number[];
  seeds: number[];
  hyperParams: Record<string, unknown>;
  /** a tiny model already built (a test's cached one) to register instead of building one into the demo folder */
  modelPath?: string;
}

/** The tiny model's hyper-parameters as the growth-pace tests tuned them (constant lr, batch 4, best from epoch 1). */
const TINY_HYPER = { learningRate: 2e-3, finalLearningRate: 2e-3, globalBatchSize: 4, microBatchSize: 4, maxLength: 128, maxNewTokens: 2, evalBackend: 'torch', bestFromEpoch: 1 };

/**
 * The shared samples (PACE_SHARED_DATA, or ../shared/data beside the checkout) when they are there: LogiQA 2.0 in
 * Chinese and English and COIG's human-value questions; otherwise the small files the project ships in demo/ (a
 * Chinese and an English file of single-choice questions). `size: 'tiny'` keeps the study to two runs of one epoch
 * (the test of the demo).
 */
export function demoPlan(o: { sharedData: string | null; size?: 'full' | 'tiny' }): DemoPlan {
  const tiny = o.size === 'tiny';
  const raw = o.sharedData ? join(o.sharedData, 'raw') : null;
  const study = (volumes: number[], maxLength: number) => ({ volumes: tiny ? volumes.slice(0, 2) : volumes, seeds: [1], hyperParams: { ...TINY_HYPER, maxLength, epochs: tiny ? 1 : 2 } });
  if (raw && existsSync(join(raw, 'logiqa2', 'test_zh.sample.txt'))) {
    return {
      sources: [
        { file: join(raw, 'logiqa2', 'test_zh.sample.txt'), adapter: 'logiqa2', sourceName: 'LogiQA 2.0 (中文)' },
        { file: join(raw, 'logiqa2', 'test_en.sample.txt'), adapter: 'logiqa2', sourceName: 'LogiQA 2.0 (English)' },
        { file: join(raw, 'coig_human_value', 'coig_human_value_multi_choice.sample.jsonl'), adapter: 'coig_human_value', sourceName: 'COIG human value' },
      ],
      splits: { valid: 8, test: 24 },
      ability: 'logical_reasoning',
      // a LogiQA passage with its options runs to about 1,500 tokens of the byte-level tokenizer; 4 → 64 items keeps
      // the three runs to a few CPU minutes (8 → 128 took 13 min on a loaded 2-core machine)
      ...study([4, 16, 64], 2048),
    };
  }
  return {
    sources: [
      { file: join(REPO_ROOT, 'demo', 'zh-word-problems.jsonl'), adapter: 'messages', sourceName: '演示：应用题' },
      { file: join(REPO_ROOT, 'demo', 'en-reasoning.jsonl'), adapter: 'messages', sourceName: 'Demo: reasoning' },
    ],
    splits: { valid: 4, test: 12 },
    ability: 'logical_reasoning',
    ...study([1, 4, 16], 128),
  };
}

/** The shared samples' folder: PACE_SHARED_DATA, else ../shared/data beside the checkout, when it has raw/. */
export function sharedDataFolder(env: NodeJS.ProcessEnv = process.env): string | null {
  for (const dir of [env.PACE_SHARED_DATA, join(REPO_ROOT, '..', 'shared', 'data')]) {
    if (dir && existsSync(join(dir, 'raw'))) return resolve(dir);
  }
  return null;
}

export interface DemoAccount {
  role: string;
  email: string;
  password: string;
}

/** Where the accounts' passwords are kept (mode 600), so a re-run can say where to find them. */
export const accountsFile = (dir: string) => join(dir, 'accounts.json');

const ACCOUNTS = [
  { role: 'lead', email: 'lead@pace.demo', name: '演示组长 Lead' },
  { role: 'annotator', email: 'annotator1@pace.demo', name: '标注员一 Annotator 1' },
  { role: 'annotator', email: 'annotator2@pace.demo', name: '标注员二 Annotator 2' },
  { role: 'researcher', email: 'researcher@pace.demo', name: '研究员 Researcher' },
] as const;
const ADMIN_EMAIL = 'admin@pace.demo';
const VERSION = 'demo-v1';
const RECIPES = 'demo-growth';
const MODEL = 'tiny-llama (demo)';
const STUDY = 'Demo growth pace · 演示增长研究';

export interface DemoResult {
  accounts: DemoAccount[];
  /** the accounts were made by this run (their passwords are new) */
  createdAccounts: boolean;
  /** steps this run did (the others it found done) */
  did: string[];
  versionId: number;
  studyId: number;
}

/**
 * Sets up the demo workspace in a running app, one step per line through `log`, each skipped when it finds its work
 * done: accounts, imports, two annotators' reviews (a few items rejected by both, a few by one), a frozen version, an
 * export, the tiny model, its registration as a base model, counts recipes and a growth-pace study trained and scored
 * on CPU. Everything but the accounts' creation and the model's build goes through the HTTP API at `baseUrl`.
 */
export async function setUpDemo(o: { app: INestApplication; baseUrl: string; dir: string; plan: DemoPlan; log: (line: string) => void }): Promise<DemoResult> {
  const { plan, dir } = o;
  const did: string[] = [];
  const steps = 9;
  let n = 0;
  const step = async <T>(name: string, fn: () => Promise<{ done: boolean; note: string; value: T }>): Promise<T> => {
    const started = Date.now();
    const r = await fn();
    if (r.done) did.push(name);
    o.log(`[${++n}/${steps}] ${name}: ${r.done ? r.note : `already done (${r.note})`} ${r.done ? `(${((Date.now() - started) / 1000).toFixed(1)} s)` : ''}`.trimEnd());
    return r.value;
  };

  // 1. one account per role
  const { accounts, created } = await step('accounts', async () => {
    const a = await ensureAccounts(o.app, o.baseUrl, dir);
    return { done: a.created, note: a.created ? `${a.accounts.length} made, passwords in ${accountsFile(dir)}` : `passwords in ${accountsFile(dir)}`, value: a };
  });
  const as = (role: string, k = 0) => accounts.filter((a) => a.role === role)[k];
  const login = (a: DemoAccount) => PaceApi.login(o.baseUrl, a.email, a.password);
  const researcher = await login(as('researcher'));

  // 2. the sources
  await step('imports', async () => {
    const existing = await researcher.get<ImportView[]>(`/imports?range=${encodeURIComponent('[0,999]')}`);
    const notes: string[] = [];
    for (const s of plan.sources) {
      if (existing.some((i) => i.originalName === basename(s.file) && i.status === 'completed')) continue;
      const fields: Record<string, string> = { sourceName: s.sourceName };
      if (s.adapter) fields.adapter = s.adapter;
      if (s.ability) fields.ability = s.ability;
      const imp = await importFile(researcher, s.file, fields);
      if (imp.status !== 'completed') throw new Error(`the import of ${s.file} ${imp.status}: ${imp.failureReason}`);
      notes.push(`${s.sourceName} ${imp.itemsCreated} items`);
    }
    return { done: notes.length > 0, note: notes.length ? notes.join(', ') : `${plan.sources.length} sources`, value: null };
  });

  // 3. two annotators review everything: approve, but items whose id ends in 3 are rejected by both, and in 7 by one
  await step('reviews', async () => {
    const annotators = await Promise.all([login(as('annotator', 0)), login(as('annotator', 1))]);
    const sent = await reviewEverything(annotators, demoDecision);
    const total = sent.reduce((a, b) => a + b, 0);
    return { done: total > 0, note: total ? `${total} decisions (${sent.join(' + ')})` : 'queue empty', value: null };
  });

  // 4. a frozen version
  const versionId = await step('freeze', async () => {
    const found = (await researcher.get<{ id: number; name: string; status: string }[]>('/datasets/versions')).find((v) => v.name === VERSION && v.status === 'frozen');
    if (found) return { done: false, note: VERSION, value: found.id };
    const v = await freezeVersion(researcher, { name: VERSION, notes: 'npm run demo', splits: plan.splits });
    if (v.status !== 'frozen') throw new Error(`version ${VERSION} ${v.status}: ${v.failureReason}`);
    return { done: true, note: `${VERSION} frozen`, value: v.id };
  });

  // 5. an export of it (the Exports screen and its download)
  await step('export', async () => {
    const existing = await researcher.get<{ versionId: number; status: string }[]>('/exports');
    if (existing.some((e) => e.versionId === versionId && e.status === 'completed')) return { done: false, note: VERSION, value: null };
    const { id } = await researcher.post<{ id: string }>('/exports', { versionId, seed: 0 });
    const done = await poll(
      `export ${id}`,
      async () => {
        const e = await researcher.get<{ status: string; failureReason?: string | null }>(`/exports/${id}`);
        return ['completed', 'failed', 'cancelled'].includes(e.status) ? e : null;
      },
      120_000,
      200,
    );
    if (done.status !== 'completed') throw new Error(`the export ${done.status}: ${done.failureReason ?? ''}`);
    return { done: true, note: `export of ${VERSION}`, value: null };
  });

  // 6. the tiny model, built offline by the trainer into the demo's own models folder (a model root)
  const modelDir = plan.modelPath ?? join(dir, 'models', 'tiny-llama');
  await step('tiny model', async () => {
    if (existsSync(join(modelDir, 'pace-tiny.json'))) return { done: false, note: modelDir, value: null };
    await mkdir(join(dir, 'models'), { recursive: true });
    const building = `${modelDir}.building`;
    await rm(building, { recursive: true, force: true });
    await makeTinyModel(building);
    await rename(building, modelDir);
    return { done: true, note: `built in ${modelDir}`, value: null };
  });

  // 7. registered as a base model
  const baseModelId = await step('base model', async () => {
    const found = (await researcher.get<{ id: number; name: string }[]>('/base-models')).find((m) => m.name === MODEL);
    if (found) return { done: false, note: MODEL, value: found.id };
    const m = await researcher.post<{ id: number; parameters: number }>('/base-models', { name: MODEL, path: modelDir });
    return { done: true, note: `${MODEL}, ${m.parameters} parameters`, value: m.id };
  });

  // 8. counts recipes of the study's ability
  await step('recipes', async () => {
    const have = new Set((await researcher.get<{ name: string }[]>(`/recipes?range=${encodeURIComponent('[0,999]')}`)).map((r) => r.name));
    const missing = plan.volumes.filter((v) => !have.has(countsRecipeName(RECIPES, v)));
    if (!missing.length) return { done: false, note: `${plan.volumes.length} recipes`, value: null };
    await countsRecipes(researcher, RECIPES, plan.ability, missing);
    return { done: true, note: `${missing.map((v) => countsRecipeName(RECIPES, v)).join(', ')}`, value: null };
  });

  // 9. the growth-pace study, trained and scored on CPU
  const runs = plan.volumes.length * plan.seeds.length;
  const epochs = plan.hyperParams.epochs as number;
  const studyId = await step('growth study', async () => {
    const found = (await researcher.get<StudyView[]>('/studies')).find((s) => s.name === STUDY);
    const complete = found && found.runs.length === runs && found.runs.every((r) => r.status === 'completed');
    if (found && complete) return { done: false, note: `study ${found.id}`, value: found.id };
    const s =
      found ??
      (await researcher.post<StudyView>('/studies', {
        name: STUDY,
        template: 'custom',
        versionId,
        baseModelIds: [baseModelId],
        recipes: plan.volumes.map((v) => countsRecipeName(RECIPES, v)),
        seeds: plan.seeds,
        hyperParams: plan.hyperParams,
      }));
    o.log(`      training ${runs} runs of the tiny model on CPU (${plan.volumes.join(', ')} items of ${plan.ability}, ${epochs} epoch${epochs > 1 ? 's' : ''} each)…`);
    await waitForStudy(researcher, s.id, { runs, epochs, timeoutMs: 20 * 60_000 });
    return { done: true, note: `study ${s.id}: ${runs} runs trained and scored`, value: s.id };
  });

  return { accounts, createdAccounts: created, did, versionId, studyId };
}

/** What a demo annotator decides: approve, except items whose id ends in 3 (both reject) or 7 (the second rejects). */
export function demoDecision(reviewer: number, round: LeasedRound): 'approve' | 'reject' {
  if (round.round.kind !== 'filter') return 'approve';
  const last = round.item.id % 10;
  return last === 3 || (last === 7 && reviewer === 1) ? 'reject' : 'approve';
}

/**
 * The admin (made in-process, as `npm start` makes the first admin) and, through POST /users as that admin, the
 * other roles, with random passwords kept in accounts.json. A re-run reads them back.
 */
async function ensureAccounts(app: INestApplication, baseUrl: string, dir: string): Promise<{ accounts: DemoAccount[]; created: boolean }> {
  const file = accountsFile(dir);
  if (existsSync(file)) return { accounts: JSON.parse(await readFile(file, 'utf8')), created: false };
  const admin = await app.get(UsersService).ensureFirstAdmin(ADMIN_EMAIL);
  if (!admin) throw new Error(`${dir} has users but no ${file}: remove the demo (npm run demo -- --remove) and run it again`);
  const adminApi = await PaceApi.login(baseUrl, admin.email, admin.password);
  const accounts: DemoAccount[] = [{ role: 'admin', email: admin.email, password: admin.password }];
  for (const a of ACCOUNTS) {
    const password = randomBytes(9).toString('base64url');
    await adminApi.post('/users', { email: a.email, name: a.name, role: a.role, password });
    accounts.push({ role: a.role, email: a.email, password });
  }
  await mkdir(dir, { recursive: true });
  await writeFile(file, JSON.stringify(accounts, null, 2) + '\n', { mode: 0o600 });
  return { accounts, created: true };
}
