import { Injectable, Logger, OnModuleInit, Optional } from '@nestjs/common';
import { EvaluationLandedHooks, type EvaluationLanded } from '../evaluations/evaluation-landed-hooks';
import { EventsService } from '../events/events.service';
import { StudyRuns } from './growth-selection';
import { GROWTH_ROOM, GROWTH_UPDATED, type GrowthUpdatedEvent } from './growth-views';

/**
 * Live growth curves (issue 13 item 2): when an evaluation of a run lands, `growth.updated` goes to the room `growth`
 * naming the run and the studies it belongs to (where the studies domain says), so an open growth page re-reads
 * exactly the curves that changed. Published through EventsService (Postgres), so it reaches every server instance
 * from whichever process ran the evaluation.
 */
@Injectable()
export class GrowthLive implements OnModuleInit {
  private readonly logger = new Logger(GrowthLive.name);

  constructor(
    private readonly landed: EvaluationLandedHooks,
    private readonly events: EventsService,
    @Optional() private readonly studies?: StudyRuns,
  ) {}

  onModuleInit(): void {
    this.landed.on((e) => this.evaluationLanded(e));
  }

  async evaluationLanded(e: EvaluationLanded): Promise<void> {
    const experimentIds = [e.experimentId];
    let studyIds: number[] = [];
    try {
      studyIds = (await this.studies?.studyIdsOf?.(experimentIds)) ?? [];
    } catch (err) {
      this.logger.warn(`growth.updated for ${e.experimentId} names no study: ${(err as Error).message}`);
    }
    await this.events.publish(GROWTH_ROOM, GROWTH_UPDATED, { experimentIds, studyIds } satisfies GrowthUpdatedEvent);
  }
}
