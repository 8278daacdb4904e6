import { Injectable, Logger } from '@nestjs/common';

export type RunLandedListener = (experimentId: string) => Promise<void>;

/**
 * In-process reactions to a run's results landing: an evaluation of one of its checkpoints completed, or the run
 * itself finished. Fired by the evaluation runner and the training runner, which do not know who listens (the
 * forecasts check theirs once the run's reported checkpoint is final). Listeners decide themselves whether the run
 * is ready; they are called in the process that did the work (the worker, or the server's in-process worker), so
 * the modules that listen are imported there too. A listener that throws is logged and stops nothing.
 */
@Injectable()
export class RunLandedHooks {
  private readonly logger = new Logger(RunLandedHooks.name);
  private readonly listeners: RunLandedListener[] = [];

  on(listener: RunLandedListener): void {
    this.listeners.push(listener);
  }

  async emit(experimentId: string): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await listener(experimentId);
      } catch (e) {
        this.logger.error(`a listener of run ${experimentId} landing failed: ${(e as Error).stack ?? e}`);
      }
    }
  }
}
