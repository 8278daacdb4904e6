import { Inject, Injectable } from '@nestjs/common';
import type { HyperParams } from '../../experiments/experiment-views';
import type { BackendRequest } from '../backends/backend.types';
import type { EvaluationSuite } from '../evaluation-views';
import type { EvalUnit } from './answer-in-chunks';
import { EvaluationContextRepository } from './evaluation-context.repository';
import { EvaluationFailure } from './evaluation-failure';
import { EVAL_UNITS_SOURCE, type EvalUnitsSource } from './evaluation-ports';

/** The suites a checkpoint's evaluation scores: the in-domain abilities and the run's benchmarks. */
export function evaluationSuites(hyperParams: Partial<HyperParams>): EvaluationSuite[] {
  return ['in-domain', ...(hyperParams.benchmarks ?? [])];
}

/**
 * Every request an evaluation of these units asks, in order, each unit planned whole. The runner plans a chunk of
 * items at a time; each chunk's requests are some of these, with the same ids and texts (a benchmark chunk is planned
 * with its held-out exemplars, see suite-units.ts).
 */
export function planRequests(units: readonly EvalUnit[]): BackendRequest[] {
  return units.flatMap((u) => (u.items.length ? u.plan(u.items).requests : []));
}

/** Plans the evaluation a run's checkpoints will get, before the run trains (its trainer answers it after each epoch). */
@Injectable()
export class EvaluationPlanner {
  constructor(
    private readonly contexts: EvaluationContextRepository,
    @Inject(EVAL_UNITS_SOURCE) private readonly unitsSource: EvalUnitsSource,
  ) {}

  async requestsFor(experimentId: string): Promise<BackendRequest[]> {
    const ctx = await this.contexts.load(experimentId, null);
    if (!ctx) throw new EvaluationFailure(`Experiment ${experimentId} does not exist`);
    return planRequests(await this.unitsSource.units(ctx, evaluationSuites(ctx.hyperParams)));
  }
}
