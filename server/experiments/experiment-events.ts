import { Injectable } from '@nestjs/common';
import { EventsService } from '../events/events.service';
import type { ExperimentView, TrainingStepView } from './experiment-views';

export const EXPERIMENTS_ROOM = 'experiments';
export const experimentRoom = (id: string) => `experiment:${id}`;

/** socket.io fan-out of a run's state (every run's room and its own) and of its new training steps (its own room). */
@Injectable()
export class ExperimentEvents {
  constructor(private readonly events: EventsService) {}

  async progress(view: ExperimentView): Promise<void> {
    await this.events.publish(EXPERIMENTS_ROOM, 'experiment.progress', view);
    await this.events.publish(experimentRoom(view.id), 'experiment.progress', view);
  }

  async steps(experimentId: string, steps: TrainingStepView[]): Promise<void> {
    if (steps.length) await this.events.publish(experimentRoom(experimentId), 'experiment.steps', { experimentId, steps });
  }
}
