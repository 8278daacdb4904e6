export { BENCHMARK_SUITES, EXEMPLARS_PER_SUBSET, planBenchmark, type BenchmarkSuite } from './benchmark.suite';
export { choiceCountOf, planInDomain, type InDomainOptions } from './in-domain.suite';
export type { EvalItem, ScoredResult, SkippedItem, SuitePlan } from './suite.types';
export { BenchmarkItemsRepository } from './benchmark-items.repository';
