import { AsyncLocalStorage } from 'node:async_hooks';

/** Slots held by one job: GPU ids (empty on a CPU slot) and the environment its subprocesses get. */
export interface SlotLease {
  gpus: string[];
  env: { CUDA_VISIBLE_DEVICES: string };
  release(): void;
}

const current = new AsyncLocalStorage<SlotLease>();

/** The environment of the slot the calling job holds (the trainer and scorer processes inherit it), or none. */
export function currentSlotEnv(): NodeJS.ProcessEnv {
  return current.getStore()?.env ?? {};
}

/**
 * A worker's job slots: one per declared GPU, or a single CPU slot. A job takes `n` slots at once (all or nothing,
 * first come first served) and sees only its GPUs through CUDA_VISIBLE_DEVICES; a CPU slot hides every GPU.
 */
export class GpuSlots {
  private readonly free: string[];
  private cpuBusy = false;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly gpus: string[]) {
    this.free = [...gpus];
  }

  /** How many jobs may run at once here. */
  get size(): number {
    return Math.max(1, this.gpus.length);
  }

  /** Why this worker can never give `n` GPUs to one job, or null when it can. */
  refusal(n: number): string | null {
    if (this.gpus.length === 0 && n > 1) return `the run asks for ${n} GPUs; this worker has none (start it with --gpus)`;
    if (n > this.size) return `the run asks for ${n} GPUs; this worker has ${this.gpus.length} (--gpus ${this.gpus.join(',')})`;
    return null;
  }

  async acquire(n = 1): Promise<SlotLease> {
    const refusal = this.refusal(n);
    if (refusal) throw new Error(refusal);
    for (;;) {
      const lease = this.tryTake(n);
      if (lease) return lease;
      await new Promise<void>((wake) => this.waiting.push(wake));
    }
  }

  /** Runs `fn` holding `n` slots; its subprocesses see only those GPUs. */
  async run<T>(n: number, fn: (lease: SlotLease) => Promise<T>): Promise<T> {
    const lease = await this.acquire(n);
    try {
      return await current.run(lease, () => fn(lease));
    } finally {
      lease.release();
    }
  }

  private tryTake(n: number): SlotLease | null {
    let gpus: string[];
    if (this.gpus.length === 0) {
      if (this.cpuBusy) return null;
      this.cpuBusy = true;
      gpus = [];
    } else {
      if (this.free.length < n) return null;
      gpus = this.free.splice(0, n);
    }
    let released = false;
    return {
      gpus,
      env: { CUDA_VISIBLE_DEVICES: gpus.join(',') },
      release: () => {
        if (released) return;
        released = true;
        if (this.gpus.length === 0) this.cpuBusy = false;
        else this.free.push(...gpus);
        for (const wake of this.waiting.splice(0)) wake();
      },
    };
  }
}
