import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { TRAINER_DIR, trainerPython } from './trainer-python';

const run = promisify(execFile);

export interface TinyModelShape {
  layers?: number;
  hidden?: number;
  intermediate?: number;
  /** with the chat tokens already in its vocabulary, as a trained checkpoint has them */
  chatTokens?: boolean;
}

/** The trainer's `make-tiny` arguments for a shape (2 layers, hidden 64 unless told). */
export function tinyModelArgs(shape: TinyModelShape = {}): string[] {
  const args = ['--layers', String(shape.layers ?? 2), '--hidden', String(shape.hidden ?? 64)];
  if (shape.intermediate) args.push('--intermediate', String(shape.intermediate));
  if (shape.chatTokens) args.push('--chat-tokens');
  return args;
}

/**
 * Builds the tiny random Llama-style model (byte-level tokenizer) offline into `out` with the trainer's venv: what the
 * tests train on and what `npm run demo` registers as its base model. Seconds on a CPU; nothing is downloaded.
 */
export async function makeTinyModel(out: string, shape: TinyModelShape = {}): Promise<void> {
  await run(trainerPython(), ['-m', 'pace_trainer', 'make-tiny', '--out', out, ...tinyModelArgs(shape)], { cwd: TRAINER_DIR });
}
