import { Injectable, Logger, OnModuleInit, Optional } from '@nestjs/common';
import { EventsService } from '../events/events.service';
import { RunLandedHooks } from '../events/run-landed-hooks';
import { StudyRuns } from './growth-selection';
import { GROWTH_ROOM, GROWTH_UPDATED, type GrowthUpdatedEvent } from './growth-views';

/**
 * Live growth curves (issue 13 item 2): when a run's results land (RunLandedHooks: an evaluation of one of its
 * checkpoints completed, or the run finished), `growth.updated` goes to the room `growth`
 * naming the run and the studies it belongs to (where the studies domain says), so an open growth page re-reads
 * exactly the curves that changed. Published through EventsService (Postgres), so it reaches every server instance
 * from whichever process ran the evaluation.
 */
@Injectable()
export class GrowthLive implements OnModuleInit {
  private readonly logger = new Logger(GrowthLive.name);

  constructor(
    private readonly landed: RunLandedHooks,
    private readonly events: EventsService,
    @Optional() private readonly studies?: StudyRuns,
  ) {}

  onModuleInit(): void {
    this.landed.on((experimentId) => this.runLanded(experimentId));
  }

  async runLanded(experimentId: string): Promise<void> {
    const experimentIds = [experimentId];
    let studyIds: number[] = [];
    try {
      studyIds = (await this.studies?.studyIdsOf?.(experimentIds)) ?? [];
    } catch (err) {
      this.logger.warn(`growth.updated for ${experimentId} names no study: ${(err as Error).message}`);
    }
    await this.events.publish(GROWTH_ROOM, GROWTH_UPDATED, { experimentIds, studyIds } satisfies GrowthUpdatedEvent);
  }
}
