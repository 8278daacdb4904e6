import { BadRequestException } from '@nestjs/common';
import { BENCHMARK_SUITES, isBenchmarkSuite } from '../benchmarks/benchmark-registry';
import type { HyperParams } from './experiment-views';

/** DoIT's best-checkpoint threshold (paper §4.2: the best validation score among epochs ≥ 5). */
export const DOIT_BEST_FROM_EPOCH = 5;

/** The DoIT paper's settings (DESIGN.md §1): AdamW (0.9, 0.95), wd 0.1, lr 1e-5 → 1e-6 linear, batch 64, 2048 tokens. */
export const DEFAULT_HYPER_PARAMS: HyperParams = {
  epochs: 15,
  learningRate: 1e-5,
  finalLearningRate: 1e-6,
  betas: [0.9, 0.95],
  weightDecay: 0.1,
  globalBatchSize: 64,
  microBatchSize: 8,
  maxLength: 2048,
  method: 'full',
  precision: 'auto',
  gpus: 1,
  evalBackend: 'torch',
  maxNewTokens: 512,
  benchmarks: [],
  bestFromEpoch: DOIT_BEST_FROM_EPOCH,
};

/** The epoch from which a run's reported checkpoint is chosen: its own `bestFromEpoch`, or DoIT's 5 for runs that predate it. */
export function bestFromEpoch(hp: Partial<HyperParams> | null | undefined): number {
  return hp?.bestFromEpoch ?? DOIT_BEST_FROM_EPOCH;
}

/** The fixed seed of a run that names none. */
export const DEFAULT_EXPERIMENT_SEED = 42;

/** The paper trains its three smallest volumes longer. */
const EPOCHS_BY_RECIPE: Record<string, number> = { 'curated-10': 25, 'curated-40': 20, 'curated-160': 18 };

export function defaultEpochs(recipeName: string | null): number {
  return (recipeName && EPOCHS_BY_RECIPE[recipeName]) || DEFAULT_HYPER_PARAMS.epochs;
}

type Check = (v: unknown) => string | null;
const num = (min: number, max: number, opts: { int?: boolean; exclusiveMin?: boolean } = {}): Check => (v) => {
  if (typeof v !== 'number' || !Number.isFinite(v)) return 'must be a number';
  if (opts.int && !Number.isInteger(v)) return 'must be an integer';
  if (opts.exclusiveMin ? v <= min : v < min) return `must be ${opts.exclusiveMin ? 'greater than' : 'at least'} ${min}`;
  if (v > max) return `must be at most ${max}`;
  return null;
};
const oneOf = (values: readonly string[]): Check => (v) => (typeof v === 'string' && values.includes(v) ? null : `must be one of ${values.join(', ')}`);

const CHECKS: { [K in keyof HyperParams]-?: Check } = {
  epochs: num(1, 1000, { int: true }),
  learningRate: num(0, 1, { exclusiveMin: true }),
  finalLearningRate: num(0, 1),
  betas: (v) => (Array.isArray(v) && v.length === 2 && v.every((b) => typeof b === 'number' && b >= 0 && b < 1) ? null : 'must be two numbers in [0, 1)'),
  weightDecay: num(0, 10),
  globalBatchSize: num(1, 1 << 20, { int: true }),
  microBatchSize: num(1, 1 << 16, { int: true }),
  maxLength: num(16, 1 << 20, { int: true }),
  method: oneOf(['full', 'lora']),
  lora: (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'must be an object {r, alpha, dropout, targetModules?}';
    const l = v as Record<string, unknown>;
    const extra = Object.keys(l).filter((k) => !['r', 'alpha', 'dropout', 'targetModules'].includes(k));
    if (extra.length) return `unknown field(s) ${extra.join(', ')}`;
    for (const [k, check] of [['r', num(1, 4096, { int: true })], ['alpha', num(0, 1e6, { exclusiveMin: true })], ['dropout', num(0, 0.99)]] as const) {
      const why = check(l[k]);
      if (why) return `${k} ${why}`;
    }
    if (l.targetModules !== undefined && !(Array.isArray(l.targetModules) && l.targetModules.every((m) => typeof m === 'string' && m !== ''))) {
      return 'targetModules must be a list of module names';
    }
    return null;
  },
  precision: oneOf(['auto', 'bf16', 'fp32']),
  gpus: num(1, 64, { int: true }),
  evalBackend: oneOf(['torch', 'onnx']),
  maxNewTokens: num(1, 32768, { int: true }),
  ifevalMaxNewTokens: num(1, 32768, { int: true }),
  benchmarks: (v) =>
    Array.isArray(v) && v.every(isBenchmarkSuite) && new Set(v).size === v.length ? null : `must be a list of distinct benchmarks: ${BENCHMARK_SUITES.join(', ')}`,
  bestFromEpoch: num(0, 1000, { int: true }),
};

/** Checks a partial set (a request's or a policy's); a bad value is a 400 naming `where.field`. */
export function validateHyperParams(raw: unknown, where = 'hyperParams'): Partial<HyperParams> {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new BadRequestException(`${where}: must be an object`);
  const errors: { field: string; message: string }[] = [];
  for (const [key, value] of Object.entries(raw)) {
    const check = CHECKS[key as keyof HyperParams];
    const why = check ? check(value) : `unknown hyper-parameter; known: ${Object.keys(CHECKS).join(', ')}`;
    if (why) errors.push({ field: `${where}.${key}`, message: why });
  }
  if (errors.length) throw new BadRequestException({ message: errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors });
  return raw as Partial<HyperParams>;
}

/** Every hyper-parameter of a run: the paper's defaults (epochs by recipe), then the policy's, then the request's. */
export function resolveHyperParams(recipeName: string | null, ...layers: Array<Partial<HyperParams> | undefined>): HyperParams {
  const hp: HyperParams = { ...DEFAULT_HYPER_PARAMS, epochs: defaultEpochs(recipeName) };
  for (const layer of layers) Object.assign(hp, layer ?? {});
  if (hp.finalLearningRate > hp.learningRate) {
    throw new BadRequestException(`hyperParams.finalLearningRate: ${hp.finalLearningRate} is above learningRate ${hp.learningRate} (the rate decays)`);
  }
  if (hp.globalBatchSize % hp.microBatchSize !== 0 && hp.microBatchSize < hp.globalBatchSize) {
    throw new BadRequestException(`hyperParams.globalBatchSize: ${hp.globalBatchSize} is not a multiple of microBatchSize ${hp.microBatchSize}`);
  }
  if (hp.method === 'lora' && !hp.lora) hp.lora = { r: 16, alpha: 32, dropout: 0.05 };
  return hp;
}
