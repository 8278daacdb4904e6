import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestFileSha256, requestFileText } from '../../training/trainer-protocol';
import type { BackendRequest, GenerateRequest, LoglikelihoodRequest } from './backend.types';
import { TrainerResultsBackend } from './trainer-results-backend';

const planned: BackendRequest[] = [
  { kind: 'loglikelihood', id: '7:0:gold', context: '<user>汉朝是谁建立的？<eot><assistant>', continuation: '刘邦<eot>' },
  { kind: 'loglikelihood', id: '7:0:fine', context: '<user>汉朝是谁建立的？<eot><assistant>', continuation: '项羽<eot>' },
  { kind: 'generate', id: '8:0:generate', context: '<user>判断：长城始建于明朝。<eot><assistant>', maxTokens: 6, candidates: ['A', 'B'] },
];
const results = [
  { id: '7:0:gold', logprob: -3.5, tokens: 3, greedy: false },
  { id: '7:0:fine', logprob: -9.25, tokens: 3, greedy: false },
  { id: '8:0:generate', text: '错误', candidateLogprobs: { A: -1.5, B: -2 } },
];

describe(TrainerResultsBackend.name, () => {
  let dir: string;
  const fileWith = async (name: string, header: object, lines: object[] = results) => {
    const file = join(dir, name);
    await writeFile(file, [header, ...lines].map((l) => JSON.stringify(l) + '\n').join(''));
    return file;
  };
  const header = () => ({ requestsSha256: requestFileSha256(planned), requests: planned.length, epoch: 1 });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pace-trainer-results-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('records the SHA-256 of exactly the request file the trainer reads', () => {
    expect(requestFileSha256(planned)).toBe(createHash('sha256').update(Buffer.from(requestFileText(planned), 'utf8')).digest('hex'));
    expect(requestFileText(planned).split('\n')).toHaveLength(planned.length + 1);
  });

  it('answers any chunk of the planned requests by id, in the order asked', async () => {
    const backend = await TrainerResultsBackend.open(await fileWith('ok.jsonl', header()), planned);
    if (!(backend instanceof TrainerResultsBackend)) throw new Error(backend.unusable);
    const progress: number[] = [];
    const ll = await backend.loglikelihood([planned[1], planned[0]] as LoglikelihoodRequest[], (p) => progress.push(p.done));
    expect(ll.map((r) => [r.id, r.logprob])).toEqual([['7:0:fine', -9.25], ['7:0:gold', -3.5]]);
    expect(progress).toEqual([2]);
    expect(await backend.generate([planned[2] as GenerateRequest])).toEqual([results[2]]);
  });

  it('is unusable when the file is missing, answers other requests (stale), or is cut short', async () => {
    expect(await TrainerResultsBackend.open(join(dir, 'none.jsonl'), planned)).toEqual({ unusable: expect.stringContaining('none.jsonl does not exist') });
    const stale = await fileWith('stale.jsonl', { ...header(), requestsSha256: requestFileSha256(planned.slice(1)) });
    expect(await TrainerResultsBackend.open(stale, planned)).toEqual({ unusable: expect.stringContaining('answers other requests') });
    // the plan changed after the trainer answered (a longer generation budget): the same ids, other requests
    const replanned = planned.map((r) => (r.kind === 'generate' ? { ...r, maxTokens: 64 } : r));
    expect(await TrainerResultsBackend.open(await fileWith('ok2.jsonl', header()), replanned)).toEqual({ unusable: expect.stringContaining('answers other requests') });
    const short = await fileWith('short.jsonl', header(), results.slice(0, 2));
    expect(await TrainerResultsBackend.open(short, planned)).toEqual({ unusable: expect.stringContaining('holds 2 results for 3 requests') });
    await writeFile(join(dir, 'torn.jsonl'), JSON.stringify(header()) + '\n{"id": "7:0:go');
    expect(await TrainerResultsBackend.open(join(dir, 'torn.jsonl'), planned)).toEqual({ unusable: expect.stringContaining('not JSON lines') });
  });

  it('refuses a request that differs from the planned one with its id, naming it', async () => {
    const backend = await TrainerResultsBackend.open(await fileWith('ok3.jsonl', header()), planned);
    if (!(backend instanceof TrainerResultsBackend)) throw new Error(backend.unusable);
    const other = { ...(planned[0] as LoglikelihoodRequest), continuation: '曹操<eot>' };
    await expect(backend.loglikelihood([other])).rejects.toThrow('loglikelihood request 7:0:gold is not the request the trainer answered');
    await expect(backend.generate([{ kind: 'generate', id: '9:0:generate', context: 'x', maxTokens: 1 }])).rejects.toThrow('9:0:generate');
  });
});
