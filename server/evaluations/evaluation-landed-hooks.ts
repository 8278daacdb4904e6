import { Injectable, Logger } from '@nestjs/common';

/** An evaluation of a run's checkpoint (or of its untuned base model) that has just completed, its scores stored. */
export interface EvaluationLanded {
  evaluationId: string;
  experimentId: string;
  epoch: number;
}

export type EvaluationLandedListener = (landed: EvaluationLanded) => Promise<void>;

/**
 * Other domains' reactions to a completed evaluation (the growth curves telling open pages, forecasts being checked),
 * called by the evaluation runner once the scores are committed, without evaluations importing those domains. A
 * listener that throws is logged and neither undoes the evaluation nor stops the other listeners.
 */
@Injectable()
export class EvaluationLandedHooks {
  private readonly logger = new Logger(EvaluationLandedHooks.name);
  private readonly listeners: EvaluationLandedListener[] = [];

  on(listener: EvaluationLandedListener): void {
    this.listeners.push(listener);
  }

  async emit(landed: EvaluationLanded): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await listener(landed);
      } catch (e) {
        this.logger.error(`a listener of evaluation ${landed.evaluationId} failed: ${(e as Error).stack ?? e}`);
      }
    }
  }
}
