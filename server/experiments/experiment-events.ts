import { Injectable, Logger } from '@nestjs/common';
import { EventsService } from '../events/events.service';
import type { ExperimentView, TrainingStepView } from './experiment-views';

export const EXPERIMENTS_ROOM = 'experiments';
export const experimentRoom = (id: string) => `experiment:${id}`;

export type ProgressListener = (view: ExperimentView) => Promise<void>;

/**
 * socket.io fan-out of a run's state (every run's room and its own) and of its new training steps (its own room).
 * Other domains follow a run's state through `onProgress` (a study republishes its progress) without this domain
 * knowing them; a listener that throws is logged and does not disturb the run or the other listeners.
 */
@Injectable()
export class ExperimentEvents {
  private readonly logger = new Logger(ExperimentEvents.name);
  private readonly listeners: ProgressListener[] = [];

  constructor(private readonly events: EventsService) {}

  onProgress(listener: ProgressListener): void {
    this.listeners.push(listener);
  }

  async progress(view: ExperimentView): Promise<void> {
    await this.events.publish(EXPERIMENTS_ROOM, 'experiment.progress', view);
    await this.events.publish(experimentRoom(view.id), 'experiment.progress', view);
    for (const listener of this.listeners) {
      try {
        await listener(view);
      } catch (e) {
        this.logger.error(`a progress listener of run ${view.id} failed: ${(e as Error).stack ?? e}`);
      }
    }
  }

  async steps(experimentId: string, steps: TrainingStepView[]): Promise<void> {
    if (steps.length) await this.events.publish(experimentRoom(experimentId), 'experiment.steps', { experimentId, steps });
  }
}
