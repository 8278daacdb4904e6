import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { trainerPython } from './trainer-python';

export interface LaunchRequest {
  /** The GPU indices this job may use (the worker's share); empty = CPU. */
  gpus: readonly number[];
  /** A free TCP port for the processes' rendezvous (only used with two GPUs or more). */
  port?: number;
  /** Interpreter to run; defaults to the trainer's venv (trainerPython()). */
  python?: string;
}

export interface Launch {
  /** What runs in place of `python -m pace_trainer` (runTrainerCommand's `launcher`); its arguments follow. */
  launcher: string[];
  env: Record<string, string>;
}

/**
 * The command line of one training job: the plain interpreter for zero or one GPU; for N ≥ 2 GPUs,
 * `accelerate launch` with N processes and FSDP (full sharding, one wrap per transformer block, full state dict
 * gathered for checkpoints), so each process trains its share of every step. CUDA_VISIBLE_DEVICES pins the job to its
 * GPUs either way.
 */
export function launchCommand(req: LaunchRequest): Launch {
  const python = req.python ?? trainerPython();
  const gpus = [...req.gpus];
  if (new Set(gpus).size !== gpus.length || gpus.some((g) => !Number.isInteger(g) || g < 0)) {
    throw new RangeError(`gpus must be distinct GPU indices ≥ 0, got [${gpus.join(', ')}]`);
  }
  const env: Record<string, string> = gpus.length ? { CUDA_VISIBLE_DEVICES: gpus.join(',') } : { CUDA_VISIBLE_DEVICES: '' };
  if (gpus.length < 2) return { launcher: [python, '-m', 'pace_trainer'], env };
  const accelerate = join(dirname(python), 'accelerate');
  const launcher = existsSync(accelerate) ? [accelerate, 'launch'] : [python, '-m', 'accelerate.commands.launch'];
  return {
    launcher: [
      ...launcher,
      '--num_processes', String(gpus.length),
      '--num_machines', '1',
      '--main_process_port', String(req.port ?? 29500),
      '--mixed_precision', 'no', // the trainer's config decides (bf16 autocast on GPUs that have it)
      '--use_fsdp',
      '--fsdp_version', '1',
      '--fsdp_sharding_strategy', 'FULL_SHARD',
      '--fsdp_auto_wrap_policy', 'TRANSFORMER_BASED_WRAP',
      '--fsdp_state_dict_type', 'FULL_STATE_DICT',
      '--fsdp_use_orig_params', 'true',
      '--fsdp_sync_module_states', 'true',
      '-m', 'pace_trainer',
    ],
    env,
  };
}
