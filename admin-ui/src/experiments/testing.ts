import type { AbilityScoreView, EpochScoresView, ExperimentView, ItemAnswerView, TrainingStepView } from './experimentTypes';

/** Records as the server sends them, for the experiments component tests. */
export function experiment(over: Partial<ExperimentView> = {}): ExperimentView {
  return {
    id: 'e1',
    name: 'tiny × v2 × curated-40',
    baseModel: { id: 1, name: 'tiny-llama', parameters: 135_000_000 },
    version: { id: 2, name: 'v2' },
    recipe: { id: 7, name: 'curated-40', revision: 1 },
    policyId: null,
    hyperParams: {
      epochs: 20,
      learningRate: 1e-5,
      finalLearningRate: 1e-6,
      betas: [0.9, 0.95],
      weightDecay: 0.1,
      globalBatchSize: 64,
      microBatchSize: 8,
      maxLength: 2048,
      method: 'full',
      precision: 'auto',
      gpus: 1,
      evalBackend: 'torch',
      maxNewTokens: 512,
      benchmarks: ['cmmlu'],
    },
    seed: 42,
    trainCounts: { history: 4, code: 4 },
    status: 'running',
    progress: { epoch: 2, epochs: 20, step: 120, totalSteps: 1200, loss: 1.2345, lr: 9e-6, tokensPerSecond: 2400, etaSeconds: 250, percent: 10 },
    failureReason: null,
    worker: 'gpu-host-1',
    attempts: 1,
    checkpoints: 1,
    best: null,
    createdAt: '2025-06-01T08:00:00Z',
    startedAt: '2025-06-01T08:01:00Z',
    finishedAt: null,
    ...over,
  };
}

export function steps(from: number, to: number): TrainingStepView[] {
  return Array.from({ length: to - from + 1 }, (_, i) => {
    const step = from + i;
    return { step, epoch: step / 10, loss: 3 / step, lr: 1e-5, tokensPerSecond: 2000, at: `2025-06-01T08:0${Math.min(step, 9)}:00Z` };
  });
}

const inDomain = (ability: string, split: 'valid' | 'test', score: number, expected: number): AbilityScoreView => ({ suite: 'in-domain', ability, split, shots: 0, items: 20, score, expected });
const bench = (suite: 'cmmlu' | 'agieval', ability: string, shots: number, score: number): AbilityScoreView => ({ suite, ability, split: 'test', shots, items: 40, score, expected: 0.25 });

/** Epoch `epoch`'s scores: history and chinese in-domain, CMMLU's two subsets at 0 and 5 shots. */
export function epochScores(epoch: number, h: [number, number], c: [number, number]): EpochScoresView {
  return {
    epoch,
    evaluationId: `ev${epoch}`,
    backend: 'torch',
    scores: [
      inDomain('history', 'valid', h[0], 0.25),
      inDomain('history', 'test', h[1], 0.25),
      inDomain('chinese', 'valid', c[0], 0),
      inDomain('chinese', 'test', c[1], 0),
      bench('cmmlu', 'chinese_history', 0, 0.3),
      bench('cmmlu', 'high_school_biology', 0, 0.2 + epoch / 100),
      bench('cmmlu', 'chinese_history', 5, 0.4),
      bench('cmmlu', 'high_school_biology', 5, 0.3),
    ],
    validationAverage: (h[0] + c[0]) / 2,
    testAverage: (h[1] + c[1]) / 2,
  };
}

export function answer(over: Partial<ItemAnswerView> = {}): ItemAnswerView {
  return {
    itemId: 42,
    suite: 'in-domain',
    ability: 'history',
    split: 'test',
    shots: 0,
    answer: '秦始皇统一了文字。答案是 B',
    parsed: 'B',
    score: 1,
    expected: 0.25,
    details: { method: 'text', gold: 'B' },
    evaluationId: 'ev5',
    experimentId: 'e1',
    experimentName: 'tiny × v2 × curated-40',
    epoch: 5,
    backend: 'torch',
    evaluatedAt: '2025-06-02T08:00:00Z',
    ...over,
  };
}
