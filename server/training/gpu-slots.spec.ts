import { describe, expect, it } from 'vitest';
import { currentSlotEnv, GpuSlots } from './gpu-slots';

describe(GpuSlots.name, () => {
  it('gives each job its own GPUs and makes a multi-GPU job wait until enough are free', async () => {
    const slots = new GpuSlots(['0', '1']);
    const a = await slots.acquire(1);
    expect(a.env.CUDA_VISIBLE_DEVICES).toBe('0');
    let pair: string | null = null;
    const waiting = slots.acquire(2).then((l) => (pair = l.env.CUDA_VISIBLE_DEVICES));
    await new Promise((r) => setTimeout(r, 20));
    expect(pair).toBeNull();
    a.release();
    await waiting;
    expect(pair!.split(',').sort()).toEqual(['0', '1']);
  });

  it('has one CPU slot that hides every GPU, and refuses more GPUs than it has with a clear reason', async () => {
    const cpu = new GpuSlots([]);
    expect(cpu.size).toBe(1);
    await expect(cpu.acquire(2)).rejects.toThrow(/asks for 2 GPUs; this worker has none/);
    const seen = await cpu.run(1, async () => currentSlotEnv().CUDA_VISIBLE_DEVICES);
    expect(seen).toBe('');
    expect(currentSlotEnv()).toEqual({});
    await expect(new GpuSlots(['3']).acquire(2)).rejects.toThrow(/has 1 \(--gpus 3\)/);
  });
});
