import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTinyModel, tinyModelArgs, type TinyModelShape } from '../../server/training/tiny-model';
import { TRAINER_DIR } from '../../server/training/trainer-python';

/** The folder the tiny models are made in: a model root of every test app (PACE_MODEL_ROOTS, see test-app.ts). */
export const TINY_MODELS_DIR = join(tmpdir(), 'pace-tiny-models');

/**
 * The tiny random Llama-style model (byte-level tokenizer) the trainer builds offline, made once per machine and per
 * version of its builder: test files running in parallel share it (built under a temporary name, then renamed).
 */
export async function tinyModel(opts: TinyModelShape = {}): Promise<string> {
  const args = tinyModelArgs(opts);
  const builder = ['tiny.py', 'chat_format.py'].map((f) => readFileSync(join(TRAINER_DIR, 'pace_trainer', f))).join('\0');
  const key = createHash('sha256').update(builder).update(args.join(' ')).digest('hex').slice(0, 12);
  const dir = join(TINY_MODELS_DIR, `tiny-${key}`);
  if (existsSync(join(dir, 'pace-tiny.json'))) return dir;
  await mkdir(TINY_MODELS_DIR, { recursive: true });
  const building = `${dir}.${process.pid}.${Date.now()}`;
  await makeTinyModel(building, opts);
  try {
    await rename(building, dir);
  } catch {
    await rm(building, { recursive: true, force: true }); // another test file built it first
  }
  return dir;
}
