import { Injectable } from '@nestjs/common';
import type { EvaluationSuite } from '../evaluation-views';
import { BenchmarkItemsRepository } from '../suites/benchmark-items.repository';
import { BENCHMARKS, isMultipleChoiceSuite, type MultipleChoiceSuite } from '../../benchmarks/benchmark-registry';
import { planBenchmark } from '../suites/benchmark.suite';
import { IFEVAL_DEFAULT_MAX_NEW_TOKENS, planIfeval } from '../suites/ifeval.suite';
import { planInDomain } from '../suites/in-domain.suite';
import type { EvalItem } from '../suites/suite.types';
import type { EvalUnit } from './answer-in-chunks';
import type { EvaluationContext } from './evaluation-context.repository';
import type { EvalUnitsSource } from './evaluation-ports';
import { VersionEvalItemsRepository } from './version-eval-items.repository';

/** DoIT's generation budget when an experiment does not set one. */
const DEFAULT_MAX_NEW_TOKENS = 512;
/**
 * The in-domain unit (the version's validation and test items) and, per `hyperParams.benchmarks`, the benchmark units:
 * a multiple-choice benchmark 0-shot and 5-shot (as DoIT's CMMLU/AGIEval scripts score them), IFEval 0-shot.
 */
@Injectable()
export class SuiteUnitsSource implements EvalUnitsSource {
  constructor(
    private readonly versionItems: VersionEvalItemsRepository,
    private readonly benchmarkItems: BenchmarkItemsRepository,
  ) {}

  async units(ctx: EvaluationContext, suites: readonly EvaluationSuite[]): Promise<EvalUnit[]> {
    const units: EvalUnit[] = [];
    for (const suite of suites) {
      if (suite === 'in-domain') {
        const maxNewTokens = ctx.hyperParams.maxNewTokens ?? DEFAULT_MAX_NEW_TOKENS;
        units.push({ suite, shots: 0, items: await this.versionItems.evalItems(ctx.versionId), plan: (items) => planInDomain(items, { maxNewTokens }) });
      } else if (isMultipleChoiceSuite(suite)) {
        const items = await this.benchmarkItems.load(suite);
        for (const shots of BENCHMARKS[suite].shots) units.push(benchmarkUnit(suite, shots, items));
      } else {
        const maxNewTokens = ctx.hyperParams.ifevalMaxNewTokens ?? IFEVAL_DEFAULT_MAX_NEW_TOKENS;
        units.push({ suite, shots: 0, items: await this.benchmarkItems.load(suite), plan: (items) => planIfeval(items, { maxNewTokens }) });
      }
    }
    return units;
  }
}

/**
 * A benchmark at one number of shots. A chunk is planned with the items the whole benchmark's plan holds out (its
 * 5-shot exemplars: a set's dev rows, else the first five of each subset) put back in their places, so every chunk's
 * prompts carry the same exemplars, in the same order, as one plan of all items.
 */
export function benchmarkUnit(suite: MultipleChoiceSuite, shots: 0 | 5, items: EvalItem[]): EvalUnit {
  const heldOutIds = new Set((items.length ? planBenchmark(suite, items, shots).skipped ?? [] : []).map((s) => s.itemId));
  const heldOut = new Map<string, EvalItem[]>();
  for (const item of items) if (heldOutIds.has(item.itemId)) heldOut.set(item.ability, [...(heldOut.get(item.ability) ?? []), item]);
  const position = new Map(items.map((item, i) => [item.itemId, i]));
  return { suite, shots, items, plan: (chunk) => planBenchmark(suite, withHeldOut(chunk, heldOut, position), shots) };
}

/**
 * The chunk's items with the held-out ones (`heldOut`) of its abilities added: what a chunk of a benchmark is planned
 * with. In the benchmark's order (`position`, item id → index) where given — dev exemplars may come after the items
 * they prompt (their file imported later) — else the held-out ones first.
 */
export function withHeldOut(chunk: EvalItem[], heldOut: ReadonlyMap<string, EvalItem[]>, position?: ReadonlyMap<number, number>): EvalItem[] {
  const inChunk = new Set(chunk.map((i) => i.itemId));
  const abilities = [...new Set(chunk.map((i) => i.ability))];
  const prefix = abilities.flatMap((a) => (heldOut.get(a) ?? []).filter((i) => !inChunk.has(i.itemId)));
  const all = [...prefix, ...chunk];
  return position ? all.sort((a, b) => (position.get(a.itemId) ?? 0) - (position.get(b.itemId) ?? 0)) : all;
}
