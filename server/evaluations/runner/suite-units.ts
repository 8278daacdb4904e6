import { Injectable } from '@nestjs/common';
import type { EvaluationSuite } from '../evaluation-views';
import { planInDomain } from '../suites/in-domain.suite';
import type { EvalItem } from '../suites/suite.types';
import type { EvalUnit } from './answer-in-chunks';
import type { EvaluationContext } from './evaluation-context.repository';
import type { EvalUnitsSource } from './evaluation-ports';
import { VersionEvalItemsRepository } from './version-eval-items.repository';

/** DoIT's generation budget when an experiment does not set one. */
const DEFAULT_MAX_NEW_TOKENS = 512;

/** The in-domain unit (the version's validation and test items) and, per `hyperParams.benchmarks`, 0- and 5-shot benchmark units. */
@Injectable()
export class SuiteUnitsSource implements EvalUnitsSource {
  constructor(private readonly versionItems: VersionEvalItemsRepository) {}

  async units(ctx: EvaluationContext, suites: readonly EvaluationSuite[]): Promise<EvalUnit[]> {
    const units: EvalUnit[] = [];
    for (const suite of suites) {
      if (suite === 'in-domain') {
        const maxNewTokens = ctx.hyperParams.maxNewTokens ?? DEFAULT_MAX_NEW_TOKENS;
        units.push({ suite, shots: 0, items: await this.versionItems.evalItems(ctx.versionId), plan: (items) => planInDomain(items, { maxNewTokens }) });
      } else {
        throw new Error(`suite ${suite}: benchmark items are not available in this build`);
      }
    }
    return units;
  }
}

/** Items of one ability, in order, with the held-out ones (`heldOut`) first: what a chunk of a benchmark is planned with. */
export function withHeldOut(chunk: EvalItem[], heldOut: ReadonlyMap<string, EvalItem[]>): EvalItem[] {
  const inChunk = new Set(chunk.map((i) => i.itemId));
  const abilities = [...new Set(chunk.map((i) => i.ability))];
  const prefix = abilities.flatMap((a) => (heldOut.get(a) ?? []).filter((i) => !inChunk.has(i.itemId)));
  return [...prefix, ...chunk];
}
