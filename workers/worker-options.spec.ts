import { describe, expect, it } from 'vitest';
import { JobName } from '../server/queue/jobs';
import { inProcessWorkerOptions, TRAINING_QUEUES, workerOptionsFromArgs } from './worker-options';

describe('worker options', () => {
  it('a dedicated worker takes every queue; --gpus and --queues win over the environment', () => {
    expect(workerOptionsFromArgs([], {})).toMatchObject({ gpus: [], queues: Object.values(JobName) });
    expect(workerOptionsFromArgs(['--gpus', '0,1'], { PACE_WORKER_GPUS: '3' }).gpus).toEqual(['0', '1']);
    expect(workerOptionsFromArgs([], { PACE_WORKER_GPUS: '2, 3' }).gpus).toEqual(['2', '3']);
    expect(workerOptionsFromArgs(['--queues=train,evaluate'], {}).queues).toEqual(['train', 'evaluate']);
  });

  it('refuses bad GPU lists and unknown queues, naming where they came from', () => {
    expect(() => workerOptionsFromArgs(['--gpus', '0,x'], {})).toThrow('--gpus: "x" is not a GPU index');
    expect(() => workerOptionsFromArgs([], { PACE_WORKER_GPUS: '1,1' })).toThrow('PACE_WORKER_GPUS: a GPU is listed twice');
    expect(() => workerOptionsFromArgs(['--gpus'], {})).toThrow('--gpus: expected a value');
    expect(() => workerOptionsFromArgs(['--queues', 'train,teach'], {})).toThrow('--queues: unknown queue "teach"');
  });

  it("the server's in-process worker leaves training and evaluation alone unless PACE_IN_PROCESS_TRAINING is set", () => {
    const web = inProcessWorkerOptions({});
    for (const q of TRAINING_QUEUES) expect(web.queues).not.toContain(q);
    expect(web.queues).toContain(JobName.ApplyExperimentPolicies);
    expect(inProcessWorkerOptions({ PACE_IN_PROCESS_TRAINING: 'true' }).queues).toEqual(Object.values(JobName));
    expect(() => inProcessWorkerOptions({ PACE_IN_PROCESS_TRAINING: 'maybe' })).toThrow('PACE_IN_PROCESS_TRAINING="maybe": expected true or false');
  });
});
