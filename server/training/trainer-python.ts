import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** workers/trainer, where `python -m pace_trainer` runs (the package is not installed into the venv). */
export const TRAINER_DIR = resolve(__dirname, '../../workers/trainer').replace('/dist/workers/', '/workers/');

/** The trainer's interpreter: PACE_TRAINER_PYTHON, else the venv scripts/setup.sh links at workers/trainer/.venv. */
export function trainerPython(): string {
  const configured = process.env.PACE_TRAINER_PYTHON;
  if (configured) return configured;
  const venv = join(TRAINER_DIR, '.venv', 'bin', 'python');
  if (!existsSync(venv)) {
    throw new Error(`The trainer's Python venv is missing at ${venv}: run \`bash scripts/setup.sh\` (npm test does), or set PACE_TRAINER_PYTHON`);
  }
  return venv;
}
