import { Injectable, NotFoundException } from '@nestjs/common';
import { selectBestCheckpoint } from '../experiments/checkpoint-selection';
import { bestFromEpoch } from '../experiments/hyper-params';
import { EvaluationResultsRepository } from './evaluation-results.repository';
import type { EpochScoresView, ExperimentScoresView } from './evaluation-views';
import { EvaluationRow, EvaluationsRepository } from './evaluations.repository';
import { inDomainAverage } from './runner/ability-scores';
import { EvaluationContextRepository } from './runner/evaluation-context.repository';

/** An experiment's per-ability scores per epoch and its best checkpoint. */
@Injectable()
export class EvaluationScoresService {
  constructor(
    private readonly evaluations: EvaluationsRepository,
    private readonly results: EvaluationResultsRepository,
    private readonly contexts: EvaluationContextRepository,
  ) {}

  async experimentScores(experimentId: string): Promise<ExperimentScoresView> {
    const experiment = await this.contexts.experiment(experimentId);
    if (!experiment) throw new NotFoundException(`Experiment ${experimentId} not found`);
    const chosen = pickPerEpoch(await this.evaluations.listForExperiment(experimentId), experiment.hyperParams.evalBackend);
    const scores = await this.results.scores(chosen.map((e) => e.id));
    const epochs: EpochScoresView[] = chosen.map((e) => {
      const own = scores.filter((s) => s.evaluationId === e.id).map(({ evaluationId: _, ...s }) => s);
      return {
        epoch: e.epoch,
        evaluationId: e.id,
        backend: e.backend,
        scores: own,
        validationAverage: inDomainAverage(own, 'valid'),
        testAverage: inDomainAverage(own, 'test'),
      };
    });
    return { experimentId, epochs, best: bestOf(epochs, bestFromEpoch(experiment.hyperParams)) };
  }

  /** For the experiments list: the best checkpoint so far (null until an epoch ≥ the run's bestFromEpoch is scored). */
  async best(experimentId: string): Promise<ExperimentScoresView['best']> {
    return (await this.experimentScores(experimentId)).best;
  }
}

/** One completed evaluation per epoch: the experiment's own back-end when it has one, else the latest finished. */
function pickPerEpoch(rows: EvaluationRow[], preferred: string | undefined): EvaluationRow[] {
  const byEpoch = new Map<number, EvaluationRow>();
  for (const r of rows) {
    if (r.status !== 'completed') continue;
    const current = byEpoch.get(r.epoch);
    const better =
      !current ||
      (r.backend === preferred) !== (current.backend === preferred)
        ? !current || r.backend === preferred
        : (r.finishedAt?.getTime() ?? 0) > (current.finishedAt?.getTime() ?? 0);
    if (better) byEpoch.set(r.epoch, r);
  }
  return [...byEpoch.values()].sort((a, b) => a.epoch - b.epoch);
}

function bestOf(epochs: EpochScoresView[], minEpoch: number): ExperimentScoresView['best'] {
  const candidates = epochs.flatMap((e) =>
    e.validationAverage !== null && e.testAverage !== null ? [{ epoch: e.epoch, validation: e.validationAverage, test: e.testAverage }] : [],
  );
  return selectBestCheckpoint(candidates, minEpoch);
}
