import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { AgreementService } from '../agreement/agreement.service';
import { env } from '../config/env';
import { EventsService } from '../events/events.service';
import type { RoundOutcome } from './review-round.entity';
import type { DecisionRow, RoundRow } from './reviews.repository';
import { publicDecision } from './public-decision';
import { ReviewQueriesService } from './review-queries.service';

/** Rooms the review workflow publishes to. */
export const ROOMS = {
  /** Queue depth per stage and ability: everyone who works the queue. */
  queue: 'queue',
  /** Decisions as they land and refreshed agreement statistics: leads and admins only. */
  leads: 'leads',
  user: (id: string) => `user:${id}`,
};

const QUEUE_REFRESH_MS = 2000;
/** Fewer bootstrap replicates for the pushed summary than for the API's default, to keep the refresh light. */
const LIVE_REPLICATES = 200;

/**
 * Pushes the workflow's live state. Per-decision events carry no decision while a round is open (blindness);
 * queue depth and statistics are recomputed at most every QUEUE_REFRESH_MS / LIVE_STATS_INTERVAL_MS, not per event.
 */
@Injectable()
export class ReviewsLiveService implements OnModuleDestroy {
  private readonly logger = new Logger(ReviewsLiveService.name);
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly events: EventsService,
    private readonly queries: ReviewQueriesService,
    private readonly agreement: AgreementService,
  ) {}

  onModuleDestroy(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  queueChanged(): void {
    this.debounce('queue', QUEUE_REFRESH_MS, async () => {
      await this.events.publish(ROOMS.queue, 'queue.depth', await this.queries.queueDepth());
    });
  }

  decisionSubmitted(round: RoundRow, outcome: RoundOutcome | null, decisions: DecisionRow[], reviewerId: string): void {
    const base = { roundId: round.id, itemId: Number(round.item_id), kind: round.kind, abilityId: round.ability_id };
    void this.safely(async () => {
      await this.events.publish(ROOMS.leads, 'review.submitted', { ...base, reviewsIn: decisions.length });
      if (outcome) await this.events.publish(ROOMS.leads, 'round.decided', { ...base, outcome, decisions: decisions.map(publicDecision) });
      // once a round is decided, each of its reviewers' My work shows the outcome and the co-reviewer's decision:
      // all of them are told, not only the one whose decision closed it (while it is open, only the submitter is)
      const told = outcome ? [...new Set([reviewerId, ...decisions.map((d) => d.reviewer_id)])] : [reviewerId];
      for (const id of told) await this.events.publish(ROOMS.user(id), 'work.changed', await this.queries.mine(id));
    });
    this.queueChanged();
    if (outcome) {
      this.debounce('stats', env().LIVE_STATS_INTERVAL_MS, async () => {
        await this.events.publish(ROOMS.leads, 'agreement.updated', await this.agreement.summary({ groupBy: 'ability', replicates: LIVE_REPLICATES }));
      });
    }
  }

  /** A reviewer changed an open round's decision: their own tally moves (approved today); nobody else is told (blind review). */
  decisionChanged(reviewerId: string): void {
    void this.safely(async () => {
      await this.events.publish(ROOMS.user(reviewerId), 'work.changed', await this.queries.mine(reviewerId));
    });
  }

  private debounce(key: string, ms: number, run: () => Promise<void>): void {
    if (this.timers.has(key)) return;
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.safely(run);
      }, ms),
    );
  }

  private async safely(run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (e) {
      this.logger.warn(`live update failed: ${(e as Error).message}`);
    }
  }
}
