import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EvaluationResultsRepository } from './evaluation-results.repository';
import { abilityScores } from './runner/ability-scores';

export interface BackfillProgress {
  /** Scores without an interval when the backfill started. */
  total: number;
  /** Of those, summarised so far. */
  filled: number;
  /** Left without one: their evaluation has no per-item result for their group (scores entered by hand, results deleted). */
  unfilled: number;
  /** Evaluations read so far. */
  evaluations: number;
  percent: number;
}

/** Evaluations read per page; each is recomputed and written in its own transaction. */
const PAGE = 50;

/**
 * Fills the summaries of ability scores stored before intervals were (issue 13 item 2): for every evaluation with a
 * score whose interval is NULL, its groups are recomputed from its per-item results exactly as a landing evaluation
 * computes them (abilityScores: summariseGroup's mean and interval, the gold-answer loss where measured), and only the
 * NULL rows are written. Idempotent (a summarised row is never touched again) and resumable (each evaluation commits
 * on its own; a stopped run picks up what is still NULL). A score whose group has no per-item results stays NULL,
 * counted as `unfilled`, and is passed over, so the run ends.
 */
@Injectable()
export class ScoreSummariesBackfill {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly results: EvaluationResultsRepository,
  ) {}

  async run(opts: { onProgress?: (p: BackfillProgress) => void; signal?: AbortSignal } = {}): Promise<BackfillProgress> {
    const total = await this.results.countMissingSummaries();
    const p: BackfillProgress = { total, filled: 0, unfilled: 0, evaluations: 0, percent: total === 0 ? 100 : 0 };
    opts.onProgress?.({ ...p });
    let after: string | null = null;
    while (!opts.signal?.aborted) {
      const page = await this.results.evaluationsMissingSummaries(after, PAGE);
      if (page.length === 0) break;
      for (const id of page) {
        if (opts.signal?.aborted) break;
        const { filled, missing } = await this.db.transaction(async (m) => {
          const before = await this.results.countMissingSummaries(id, m);
          const filled = await this.results.fillMissingSummaries(id, abilityScores(await this.results.verdicts(id, m)), m);
          return { filled, missing: before };
        });
        p.filled += filled;
        p.unfilled += missing - filled;
        p.evaluations++;
        p.percent = total === 0 ? 100 : Math.min(100, Math.round(((p.filled + p.unfilled) / total) * 1000) / 10);
        opts.onProgress?.({ ...p });
        after = id;
      }
    }
    return p;
  }
}
