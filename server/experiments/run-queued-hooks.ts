import { Injectable, Logger } from '@nestjs/common';
import type { ExperimentView } from './experiment-views';

export type RunQueuedListener = (run: ExperimentView) => Promise<void>;
/** An identical existing run was answered instead of a new one; `policyId`: the policy that asked, if one did. */
export type RunReusedListener = (run: ExperimentView, by: { policyId: number | null }) => Promise<void>;

/**
 * Other domains' reactions to a newly registered run (a study attaching it, a forecast recorded for its points),
 * called by ExperimentsService.createRun once the row exists with its train counts. A listener that throws is
 * logged and does not undo the run or stop the other listeners.
 */
@Injectable()
export class RunQueuedHooks {
  private readonly logger = new Logger(RunQueuedHooks.name);
  private readonly listeners: RunQueuedListener[] = [];
  private readonly reusedListeners: RunReusedListener[] = [];

  on(listener: RunQueuedListener): void {
    this.listeners.push(listener);
  }

  async emit(run: ExperimentView): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await listener(run);
      } catch (e) {
        this.logger.error(`a listener of run ${run.id} (${run.name}) failed: ${(e as Error).stack ?? e}`);
      }
    }
  }

  /** Reactions to a request answered with an identical existing run (a following study's policy joining it to the study). */
  onReused(listener: RunReusedListener): void {
    this.reusedListeners.push(listener);
  }

  async emitReused(run: ExperimentView, by: { policyId: number | null }): Promise<void> {
    for (const listener of this.reusedListeners) {
      try {
        await listener(run, by);
      } catch (e) {
        this.logger.error(`a reuse listener of run ${run.id} (${run.name}) failed: ${(e as Error).stack ?? e}`);
      }
    }
  }
}
