export { BENCHMARKS, BENCHMARK_SUITES, EVALUATION_SUITES, IFEVAL_METRICS, isBenchmarkSuite, isMultipleChoiceSuite, MULTIPLE_CHOICE_SUITES, type BenchmarkSuite, type IfevalMetric, type MultipleChoiceSuite } from '../../benchmarks/benchmark-registry';
export { EXEMPLARS_PER_SUBSET, planBenchmark } from './benchmark.suite';
export { IFEVAL_DEFAULT_MAX_NEW_TOKENS, planIfeval } from './ifeval.suite';
export { choiceCountOf, planInDomain, type InDomainOptions } from './in-domain.suite';
export type { EvalItem, ScoredResult, SkippedItem, SuitePlan } from './suite.types';
export { BenchmarkItemsRepository } from './benchmark-items.repository';
