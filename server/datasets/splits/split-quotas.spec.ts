import { describe, expect, it } from 'vitest';
import { splitQuotas } from './split-quotas';

describe(splitQuotas.name, () => {
  it('fills test then valid, stratified by question format', () => {
    const q = splitQuotas([{ abilityId: 1, valid: 0, test: 0, unassigned: new Map([[0, 300], [1, 100]]) }], { valid: 100, test: 100 });
    expect(q).toEqual([
      { abilityId: 1, questionFormat: 0, test: 75, valid: 75 },
      { abilityId: 1, questionFormat: 1, test: 25, valid: 25 },
    ]);
  });

  it('only tops up what an ability lacks, and never more than its pool', () => {
    const q = splitQuotas(
      [
        { abilityId: 1, valid: 100, test: 90, unassigned: new Map([[0, 50]]) },
        { abilityId: 2, valid: 0, test: 0, unassigned: new Map([[1, 130]]) },
        { abilityId: 3, valid: 120, test: 130, unassigned: new Map([[0, 5]]) },
      ],
      { valid: 100, test: 100 },
    );
    expect(q).toEqual([
      { abilityId: 1, questionFormat: 0, test: 10, valid: 0 },
      { abilityId: 2, questionFormat: 1, test: 100, valid: 30 },
      { abilityId: 3, questionFormat: 0, test: 0, valid: 0 },
    ]);
  });

  it('gives odd remainders to the larger fraction', () => {
    const q = splitQuotas([{ abilityId: 1, valid: 0, test: 0, unassigned: new Map([[0, 2], [1, 1]]) }], { valid: 1, test: 1 });
    expect(q.reduce((a, r) => a + r.test + r.valid, 0)).toBe(2);
    expect(q.find((r) => r.questionFormat === 0)!.test).toBe(1);
  });
});
