import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../common/current-user.decorator';
import { EventsService } from '../events/events.service';
import { ItemStatusRepository } from '../items/item-status.repository';
import { REVIEWERS } from '../reviews/reviewers';
import { ReviewsLiveService, ROOMS } from '../reviews/reviews-live.service';
import type { ActiveLease, PauseResult, ReviewerView } from './reviewer-views';
import { updateReturning } from '../sql/update-returning';

/** A paused reviser's revision leases go back to the queue (item life-cycle action return_revision). */
const RETURN_REVISION = ItemStatusRepository.guard('return_revision');

export type { ActiveLease } from './reviewer-views';

/** What leads do about the people in the queues: see who holds what, pause and resume them. */
@Injectable()
export class ReviewersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly events: EventsService,
    private readonly live: ReviewsLiveService,
  ) {}

  list(): Promise<ReviewerView[]> {
    return this.db.query(
      `SELECT u.id, u.name, u.email, u.role, u.active, u.paused,
              (SELECT count(*)::int FROM review_assignments a WHERE a.reviewer_id = u.id AND a.state = 'leased' AND a.expires_at > now())
            + (SELECT count(*)::int FROM revisions v WHERE v.reviser_id = u.id AND v.state = 'leased' AND v.expires_at > now())
            + (SELECT count(*)::int FROM distractor_tasks t WHERE t.author_id = u.id AND t.state = 'leased' AND t.expires_at > now())
              AS "activeLeases",
              w.today AS "reviewsToday", w.week AS "reviewsLast7Days"
       FROM users u
       -- a range scan of the (reviewer, submitted_at) index per reviewer
       CROSS JOIN LATERAL (
         SELECT count(*) FILTER (WHERE a.submitted_at >= date_trunc('day', now()))::int AS today, count(*)::int AS week
         FROM review_assignments a WHERE a.reviewer_id = u.id AND a.state = 'submitted' AND a.submitted_at >= now() - interval '7 days'
       ) w
       WHERE u.role = ANY ($1) ORDER BY u.name`,
      [REVIEWERS],
    );
  }

  activeLeases(): Promise<ActiveLease[]> {
    return this.db.query(`
      SELECT 'review' AS kind, a.id, r.item_id::int AS "itemId", a.reviewer_id AS "holderId", u.name AS "holderName",
             a.leased_at AS "leasedAt", a.expires_at AS "expiresAt"
      FROM review_assignments a JOIN review_rounds r ON r.id = a.round_id JOIN users u ON u.id = a.reviewer_id
      WHERE a.state = 'leased' AND a.expires_at > now()
      UNION ALL
      SELECT 'revision', v.id, v.item_id::int, v.reviser_id, u.name, v.leased_at, v.expires_at
      FROM revisions v JOIN users u ON u.id = v.reviser_id WHERE v.state = 'leased' AND v.expires_at > now()
      UNION ALL
      SELECT 'distractor', t.id, t.item_id::int, t.author_id, u.name, t.leased_at, t.expires_at
      FROM distractor_tasks t JOIN users u ON u.id = t.author_id WHERE t.state = 'leased' AND t.expires_at > now()
      ORDER BY "expiresAt"`);
  }

  /** Pausing also hands the reviewer's current leases back, so their items do not wait for the lease to expire. */
  async setPaused(actor: AuthUser, reviewerId: string, paused: boolean): Promise<PauseResult> {
    const released = await this.db.transaction(async (m) => {
      const [user] = await m.query(`SELECT id, paused FROM users WHERE id = $1 AND role = ANY ($2) FOR UPDATE`, [reviewerId, REVIEWERS]);
      if (!user) throw new NotFoundException(`Reviewer ${reviewerId} not found`);
      await m.query(`UPDATE users SET paused = $2, updated_at = now() WHERE id = $1`, [reviewerId, paused]);
      await this.audit.append({ actorId: actor.id, entity: 'user', entityId: reviewerId, action: paused ? 'pause' : 'resume', before: { paused: user.paused }, after: { paused } }, m);
      if (!paused) return 0;
      const reviews = await updateReturning(
        m,
        `WITH gone AS (
           UPDATE review_assignments SET state = 'released' WHERE reviewer_id = $1 AND state = 'leased' RETURNING round_id
         ) UPDATE review_rounds r SET open_slots = r.open_slots + 1 FROM gone WHERE r.id = gone.round_id RETURNING r.id`,
        [reviewerId],
      );
      const revisions = await updateReturning(
        m,
        `WITH gone AS (UPDATE revisions SET state = 'released' WHERE reviser_id = $1 AND state = 'leased' RETURNING item_id)
         UPDATE items i SET status = $3, updated_at = now() FROM gone WHERE i.id = gone.item_id AND i.status = ANY ($2::text[]) RETURNING i.id`,
        [reviewerId, RETURN_REVISION.from, RETURN_REVISION.to],
      );
      const tasks = await updateReturning(m, `UPDATE distractor_tasks SET state = 'released' WHERE author_id = $1 AND state = 'leased' RETURNING id`, [
        reviewerId,
      ]);
      return reviews.length + revisions.length + tasks.length;
    });
    await this.events.publish(ROOMS.user(reviewerId), 'queue.paused', { paused });
    if (released) this.live.queueChanged();
    return { id: reviewerId, paused, leasesReleased: released };
  }
}
