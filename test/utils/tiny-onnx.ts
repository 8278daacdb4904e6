import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { TRAINER_DIR } from '../../server/training/trainer-python';
import { runTrainerCommand } from '../../server/training/trainer-process';
import { tinyModel } from './tiny-model';

/**
 * The tiny model with the chat tokens, exported by `export-onnx`, once per machine and per version of the exporter
 * (test files share it: built under a temporary name, then renamed). Returns both folders.
 */
export async function tinyOnnxModel(opts: Parameters<typeof tinyModel>[0] = { chatTokens: true }): Promise<{ modelDir: string; onnxDir: string }> {
  const modelDir = await tinyModel(opts);
  const exporter = ['scoring/onnx_export.py', 'commands/export_onnx.py'].map((f) => readFileSync(join(TRAINER_DIR, 'pace_trainer', f))).join('\0');
  const key = createHash('sha256').update(exporter).update(basename(modelDir)).digest('hex').slice(0, 12);
  const onnxDir = join(tmpdir(), `pace-tiny-onnx-${key}`);
  if (existsSync(join(onnxDir, 'pace-onnx.json'))) return { modelDir, onnxDir };
  const building = `${onnxDir}.${process.pid}.${Date.now()}`;
  await runTrainerCommand(['export-onnx', '--model', modelDir, '--out', building]);
  try {
    await rename(building, onnxDir);
  } catch {
    await rm(building, { recursive: true, force: true }); // another test file exported it first
  }
  return { modelDir, onnxDir };
}
