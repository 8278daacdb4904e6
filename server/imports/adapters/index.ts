/** The adapter registry: every spec is validated when this module loads (defineAdapter). */
import type { AdapterSpec } from './adapter-spec.types';
import { agievalAdapter } from './specs/agieval.adapter';
import { alpacaAdapter } from './specs/alpaca.adapter';
import { belleEvalAdapter } from './specs/belle-eval.adapter';
import { c3Adapter } from './specs/c3.adapter';
import { cevalAdapter } from './specs/ceval.adapter';
import { cmmluAdapter } from './specs/cmmlu.adapter';
import { coigExamAdapter } from './specs/coig-exam.adapter';
import { coigHumanValueAdapter } from './specs/coig-human-value.adapter';
import { csvAdapter } from './specs/csv.adapter';
import { glanAdapter } from './specs/glan.adapter';
import { ifevalAdapter } from './specs/ifeval.adapter';
import { leetcodeAdapter } from './specs/leetcode.adapter';
import { logiqa2Adapter } from './specs/logiqa2.adapter';
import { mcqCsvAdapter } from './specs/mcq-csv.adapter';
import { messagesAdapter } from './specs/messages.adapter';
import { prm800kAdapter } from './specs/prm800k.adapter';
import { sharegptAdapter } from './specs/sharegpt.adapter';

export { applyAdapter } from './adapter-engine';
export { AdapterSpecError, defineAdapter, validateSpec } from './spec-validator';
export type * from './adapter-spec.types';

const ADAPTERS: ReadonlyMap<string, Readonly<AdapterSpec>> = new Map(
  [
    messagesAdapter,
    alpacaAdapter,
    sharegptAdapter,
    csvAdapter,
    logiqa2Adapter,
    c3Adapter,
    prm800kAdapter,
    coigHumanValueAdapter,
    coigExamAdapter,
    belleEvalAdapter,
    leetcodeAdapter,
    cmmluAdapter,
    agievalAdapter,
    cevalAdapter,
    mcqCsvAdapter,
    ifevalAdapter,
    glanAdapter,
  ].map((spec) => [spec.key, spec]),
);

export function getAdapter(key: string): Readonly<AdapterSpec> {
  const spec = ADAPTERS.get(key);
  if (!spec) throw new Error(`unknown adapter '${key}'; known adapters: ${[...ADAPTERS.keys()].join(', ')}`);
  return spec;
}

/** Generic adapters first, then source adapters. */
export function listAdapters(): Array<Readonly<AdapterSpec>> {
  return [...ADAPTERS.values()];
}
