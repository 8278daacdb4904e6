import { BudgetReached, LlmConfigError } from './llm-errors';

/** USD per million tokens. */
export interface ModelPrice {
  inputPer1M: number;
  outputPer1M: number;
}

/** A model on one's own hardware (vLLM, Ollama, llama.cpp's server): no money per token. */
export const FREE: ModelPrice = Object.freeze({ inputPer1M: 0, outputPer1M: 0 });

/**
 * A few hosted models' list prices (USD per 1M tokens, standard tier, no cached-input discount) as published by
 * OpenAI in 2025. Prices change: a deployment overrides or extends this table in its configuration, and a local
 * server's model is given `FREE`. A model absent from the table has no price: its cost is reported as null, and a
 * money cap refuses to run it (a cap that could never be reached would be a false promise).
 */
export const DEFAULT_PRICES: Readonly<Record<string, ModelPrice>> = Object.freeze({
  'gpt-4o': { inputPer1M: 2.5, outputPer1M: 10 },
  'gpt-4o-mini': { inputPer1M: 0.15, outputPer1M: 0.6 },
  'gpt-4.1': { inputPer1M: 2, outputPer1M: 8 },
  'gpt-4.1-mini': { inputPer1M: 0.4, outputPer1M: 1.6 },
});

export type PriceTable = Readonly<Record<string, ModelPrice>>;

export function checkPriceTable(prices: PriceTable): void {
  for (const [model, p] of Object.entries(prices)) {
    for (const field of ['inputPer1M', 'outputPer1M'] as const) {
      const v = p?.[field];
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new LlmConfigError(`price table: ${model}.${field} must be a number ≥ 0 (USD per 1M tokens), got ${JSON.stringify(v)}`);
    }
  }
}

export function costOf(price: ModelPrice, promptTokens: number, completionTokens: number): number {
  return (promptTokens * price.inputPer1M + completionTokens * price.outputPer1M) / 1e6;
}

export interface BudgetCaps {
  /** Prompt + completion tokens over every call. */
  maxTokens?: number;
  maxCostUsd?: number;
}

export interface ModelTotals {
  calls: number;
  promptTokens: number;
  completionTokens: number;
  /** Calls whose usage the server did not send (their tokens are estimates). */
  estimatedCalls: number;
  /** null when the model has no price. */
  costUsd: number | null;
}

export interface BudgetTotals {
  calls: number;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  /** Over the priced models; `unpricedModels` lists the others. */
  costUsd: number;
  unpricedModels: string[];
  /** Worst case of the calls in flight, held against the caps. */
  reservedTokens: number;
  reservedCostUsd: number;
  perModel: Record<string, ModelTotals>;
}

/** A call's hold on the budget: `commit` with the real usage when it answered, `cancel` when it did not. */
export interface Reservation {
  commit(usage: { promptTokens: number; completionTokens: number; estimated: boolean }): number | null;
  cancel(): void;
}

/**
 * Running totals of tokens and money, per model, with caps. Before each call the client reserves the call's worst
 * case (estimated prompt tokens + max_tokens × n) and the reservation is refused with `BudgetReached` when
 * spent + reserved-in-flight + this worst case would pass a cap. So a run stops *before* a cap, and over-shoot can
 * only come from a prompt that tokenizes longer than the estimate (or a server that ignores max_tokens): at most
 * the estimation error of the calls in flight, i.e. of `concurrency` calls. One budget may be shared by the clients
 * of a run (question model and answer model).
 */
export class Budget {
  private readonly totals = new Map<string, { calls: number; prompt: number; completion: number; estimated: number }>();
  private reservedTokens = 0;
  private reservedCost = 0;

  constructor(
    readonly caps: BudgetCaps = {},
    readonly prices: PriceTable = DEFAULT_PRICES,
  ) {
    checkPriceTable(prices);
    for (const field of ['maxTokens', 'maxCostUsd'] as const) {
      const v = caps[field];
      if (v !== undefined && !(typeof v === 'number' && Number.isFinite(v) && v >= 0)) throw new LlmConfigError(`budget.${field} must be a number ≥ 0, got ${JSON.stringify(v)}`);
    }
  }

  priceOf(model: string): ModelPrice | undefined {
    return Object.prototype.hasOwnProperty.call(this.prices, model) ? this.prices[model] : undefined;
  }

  /** Throws `BudgetReached` (nothing reserved) when the worst case does not fit under a cap. */
  reserve(model: string, promptTokens: number, maxCompletionTokens: number): Reservation {
    const price = this.priceOf(model);
    if (this.caps.maxCostUsd !== undefined && !price) throw new LlmConfigError(`a money cap is set but the price table has no price for model "${model}" (add it; a local server's model costs 0)`);
    const tokens = promptTokens + maxCompletionTokens;
    const cost = price ? costOf(price, promptTokens, maxCompletionTokens) : 0;
    const now = this.snapshot();
    if (this.caps.maxTokens !== undefined && now.totalTokens + this.reservedTokens + tokens > this.caps.maxTokens) {
      throw new BudgetReached('tokens', this.caps.maxTokens, now.totalTokens, this.reservedTokens, tokens);
    }
    // a tiny tolerance: sums of float costs must not refuse a call that fits exactly
    if (this.caps.maxCostUsd !== undefined && now.costUsd + this.reservedCost + cost > this.caps.maxCostUsd + 1e-12) {
      throw new BudgetReached('cost', this.caps.maxCostUsd, now.costUsd, this.reservedCost, cost);
    }
    this.reservedTokens += tokens;
    this.reservedCost += cost;
    let open = true;
    const unreserve = () => {
      if (!open) return false;
      open = false;
      this.reservedTokens -= tokens;
      this.reservedCost -= cost;
      return true;
    };
    return {
      commit: (usage) => {
        if (!unreserve()) return null;
        const t = this.totals.get(model) ?? { calls: 0, prompt: 0, completion: 0, estimated: 0 };
        t.calls++;
        t.prompt += usage.promptTokens;
        t.completion += usage.completionTokens;
        if (usage.estimated) t.estimated++;
        this.totals.set(model, t);
        return price ? costOf(price, usage.promptTokens, usage.completionTokens) : null;
      },
      cancel: () => void unreserve(),
    };
  }

  /**
   * Counts what was spent before this Budget existed (a resumed run's committed calls), so the caps hold over the
   * whole run and not only over this process's calls.
   */
  addSpent(model: string, spent: { calls: number; promptTokens: number; completionTokens: number }): void {
    for (const field of ['calls', 'promptTokens', 'completionTokens'] as const) {
      const v = spent[field];
      if (!(Number.isInteger(v) && v >= 0)) throw new LlmConfigError(`addSpent: ${field} must be an integer ≥ 0, got ${JSON.stringify(v)}`);
    }
    const t = this.totals.get(model) ?? { calls: 0, prompt: 0, completion: 0, estimated: 0 };
    t.calls += spent.calls;
    t.prompt += spent.promptTokens;
    t.completion += spent.completionTokens;
    this.totals.set(model, t);
  }

  /** Costs are computed from the per-model token sums, not summed call by call, so they do not drift. */
  snapshot(): BudgetTotals {
    const perModel: Record<string, ModelTotals> = {};
    const out: BudgetTotals = { calls: 0, promptTokens: 0, completionTokens: 0, totalTokens: 0, costUsd: 0, unpricedModels: [], reservedTokens: this.reservedTokens, reservedCostUsd: this.reservedCost, perModel };
    for (const [model, t] of this.totals) {
      const price = this.priceOf(model);
      const cost = price ? costOf(price, t.prompt, t.completion) : null;
      perModel[model] = { calls: t.calls, promptTokens: t.prompt, completionTokens: t.completion, estimatedCalls: t.estimated, costUsd: cost };
      out.calls += t.calls;
      out.promptTokens += t.prompt;
      out.completionTokens += t.completion;
      if (cost === null) out.unpricedModels.push(model);
      else out.costUsd += cost;
    }
    out.totalTokens = out.promptTokens + out.completionTokens;
    return out;
  }

  toJSON(): { caps: BudgetCaps; totals: BudgetTotals } {
    return { caps: this.caps, totals: this.snapshot() };
  }
}

/** Planned calls of one kind, e.g. "1,000 questions, prompts of about 600 tokens, max_tokens 512". */
export interface PlannedCalls {
  label?: string;
  model: string;
  calls: number;
  promptTokens: number;
  maxTokens: number;
  /** Completions per call (default 1). */
  n?: number;
  /** When known (e.g. from a pilot), the mean completion length; else max_tokens, an upper bound. */
  expectedCompletionTokens?: number;
}

// The estimate's shapes are the API's (the dry run answers them): declared with the other synthesis views.
export type { DryRunEstimate, PlanLineEstimate } from '../synthesis-views';
import type { DryRunEstimate, PlanLineEstimate } from '../synthesis-views';

/**
 * What a plan would spend before anything runs: calls × prompt tokens, and calls × n × completion tokens (max_tokens
 * unless an expected length is given). Retries are not counted: a retried call that failed with 429/5xx is not
 * billed by hosted APIs.
 */
export function estimatePlan(plan: PlannedCalls[], prices: PriceTable = DEFAULT_PRICES, budget?: Budget): DryRunEstimate {
  checkPriceTable(prices);
  const lines = plan.map((p, i): PlanLineEstimate => {
    const label = p.label ?? `line ${i + 1}`;
    for (const field of ['calls', 'promptTokens', 'maxTokens'] as const) {
      if (!(Number.isInteger(p[field]) && p[field] >= 0)) throw new LlmConfigError(`plan ${label}: ${field} must be an integer ≥ 0, got ${JSON.stringify(p[field])}`);
    }
    const n = p.n ?? 1;
    if (!(Number.isInteger(n) && n >= 1)) throw new LlmConfigError(`plan ${label}: n must be an integer ≥ 1, got ${JSON.stringify(p.n)}`);
    const perCompletion = p.expectedCompletionTokens ?? p.maxTokens;
    if (!(perCompletion >= 0 && perCompletion <= p.maxTokens)) throw new LlmConfigError(`plan ${label}: expectedCompletionTokens must be between 0 and maxTokens (${p.maxTokens}), got ${JSON.stringify(p.expectedCompletionTokens)}`);
    const promptTokens = p.calls * p.promptTokens;
    const completionTokens = Math.ceil(p.calls * n * perCompletion);
    const price = Object.prototype.hasOwnProperty.call(prices, p.model) ? prices[p.model] : undefined;
    return { label, model: p.model, calls: p.calls, promptTokens, completionTokens, totalTokens: promptTokens + completionTokens, costUsd: price ? costOf(price, promptTokens, completionTokens) : null, upperBound: p.expectedCompletionTokens === undefined };
  });
  const sum = (f: (l: PlanLineEstimate) => number) => lines.reduce((s, l) => s + f(l), 0);
  const est: DryRunEstimate = {
    lines,
    calls: sum((l) => l.calls),
    promptTokens: sum((l) => l.promptTokens),
    completionTokens: sum((l) => l.completionTokens),
    totalTokens: sum((l) => l.totalTokens),
    costUsd: sum((l) => l.costUsd ?? 0),
    unpricedModels: [...new Set(lines.filter((l) => l.costUsd === null).map((l) => l.model))],
    fitsTokenCap: null,
    fitsCostCap: null,
  };
  if (budget) {
    const spent = budget.snapshot();
    if (budget.caps.maxTokens !== undefined) est.fitsTokenCap = spent.totalTokens + est.totalTokens <= budget.caps.maxTokens;
    if (budget.caps.maxCostUsd !== undefined) est.fitsCostCap = est.unpricedModels.length ? false : spent.costUsd + est.costUsd <= budget.caps.maxCostUsd + 1e-12;
  }
  return est;
}
