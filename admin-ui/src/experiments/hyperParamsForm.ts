import type { Benchmark, HyperParams } from './experimentTypes';

/** The form's values: numbers as typed (strings), so that a half-typed "1e-" is kept and refused, not coerced. */
export interface HyperParamsDraft {
  epochs: string;
  learningRate: string;
  finalLearningRate: string;
  beta1: string;
  beta2: string;
  weightDecay: string;
  globalBatchSize: string;
  microBatchSize: string;
  maxLength: string;
  method: 'full' | 'lora';
  loraR: string;
  loraAlpha: string;
  loraDropout: string;
  precision: HyperParams['precision'];
  gpus: string;
  evalBackend: HyperParams['evalBackend'];
  maxNewTokens: string;
  /** IFEval's generation budget: sent only when IFEval is among the benchmarks */
  ifevalMaxNewTokens: string;
  benchmarks: Benchmark[];
  bestFromEpoch: string;
}

/**
 * The DoIT paper's settings (§4.1, train_sft.py): AdamW β (0.9, 0.95), weight decay 0.1, lr 1e-5 decaying linearly
 * to 1e-6, global batch 64, max length 2048, 15 epochs. The micro-batch (8) is the trainer's default
 * (workers/trainer/PROTOCOL.md); the rest are this platform's.
 */
export const PAPER_DEFAULTS: HyperParamsDraft = {
  epochs: '15',
  learningRate: '1e-5',
  finalLearningRate: '1e-6',
  beta1: '0.9',
  beta2: '0.95',
  weightDecay: '0.1',
  globalBatchSize: '64',
  microBatchSize: '8',
  maxLength: '2048',
  method: 'full',
  loraR: '16',
  loraAlpha: '32',
  loraDropout: '0.05',
  precision: 'auto',
  gpus: '1',
  evalBackend: 'torch',
  maxNewTokens: '512',
  // lm-evaluation-harness's ifeval budget (the server's IFEVAL_DEFAULT_MAX_NEW_TOKENS)
  ifevalMaxNewTokens: '1280',
  benchmarks: ['cmmlu', 'agieval'],
  bestFromEpoch: '5',
};

/** The paper trains the three smallest volumes longer: curated-10 for 25 epochs, curated-40 for 20, curated-160 for 18. */
export function paperEpochs(recipe: string | null | undefined): number {
  const n = /^curated-(\d+)$/.exec(recipe ?? '')?.[1];
  return ({ '10': 25, '40': 20, '160': 18 } as Record<string, number>)[n ?? ''] ?? 15;
}

/** A refusal: the message key under pace.experiments.errors and its values. */
export interface FieldError {
  key: string;
  values?: Record<string, string | number>;
}

export type DraftErrors = Partial<Record<keyof HyperParamsDraft, FieldError>>;

const isNumber = (s: string) => s.trim() !== '' && Number.isFinite(Number(s));
const isInteger = (s: string) => isNumber(s) && Number.isInteger(Number(s));

/** Every refused field of the draft, each with what is wrong. */
export function validateHyperParams(d: HyperParamsDraft): DraftErrors {
  const errors: DraftErrors = {};
  const intAtLeast = (field: keyof HyperParamsDraft, min: number, max = Number.MAX_SAFE_INTEGER) => {
    const s = d[field] as string;
    if (!isInteger(s)) errors[field] = { key: 'integer' };
    else if (Number(s) < min || Number(s) > max) errors[field] = { key: 'range', values: { min, max } };
  };
  const numberIn = (field: keyof HyperParamsDraft, test: (x: number) => boolean, key: string) => {
    const s = d[field] as string;
    if (!isNumber(s)) errors[field] = { key: 'number' };
    else if (!test(Number(s))) errors[field] = { key };
  };
  intAtLeast('epochs', 1, 1000);
  numberIn('learningRate', (x) => x > 0 && x < 1, 'learning_rate');
  numberIn('finalLearningRate', (x) => x >= 0 && x < 1, 'learning_rate');
  if (!errors.learningRate && !errors.finalLearningRate && Number(d.finalLearningRate) > Number(d.learningRate)) {
    errors.finalLearningRate = { key: 'final_above_initial' };
  }
  numberIn('beta1', (x) => x >= 0 && x < 1, 'beta');
  numberIn('beta2', (x) => x >= 0 && x < 1, 'beta');
  numberIn('weightDecay', (x) => x >= 0 && x <= 1, 'weight_decay');
  intAtLeast('globalBatchSize', 1, 65536);
  intAtLeast('microBatchSize', 1, 65536);
  intAtLeast('gpus', 1, 64);
  if (!errors.globalBatchSize && !errors.microBatchSize && !errors.gpus) {
    const perStep = Number(d.microBatchSize) * Number(d.gpus);
    if (Number(d.globalBatchSize) % perStep !== 0) errors.globalBatchSize = { key: 'batch_divides', values: { micro: d.microBatchSize, gpus: d.gpus, per_step: perStep } };
  }
  intAtLeast('maxLength', 16, 131072);
  intAtLeast('maxNewTokens', 1, 32768);
  if (d.benchmarks.includes('ifeval')) intAtLeast('ifevalMaxNewTokens', 1, 32768);
  intAtLeast('bestFromEpoch', 0, 1000);
  if (d.method === 'lora') {
    intAtLeast('loraR', 1, 4096);
    numberIn('loraAlpha', (x) => x > 0, 'positive');
    numberIn('loraDropout', (x) => x >= 0 && x < 1, 'dropout');
  }
  return errors;
}

/** The draft as the API takes it (call only when validateHyperParams found nothing). */
export function toHyperParams(d: HyperParamsDraft): HyperParams {
  return {
    epochs: Number(d.epochs),
    learningRate: Number(d.learningRate),
    finalLearningRate: Number(d.finalLearningRate),
    betas: [Number(d.beta1), Number(d.beta2)],
    weightDecay: Number(d.weightDecay),
    globalBatchSize: Number(d.globalBatchSize),
    microBatchSize: Number(d.microBatchSize),
    maxLength: Number(d.maxLength),
    method: d.method,
    ...(d.method === 'lora' ? { lora: { r: Number(d.loraR), alpha: Number(d.loraAlpha), dropout: Number(d.loraDropout) } } : {}),
    precision: d.precision,
    gpus: Number(d.gpus),
    evalBackend: d.evalBackend,
    maxNewTokens: Number(d.maxNewTokens),
    benchmarks: d.benchmarks,
    ...(d.benchmarks.includes('ifeval') ? { ifevalMaxNewTokens: Number(d.ifevalMaxNewTokens) } : {}),
    bestFromEpoch: Number(d.bestFromEpoch),
  };
}

/** `base` with the given values written over it, as the form shows them (a policy's overrides of the defaults). */
export function toDraft(hp: Partial<HyperParams>, base: HyperParamsDraft): HyperParamsDraft {
  const s = (x: number | undefined, fallback: string) => (x === undefined ? fallback : String(x));
  return {
    epochs: s(hp.epochs, base.epochs),
    learningRate: s(hp.learningRate, base.learningRate),
    finalLearningRate: s(hp.finalLearningRate, base.finalLearningRate),
    beta1: s(hp.betas?.[0], base.beta1),
    beta2: s(hp.betas?.[1], base.beta2),
    weightDecay: s(hp.weightDecay, base.weightDecay),
    globalBatchSize: s(hp.globalBatchSize, base.globalBatchSize),
    microBatchSize: s(hp.microBatchSize, base.microBatchSize),
    maxLength: s(hp.maxLength, base.maxLength),
    method: hp.method ?? base.method,
    loraR: s(hp.lora?.r, base.loraR),
    loraAlpha: s(hp.lora?.alpha, base.loraAlpha),
    loraDropout: s(hp.lora?.dropout, base.loraDropout),
    precision: hp.precision ?? base.precision,
    gpus: s(hp.gpus, base.gpus),
    evalBackend: hp.evalBackend ?? base.evalBackend,
    maxNewTokens: s(hp.maxNewTokens, base.maxNewTokens),
    ifevalMaxNewTokens: s(hp.ifevalMaxNewTokens, base.ifevalMaxNewTokens),
    benchmarks: hp.benchmarks ? [...hp.benchmarks] : base.benchmarks,
    bestFromEpoch: s(hp.bestFromEpoch, base.bestFromEpoch),
  };
}

/**
 * What a policy stores after an edit: the values it already set, and those the user changed from what the form
 * first showed. Values left as the defaults stay unset, so its runs keep the server's defaults (the paper's
 * per-recipe epochs among them) rather than a copy of today's.
 */
export function policyOverrides(draft: HyperParamsDraft, initial: HyperParamsDraft, stored: Partial<HyperParams>): Partial<HyperParams> {
  const now = toHyperParams(draft);
  const before = toHyperParams(initial);
  const out: Partial<HyperParams> = {};
  for (const key of Object.keys(now) as Array<keyof HyperParams>) {
    if (key in stored || JSON.stringify(now[key]) !== JSON.stringify(before[key])) Object.assign(out, { [key]: now[key] });
  }
  return out;
}

/** What a policy's run gets for a value it does not set (server/experiments/hyper-params.ts): the paper's, and no benchmark. */
export const POLICY_DEFAULTS: HyperParamsDraft = { ...PAPER_DEFAULTS, benchmarks: [] };
