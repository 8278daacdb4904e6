import { describe, expect, it } from 'vitest';
import { runHyperParams } from './training.command';

describe(runHyperParams.name, () => {
  it('issue 15 items 7 and 8: --benchmarks names suites of the registry (IFEval and the out-of-domain sets included), comma-separated', () => {
    expect(runHyperParams({ benchmarks: 'ceval, ifeval,mcq,ifeval', ifevalMaxNewTokens: '256', epochs: '3' })).toEqual({ epochs: 3, benchmarks: ['ceval', 'ifeval', 'mcq'], ifevalMaxNewTokens: 256 });
    expect(runHyperParams({})).toEqual({});
  });

  it('refuses an unknown benchmark or a bad budget naming the flag and what is known', () => {
    expect(() => runHyperParams({ benchmarks: 'cmmlu,mmlu' })).toThrow('--benchmarks: unknown benchmark "mmlu"; known: cmmlu, agieval, ceval, mcq, ifeval');
    expect(() => runHyperParams({ ifevalMaxNewTokens: '0' })).toThrow('--ifeval-max-new-tokens: expected a whole number ≥ 1, got "0"');
  });
});
