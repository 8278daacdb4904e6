import { describe, expect, it } from 'vitest';
import { bestFromEpoch, DOIT_BEST_FROM_EPOCH, resolveHyperParams, validateHyperParams } from './hyper-params';

describe('hyper-params: bestFromEpoch (issue 13: the best-checkpoint threshold)', () => {
  it("defaults to DoIT's 5 for new runs, and reads as 5 on runs stored before it existed", () => {
    expect(DOIT_BEST_FROM_EPOCH).toBe(5);
    expect(resolveHyperParams('curated-10').bestFromEpoch).toBe(5);
    expect(resolveHyperParams(null, { bestFromEpoch: 1 }).bestFromEpoch).toBe(1);
    expect(bestFromEpoch({ epochs: 3 })).toBe(5);
    expect(bestFromEpoch(null)).toBe(5);
    expect(bestFromEpoch({ bestFromEpoch: 0 })).toBe(0);
  });

  it('takes an integer from 0 to 1000 and names the field of a bad one', () => {
    expect(validateHyperParams({ bestFromEpoch: 0 })).toEqual({ bestFromEpoch: 0 });
    expect(() => validateHyperParams({ bestFromEpoch: -1 })).toThrow('hyperParams.bestFromEpoch: must be at least 0');
    expect(() => validateHyperParams({ bestFromEpoch: 2.5 }, 'policy.hyperParams')).toThrow('policy.hyperParams.bestFromEpoch: must be an integer');
    expect(() => validateHyperParams({ bestFromEpoch: '5' })).toThrow('hyperParams.bestFromEpoch: must be a number');
  });
});

describe('hyper-params: benchmarks (issue 15 items 7 and 8)', () => {
  it('names any suite of the benchmark registry, IFEval and the out-of-domain sets included, and refuses others naming them all', () => {
    expect(validateHyperParams({ benchmarks: ['cmmlu', 'agieval', 'ceval', 'mcq', 'ifeval'] })).toEqual({ benchmarks: ['cmmlu', 'agieval', 'ceval', 'mcq', 'ifeval'] });
    expect(() => validateHyperParams({ benchmarks: ['mmlu'] })).toThrow('hyperParams.benchmarks: must be a list of distinct benchmarks: cmmlu, agieval, ceval, mcq, ifeval');
    expect(() => validateHyperParams({ benchmarks: ['ifeval', 'ifeval'] })).toThrow('hyperParams.benchmarks: must be a list of distinct benchmarks');
  });

  it("takes IFEval's own generation budget, a positive integer", () => {
    expect(validateHyperParams({ ifevalMaxNewTokens: 256 })).toEqual({ ifevalMaxNewTokens: 256 });
    expect(() => validateHyperParams({ ifevalMaxNewTokens: 0 })).toThrow('hyperParams.ifevalMaxNewTokens: must be at least 1');
  });
});
