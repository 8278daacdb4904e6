import { Injectable } from '@nestjs/common';
import type { EvaluationSuite } from '../evaluation-views';
import { BenchmarkItemsRepository } from '../suites/benchmark-items.repository';
import { planBenchmark, type BenchmarkSuite } from '../suites/benchmark.suite';
import { planInDomain } from '../suites/in-domain.suite';
import type { EvalItem } from '../suites/suite.types';
import type { EvalUnit } from './answer-in-chunks';
import type { EvaluationContext } from './evaluation-context.repository';
import type { EvalUnitsSource } from './evaluation-ports';
import { VersionEvalItemsRepository } from './version-eval-items.repository';

/** DoIT's generation budget when an experiment does not set one. */
const DEFAULT_MAX_NEW_TOKENS = 512;
/** Benchmarks are scored 0-shot and 5-shot, as DoIT's CMMLU/AGIEval scripts do. */
const BENCHMARK_SHOTS = [0, 5] as const;

/** The in-domain unit (the version's validation and test items) and, per `hyperParams.benchmarks`, 0- and 5-shot benchmark units. */
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
      } else {
        const items = await this.benchmarkItems.load(suite);
        for (const shots of BENCHMARK_SHOTS) units.push(benchmarkUnit(suite, shots, items));
      }
    }
    return units;
  }
}

/**
 * A benchmark at one number of shots. A chunk is planned with the items the whole benchmark's plan holds out (its
 * 5-shot exemplars) put back before it, so every chunk's prompts carry the same exemplars as one plan of all items.
 */
export function benchmarkUnit(suite: BenchmarkSuite, shots: 0 | 5, items: EvalItem[]): EvalUnit {
  const heldOutIds = new Set((items.length ? planBenchmark(suite, items, shots).skipped ?? [] : []).map((s) => s.itemId));
  const heldOut = new Map<string, EvalItem[]>();
  for (const item of items) if (heldOutIds.has(item.itemId)) heldOut.set(item.ability, [...(heldOut.get(item.ability) ?? []), item]);
  return { suite, shots, items, plan: (chunk) => planBenchmark(suite, withHeldOut(chunk, heldOut), shots) };
}

/** Items of one ability, in order, with the held-out ones (`heldOut`) first: what a chunk of a benchmark is planned with. */
export function withHeldOut(chunk: EvalItem[], heldOut: ReadonlyMap<string, EvalItem[]>): EvalItem[] {
  const inChunk = new Set(chunk.map((i) => i.itemId));
  const abilities = [...new Set(chunk.map((i) => i.ability))];
  const prefix = abilities.flatMap((a) => (heldOut.get(a) ?? []).filter((i) => !inChunk.has(i.itemId)));
  return [...prefix, ...chunk];
}
