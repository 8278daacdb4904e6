import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { PaceQueueRequest, PaceQueueView } from '../growth/growth-views';
import { GuidanceRepository } from './guidance.repository';
import { GuidanceService } from './guidance.service';

export const DEFAULT_PACE_HOURS = 10;

/**
 * The pace-guided review queue's settings (issue 13 item 6): a lead turns it on for a study (or the default line)
 * and a number of hours; the weights of the annotation-hours ranking are computed then and stored as the lead saw
 * them, and POST /reviews/next (no ability given) prefers abilities by them inside each stage (see the
 * PaceGuidedQueue migration). Turning it on again recomputes them; turning it off keeps the last ones visible.
 */
@Injectable()
export class PaceQueueService {
  constructor(
    private readonly repo: GuidanceRepository,
    private readonly guidance: GuidanceService,
    private readonly audit: AuditService,
  ) {}

  async get(): Promise<PaceQueueView> {
    const row = await this.repo.paceSettings();
    return row ?? { enabled: false, studyId: null, hours: DEFAULT_PACE_HOURS, weights: [], updatedAt: null, updatedBy: null };
  }

  async set(req: PaceQueueRequest, actorId: string): Promise<PaceQueueView> {
    const before = await this.get();
    const studyId = req.studyId === undefined ? before.studyId : req.studyId;
    const hours = req.hours ?? before.hours;
    let weights = before.weights;
    if (req.enabled) {
      const ranking = await this.guidance.hours({ studyId: studyId ?? undefined, hours });
      weights = ranking.abilities.map((a) => ({ ability: a.ability, weight: a.weight, rank: a.rank }));
    }
    await this.repo.savePaceSettings({ enabled: req.enabled, studyId, hours, weights }, actorId);
    const after = await this.get();
    await this.audit.append({ actorId, entity: 'pace_queue', entityId: '1', action: 'update', before, after });
    return after;
  }
}
