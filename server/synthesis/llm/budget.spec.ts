import { describe, expect, it } from 'vitest';
import { Budget, DEFAULT_PRICES, estimatePlan, FREE } from './budget';
import { BudgetReached, LlmConfigError } from './llm-errors';

const prices = { 'hosted-model': { inputPer1M: 2, outputPer1M: 8 }, 'local-model': FREE };

describe(Budget.name, () => {
  it('issue 15 item 3: keeps running totals per model; cost from the price table (USD per 1M tokens)', () => {
    const b = new Budget({}, prices);
    b.reserve('hosted-model', 100, 500).commit({ promptTokens: 1000, completionTokens: 250, estimated: false });
    b.reserve('hosted-model', 100, 500).commit({ promptTokens: 500_000, completionTokens: 125_000, estimated: true });
    b.reserve('local-model', 10, 10).commit({ promptTokens: 7, completionTokens: 3, estimated: false });
    const t = b.snapshot();
    expect(t).toMatchObject({ calls: 3, promptTokens: 501_007, completionTokens: 125_253, totalTokens: 626_260, reservedTokens: 0, unpricedModels: [] });
    // (501,000 × 2 + 125,250 × 8) / 1e6 = 1.002 + 1.002
    expect(t.costUsd).toBeCloseTo(2.004, 12);
    expect(t.perModel['hosted-model']).toMatchObject({ calls: 2, estimatedCalls: 1 });
    expect(t.perModel['local-model'].costUsd).toBe(0);
  });

  it('issue 15 item 3: the token cap refuses a call whose worst case does not fit beside spent + in flight', () => {
    const b = new Budget({ maxTokens: 1000 }, prices);
    const first = b.reserve('local-model', 100, 300); // 400 held
    const second = b.reserve('local-model', 100, 300); // 800 held
    const e = (() => {
      try {
        b.reserve('local-model', 100, 150);
      } catch (x) {
        return x as BudgetReached;
      }
    })();
    expect(e).toBeInstanceOf(BudgetReached);
    expect(e).toMatchObject({ code: 'budget_reached', limit: 'tokens', cap: 1000, spent: 0, reserved: 800, needed: 250 });
    expect(e!.message).toBe('budget reached: the tokens cap is 1000 tokens; spent 0 tokens, 800 tokens reserved by calls in flight, and the next call may need up to 250 tokens');
    // calls in flight finish and count; the one that used less frees room
    first.commit({ promptTokens: 120, completionTokens: 80, estimated: false });
    second.cancel();
    expect(b.snapshot()).toMatchObject({ totalTokens: 200, reservedTokens: 0 });
    expect(() => b.reserve('local-model', 100, 700)).not.toThrow();
    expect(() => b.reserve('local-model', 1, 0)).toThrow(BudgetReached);
  });

  it('issue 15 item 3: the money cap refuses a call whose worst-case cost does not fit; an exact fit passes', () => {
    const b = new Budget({ maxCostUsd: 0.01 }, prices);
    // 1000 × 2e-6 + 1000 × 8e-6 = 0.01 exactly
    const r = b.reserve('hosted-model', 1000, 1000);
    expect(() => b.reserve('hosted-model', 1, 0)).toThrow(/the cost cap is 0.010000 USD/);
    r.commit({ promptTokens: 1000, completionTokens: 500, estimated: false }); // 0.006 spent
    expect(() => b.reserve('hosted-model', 1000, 250)).not.toThrow(); // 0.004 more: exactly the cap
  });

  it('a money cap with a model the table does not price is a configuration error, not a cap that never trips', () => {
    const b = new Budget({ maxCostUsd: 1 }, prices);
    expect(() => b.reserve('mystery-model', 1, 1)).toThrow(new LlmConfigError('a money cap is set but the price table has no price for model "mystery-model" (add it; a local server\'s model costs 0)'));
    const free = new Budget({}, prices);
    expect(free.reserve('mystery-model', 1, 1).commit({ promptTokens: 1, completionTokens: 1, estimated: false })).toBeNull();
    expect(free.snapshot().unpricedModels).toEqual(['mystery-model']);
  });

  it('issue 15 item 3: a resumed run pre-loads what it already spent, and the caps count it', () => {
    const b = new Budget({ maxTokens: 1000 }, prices);
    b.addSpent('hosted-model', { calls: 3, promptTokens: 600, completionTokens: 200 });
    expect(b.snapshot()).toMatchObject({ calls: 3, totalTokens: 800, costUsd: (600 * 2 + 200 * 8) / 1e6 });
    expect(() => b.reserve('hosted-model', 100, 150)).toThrow(BudgetReached);
    b.reserve('hosted-model', 100, 100).commit({ promptTokens: 100, completionTokens: 100, estimated: false });
    expect(b.snapshot().totalTokens).toBe(1000);
    expect(() => b.addSpent('hosted-model', { calls: -1, promptTokens: 0, completionTokens: 0 })).toThrow(/calls must be an integer ≥ 0/);
  });

  it('a reservation commits or cancels once', () => {
    const b = new Budget({ maxTokens: 100 }, prices);
    const r = b.reserve('local-model', 10, 10);
    expect(r.commit({ promptTokens: 5, completionTokens: 5, estimated: false })).toBe(0);
    expect(r.commit({ promptTokens: 5, completionTokens: 5, estimated: false })).toBeNull();
    r.cancel();
    expect(b.snapshot()).toMatchObject({ calls: 1, totalTokens: 10, reservedTokens: 0 });
  });

  it('refuses bad caps and prices, naming the field', () => {
    expect(() => new Budget({ maxTokens: -1 })).toThrow(/budget.maxTokens must be a number ≥ 0, got -1/);
    expect(() => new Budget({}, { m: { inputPer1M: 1, outputPer1M: Number.NaN } })).toThrow(/price table: m.outputPer1M/);
    expect(DEFAULT_PRICES['gpt-4o-mini']).toEqual({ inputPer1M: 0.15, outputPer1M: 0.6 });
  });
});

describe(estimatePlan.name, () => {
  it('issue 15 item 3: dry-run arithmetic: calls × prompt tokens, calls × n × max_tokens, priced per model', () => {
    const est = estimatePlan(
      [
        { label: 'subjects', model: 'hosted-model', calls: 40, promptTokens: 300, maxTokens: 1000, n: 10 },
        { label: 'answers', model: 'local-model', calls: 1000, promptTokens: 600, maxTokens: 512, expectedCompletionTokens: 200 },
        { model: 'mystery-model', calls: 2, promptTokens: 10, maxTokens: 10 },
      ],
      prices,
    );
    expect(est.lines[0]).toEqual({ label: 'subjects', model: 'hosted-model', calls: 40, promptTokens: 12_000, completionTokens: 400_000, totalTokens: 412_000, costUsd: expect.closeTo(12_000 * 2e-6 + 400_000 * 8e-6, 12), upperBound: true });
    expect(est.lines[1]).toMatchObject({ promptTokens: 600_000, completionTokens: 200_000, costUsd: 0, upperBound: false });
    expect(est.lines[2]).toMatchObject({ label: 'line 3', costUsd: null });
    expect(est).toMatchObject({ calls: 1042, promptTokens: 612_020, completionTokens: 600_020, totalTokens: 1_212_040, unpricedModels: ['mystery-model'], fitsTokenCap: null, fitsCostCap: null });
    expect(est.costUsd).toBeCloseTo(3.224, 12);
  });

  it('issue 15 item 3: says whether the plan fits the budget after what it already spent', () => {
    const b = new Budget({ maxTokens: 10_000, maxCostUsd: 0.05 }, prices);
    b.reserve('hosted-model', 0, 1000).commit({ promptTokens: 1000, completionTokens: 1000, estimated: false }); // 2000 tokens, 0.01 USD
    const plan = [{ model: 'hosted-model', calls: 4, promptTokens: 1000, maxTokens: 1000 }]; // 8000 tokens, 0.04 USD
    expect(estimatePlan(plan, prices, b)).toMatchObject({ fitsTokenCap: true, fitsCostCap: true });
    expect(estimatePlan([{ ...plan[0], calls: 5 }], prices, b)).toMatchObject({ fitsTokenCap: false, fitsCostCap: false });
  });

  it('names the plan line and field that is wrong', () => {
    expect(() => estimatePlan([{ label: 'qs', model: 'm', calls: 1.5, promptTokens: 1, maxTokens: 1 }])).toThrow('plan qs: calls must be an integer ≥ 0, got 1.5');
    expect(() => estimatePlan([{ model: 'm', calls: 1, promptTokens: 1, maxTokens: 10, expectedCompletionTokens: 11 }])).toThrow(/plan line 1: expectedCompletionTokens must be between 0 and maxTokens \(10\)/);
  });
});
