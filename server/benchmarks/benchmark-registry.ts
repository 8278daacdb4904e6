// The evaluation suites beside the in-domain one, in one place: what `hyperParams.benchmarks` may name, what the
// evaluations API filters on, what the runner plans and how the UI lists them (its own record is typed against this
// list, so a suite added here fails the UI's typecheck until it has labels).

/** How a benchmark is scored. */
export type BenchmarkKind =
  /** multiple choice, 0- and 5-shot, by the option letter's log-likelihood (./benchmark.suite.ts) */
  | 'multiple-choice'
  /** IFEval: a greedy generation per prompt, scored by the verifiable-instruction checkers (./ifeval.suite.ts) */
  | 'instruction-following';

export interface BenchmarkInfo {
  kind: BenchmarkKind;
  /** Numbers of exemplars each item is scored with. */
  shots: readonly number[];
  /**
   * Whether the growth curves draw an average over the suite's groups. IFEval's groups are its four metrics, not
   * subsets: their mean is no score of anything.
   */
  averaged: boolean;
}

export const BENCHMARKS = {
  cmmlu: { kind: 'multiple-choice', shots: [0, 5], averaged: true },
  agieval: { kind: 'multiple-choice', shots: [0, 5], averaged: true },
  /** C-Eval subject files (the ceval adapter): each subject a subset; dev rows are the 5-shot exemplars. */
  ceval: { kind: 'multiple-choice', shots: [0, 5], averaged: true },
  /** Any multiple-choice CSV registered through a column mapping (the mcq_csv adapter): each set a subset. */
  mcq: { kind: 'multiple-choice', shots: [0, 5], averaged: true },
  ifeval: { kind: 'instruction-following', shots: [0], averaged: false },
} as const satisfies Record<string, BenchmarkInfo>;

export type BenchmarkSuite = keyof typeof BENCHMARKS;
export type MultipleChoiceSuite = { [K in BenchmarkSuite]: (typeof BENCHMARKS)[K]['kind'] extends 'multiple-choice' ? K : never }[BenchmarkSuite];

export const BENCHMARK_SUITES = Object.keys(BENCHMARKS) as BenchmarkSuite[];
export const MULTIPLE_CHOICE_SUITES = BENCHMARK_SUITES.filter((s): s is MultipleChoiceSuite => BENCHMARKS[s].kind === 'multiple-choice');

export const IN_DOMAIN_SUITE = 'in-domain';
/** Every suite an evaluation can score. */
export const EVALUATION_SUITES = [IN_DOMAIN_SUITE, ...BENCHMARK_SUITES] as const;

export function isBenchmarkSuite(value: unknown): value is BenchmarkSuite {
  return typeof value === 'string' && Object.hasOwn(BENCHMARKS, value);
}

export function isMultipleChoiceSuite(value: unknown): value is MultipleChoiceSuite {
  return isBenchmarkSuite(value) && BENCHMARKS[value].kind === 'multiple-choice';
}

/**
 * IFEval's four metrics, stored as four "abilities" of suite `ifeval` (one ability_scores row each, so the experiment
 * score table and the growth curves read them like any group): prompt-level accuracy is over prompts, instruction-level
 * over all the prompts' instructions (reference: evaluation_lib.print_report).
 */
export const IFEVAL_METRICS = ['prompt_strict', 'prompt_loose', 'instruction_strict', 'instruction_loose'] as const;
export type IfevalMetric = (typeof IFEVAL_METRICS)[number];
