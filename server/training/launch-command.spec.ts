import { describe, expect, it } from 'vitest';
import { launchCommand } from './launch-command';

const python = '/venv/bin/python';

describe(launchCommand.name, () => {
  it('runs the plain interpreter on the CPU and hides every GPU', () => {
    expect(launchCommand({ gpus: [], python })).toEqual({ launcher: [python, '-m', 'pace_trainer'], env: { CUDA_VISIBLE_DEVICES: '' } });
  });

  it('runs the plain interpreter pinned to its one GPU', () => {
    expect(launchCommand({ gpus: [3], python })).toEqual({ launcher: [python, '-m', 'pace_trainer'], env: { CUDA_VISIBLE_DEVICES: '3' } });
  });

  it('runs accelerate launch with one process per GPU and FSDP for two GPUs or more', () => {
    const { launcher, env } = launchCommand({ gpus: [2, 5, 6], python, port: 29777 });
    expect(env).toEqual({ CUDA_VISIBLE_DEVICES: '2,5,6' });
    // the venv has no accelerate script here: its module runs instead
    expect(launcher.slice(0, 3)).toEqual([python, '-m', 'accelerate.commands.launch']);
    const flag = (name: string) => launcher[launcher.indexOf(name) + 1];
    expect(flag('--num_processes')).toBe('3');
    expect(flag('--num_machines')).toBe('1');
    expect(flag('--main_process_port')).toBe('29777');
    expect(launcher).toContain('--use_fsdp');
    expect(flag('--fsdp_sharding_strategy')).toBe('FULL_SHARD');
    expect(flag('--fsdp_auto_wrap_policy')).toBe('TRANSFORMER_BASED_WRAP');
    // checkpoints need the whole model on the main process
    expect(flag('--fsdp_state_dict_type')).toBe('FULL_STATE_DICT');
    expect(launcher.slice(-2)).toEqual(['-m', 'pace_trainer']);
  });

  it('uses the venv’s accelerate script when it has one', () => {
    const { launcher } = launchCommand({ gpus: [0, 1] });
    expect(launcher[0]).toMatch(/\/bin\/accelerate$/);
    expect(launcher[1]).toBe('launch');
  });

  it('refuses repeated or negative GPU indices', () => {
    expect(() => launchCommand({ gpus: [0, 0], python })).toThrow('gpus must be distinct GPU indices ≥ 0, got [0, 0]');
    expect(() => launchCommand({ gpus: [-1], python })).toThrow(/got \[-1\]/);
  });
});
