import { createHash } from 'node:crypto';
import { watch } from 'node:fs';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPeople, type Person } from '../utils/people';
import { exitOf, spawnTs } from '../utils/spawn-ts';
import { createTestApp, type TestApp } from '../utils/test-app';
import { tinyModel } from '../utils/tiny-model';
import { until } from '../utils/until';
import { freeze, seedItems, waitForVersion } from './datasets-fixtures';

/** A few seconds of CPU training per run: 16 short Chinese conversations, 4 optimizer steps per epoch. */
const SMALL = { globalBatchSize: 4, microBatchSize: 4, maxLength: 64, learningRate: 1e-3, finalLearningRate: 1e-4 };

/**
 * The in-process worker as a training worker (one CPU slot) and the real trainer on the tiny model; evaluation jobs
 * are left queued (this file is about training).
 */
describe('training worker: kill and resume, cancel, failure, CLI', () => {
  let t: TestApp;
  let researcher: Person;
  let baseModelId: number;
  let versionId: number;

  const api = (method: 'get' | 'post', url: string) => t.http[method](`/api${url}`).set(...researcher.auth);
  const get = async (id: string) => (await api('get', `/experiments/${id}`).expect(200)).body;
  const finished = (id: string) => until(`experiment ${id} to finish`, async () => {
    const x = await get(id);
    return ['completed', 'failed', 'cancelled'].includes(x.status) && x;
  });
  const trainerPid = async (logPath: string, nth: number) => {
    const pids = [...(await readFile(logPath, 'utf8')).matchAll(/trainer pid (\d+)/g)].map((m) => Number(m[1]));
    return pids[nth - 1] ?? null;
  };

  beforeAll(async () => {
    t = await createTestApp({ PACE_IN_PROCESS_TRAINING: 'true', PACE_WORKER_QUEUES: 'import,dataset-freeze,export-dataset,experiment-policies,train' });
    [researcher] = await createPeople(t, 'researcher', 1);
    const model = await api('post', '/base-models').send({ name: 'tiny', path: await tinyModel() }).expect(201);
    baseModelId = model.body.id;
    await seedItems(t, { count: 16, ability: 'history', split: 'train', texts: Array.from({ length: 16 }, (_, i) => `第${i + 1}题：唐朝的都城在哪里？`) });
    const { id } = await freeze(t, researcher.token, { name: 'v-train' });
    versionId = (await waitForVersion(t, researcher.token, id)).id;
  });
  afterAll(() => t.close());

  it('a trainer killed after the epoch-1 checkpoint is retried and resumes from it: epoch 1 is not retrained, steps continue', async () => {
    await t.app.listen(0, '127.0.0.1');
    const port = (t.app.getHttpServer().address() as { port: number }).port;
    const socket = io(`http://127.0.0.1:${port}`, { auth: { token: researcher.token }, transports: ['websocket'] });
    const progressEvents: Array<{ id: string; status: string; progress: { percent: number; step: number } }> = [];
    const stepEvents: Array<{ experimentId: string; steps: Array<{ step: number }> }> = [];
    socket.on('experiment.progress', (e) => progressEvents.push(e));
    socket.on('experiment.steps', (e) => stepEvents.push(e));
    await new Promise<void>((res, rej) => socket.on('connect', () => res()).on('connect_error', rej));
    expect((await socket.emitWithAck('subscribe', { room: 'experiments' })).ok).toBe(true);

    // one example per micro-batch: the same 4 steps per epoch, each 4 times longer, so epoch 2 surely outlasts the
    // moment between epoch-1's rename and the kill
    const created = await api('post', '/experiments').send({ baseModelId, versionId, seed: 3, hyperParams: { ...SMALL, microBatchSize: 1, epochs: 2 } }).expect(201);
    const id: string = created.body.id;
    expect((await socket.emitWithAck('subscribe', { room: `experiment:${id}` })).ok).toBe(true);
    const [{ dir }] = await until('the run to start', async () => {
      const rows = await t.db.query(`SELECT output_dir AS dir, log_path AS log FROM experiments WHERE id = $1 AND output_dir IS NOT NULL`, [id]);
      return rows.length ? rows : null;
    });
    const logPath = join(dir, 'train.log');
    const pid = await until('the trainer pid', () => trainerPid(logPath, 1).catch(() => null));

    // SIGKILL the moment epoch-1 is renamed into place (the trainer then goes on to epoch 2)
    const killedAt = await new Promise<number>((resolve) => {
      const w = watch(dir, (_event: string, file: string | null) => {
        if (file === 'epoch-1') {
          process.kill(pid, 'SIGKILL');
          w.close();
          resolve(Date.now());
        }
      });
    });
    const stateHash = createHash('sha256').update(await readFile(join(dir, 'epoch-1', 'trainer_state.pt'))).digest('hex');

    const done = await finished(id);
    expect(done.status, done.failureReason ?? '').toBe('completed');
    expect(done).toMatchObject({ attempts: 2, checkpoints: 2, failureReason: null, progress: { percent: 100, step: 8, totalSteps: 8, epochs: 2 } });
    const log = await readFile(logPath, 'utf8');
    expect(log).toMatch(/the trainer was killed \(SIGKILL\); the job is retried and resumes after the last complete checkpoint/);
    expect(log).toMatch(/attempt 2 on /);
    expect(await trainerPid(logPath, 2)).not.toBe(pid);

    // epoch 1 was not trained again: its checkpoint is the same file, its steps were written before the kill
    expect(createHash('sha256').update(await readFile(join(dir, 'epoch-1', 'trainer_state.pt'))).digest('hex')).toBe(stateHash);
    const steps = (await api('get', `/experiments/${id}/steps`).expect(200)).body as Array<{ step: number; epoch: number; loss: number; at: string }>;
    expect(steps.map((s) => s.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const s of steps.slice(0, 4)) expect(Date.parse(s.at)).toBeLessThanOrEqual(killedAt + 1000);
    expect(steps[7].epoch).toBeCloseTo(2);
    expect(steps.every((s) => Number.isFinite(s.loss) && s.loss > 0)).toBe(true);
    const later = (await api('get', `/experiments/${id}/steps?after=6`).expect(200)).body;
    expect(later.map((s: { step: number }) => s.step)).toEqual([7, 8]);

    const checkpoints = (await api('get', `/experiments/${id}/checkpoints`).expect(200)).body;
    expect(checkpoints.map((c: { epoch: number; step: number; path: string }) => [c.epoch, c.step, c.path])).toEqual([
      [1, 4, join(dir, 'epoch-1')],
      [2, 8, join(dir, 'epoch-2')],
    ]);
    // both complete Hugging Face folders; each queued for evaluation with the run's back-end
    for (const e of [1, 2]) expect(JSON.parse(await readFile(join(dir, `epoch-${e}`, 'config.json'), 'utf8')).architectures[0]).toMatch(/ForCausalLM$/);
    const evaluations = await t.db.query(`SELECT epoch, backend FROM evaluations WHERE experiment_id = $1 ORDER BY epoch`, [id]);
    expect(evaluations).toEqual([{ epoch: 1, backend: 'torch' }, { epoch: 2, backend: 'torch' }]);
    // streamed over socket.io: live progress on both rooms, every step on the run's room
    await new Promise((r) => setTimeout(r, 300));
    socket.close();
    const mine = progressEvents.filter((e) => e.id === id);
    expect(mine.some((e) => e.status === 'running' && e.progress.percent > 0 && e.progress.percent < 100)).toBe(true);
    expect(mine.at(-1)).toMatchObject({ status: 'completed', progress: { percent: 100 } });
    expect([...new Set(stepEvents.filter((e) => e.experimentId === id).flatMap((e) => e.steps.map((s) => s.step)))].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);

    const trainSet = (await readFile(join(dir, 'train.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(trainSet).toHaveLength(16);
    expect(trainSet[0].messages[0].content).toMatch(/唐朝的都城/);
    // issue 13 item 1: the run's stored train counts are the set the trainer was given
    expect(done.trainCounts).toEqual({ history: trainSet.length });
  });

  it('cancelling a running run stops the trainer; resuming queues it again', async () => {
    // long enough (120 steps, 30 checkpoints) that it is still training when the cancel comes
    const created = await api('post', '/experiments').send({ baseModelId, versionId, hyperParams: { ...SMALL, epochs: 30 } }).expect(201);
    const id: string = created.body.id;
    await until('a first step', async () => (await t.db.query(`SELECT 1 FROM training_steps WHERE experiment_id = $1`, [id])).length > 0);
    const [{ logPath }] = await t.db.query(`SELECT log_path AS "logPath" FROM experiments WHERE id = $1`, [id]);
    const pid = await trainerPid(logPath, 1);
    expect((await api('post', `/experiments/${id}/cancel`).expect(200)).body.status).toBe('cancelling');
    const cancelled = await finished(id);
    expect(cancelled.status).toBe('cancelled');
    expect(() => process.kill(pid!, 0)).toThrow(); // the trainer is gone
    expect(cancelled.checkpoints).toBeLessThan(30);
    expect(cancelled.progress.step).toBeLessThan(120);
    const log = (await api('get', `/experiments/${id}/log`).expect(200)).text;
    expect(log).toContain(`trainer pid ${pid}`);
    // resuming puts it back in the queue (the kill-and-resume case shows a resumed run continuing); stop it again
    expect((await api('post', `/experiments/${id}/resume`).expect(200)).body.status).toBe('queued');
    expect(['cancelled', 'cancelling']).toContain((await api('post', `/experiments/${id}/cancel`).expect(200)).body.status);
    expect((await finished(id)).status).toBe('cancelled');
  });

  it('issue 14 item 5: the worker refuses a stored base model outside its model roots, before the trainer opens it', async () => {
    // a whole causal-LM folder, but outside the roots: a row from before the roots, or a worker with other roots
    const outside = await mkdtemp(join(tmpdir(), 'pace-outside-roots-'));
    try {
      await cp(await tinyModel(), join(outside, 'model'), { recursive: true });
      const [{ id: modelId }] = await t.db.query(`INSERT INTO base_models (name, path, parameters) VALUES ('outside', $1, 1000) RETURNING id`, [join(outside, 'model')]);
      const created = await api('post', '/experiments').send({ baseModelId: modelId, versionId, hyperParams: { ...SMALL, epochs: 1 } }).expect(201);
      const failed = await finished(created.body.id);
      expect(failed.status).toBe('failed');
      expect(failed.failureReason).toMatch(/^The base model's folder .*pace-outside-roots-.*model is not under this worker's model roots \(PACE_MODEL_ROOTS/);
      const log = await api('get', `/experiments/${created.body.id}/log`).expect(200);
      expect(log.text).not.toMatch(/trainer pid/);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it("a failed run keeps its log and the trainer's reason", async () => {
    const broken = join(t.dataDir, 'models', 'broken-model');
    await cp(await tinyModel(), broken, { recursive: true });
    const model = await api('post', '/base-models').send({ name: 'broken', path: broken }).expect(201);
    await rm(join(broken, 'model.safetensors'));
    const created = await api('post', '/experiments').send({ baseModelId: model.body.id, versionId, hyperParams: { ...SMALL, epochs: 1 } }).expect(201);
    const failed = await finished(created.body.id);
    expect(failed.status).toBe('failed');
    expect(failed.attempts).toBe(1);
    expect(failed.failureReason).toMatch(/broken-model/);
    const log = await api('get', `/experiments/${created.body.id}/log`).expect(200);
    expect(log.headers['content-type']).toMatch(/^text\/plain/);
    expect(log.text).toContain(`failed: ${failed.failureReason}`);
  });

  it('a run asking for more GPUs than the worker has fails at once, saying so', async () => {
    const created = await api('post', '/experiments').send({ baseModelId, versionId, hyperParams: { ...SMALL, epochs: 1, gpus: 2 } }).expect(201);
    const failed = await finished(created.body.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 0 });
    expect(failed.failureReason).toBe('the run asks for 2 GPUs; this worker has none (start it with --gpus); resume it once a worker with enough GPUs runs');
  });

  it('npm run cli -- experiment run trains in its own process with a progress bar; bad flags are refused by name', async () => {
    const cli = (args: string[]) => spawnTs('server/cli/main.ts', ['experiment', ...args], { DATABASE_URL: t.databaseUrl, PACE_DATA_DIR: t.dataDir });
    const bad = cli(['run', '--model', 'tiny', '--version', 'v-train', '--epochs', '0']);
    expect(await exitOf(bad)).toBe(1);
    expect(bad.output()).toContain('--epochs: expected a whole number ≥ 1, got "0"');

    const run = cli(['run', '--model', 'tiny', '--version', 'v-train', '--epochs', '1', '--seed', '5', '--name', 'from the CLI']);
    expect(await exitOf(run), run.output()).toBe(0);
    expect(run.output()).toMatch(/completed: 1 checkpoint\(s\), queued for evaluation/);
    const [x] = await t.db.query(`SELECT id, status, seed, worker FROM experiments WHERE name = 'from the CLI'`);
    expect(x).toMatchObject({ status: 'completed', seed: 5 });
    expect(x.worker).toMatch(/:\d+$/);
  });
});
