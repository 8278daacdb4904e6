import type { Provider } from '@nestjs/common';
import { GpuSlots } from '../server/training/gpu-slots';
import { TRAINING_HOST } from '../server/training/training-host';
import { inProcessWorkerOptions, WORKER_CONFIG, WORKER_OPTIONS, type WorkerOptions } from './worker-options';

/**
 * WORKER_CONFIG, the training runner's view of it (TRAINING_HOST) and the job slots built from it; WORKER_OPTIONS is
 * provided (globally) by `npm run worker` only.
 */
export const WORKER_PROVIDERS: Provider[] = [
  { provide: WORKER_CONFIG, useFactory: (o?: WorkerOptions) => o ?? inProcessWorkerOptions(), inject: [{ token: WORKER_OPTIONS, optional: true }] },
  { provide: TRAINING_HOST, useExisting: WORKER_CONFIG },
  { provide: GpuSlots, useFactory: (o: WorkerOptions) => new GpuSlots(o.gpus), inject: [WORKER_CONFIG] },
];
