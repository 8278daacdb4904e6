import { BadRequestException, Injectable } from '@nestjs/common';
import { AgreementRepository, type AgreementFilter, type GroupBy } from './agreement.repository';
import { groupAgreement, groupPassRate, pairAgreements, pairOverview, resamplesPairByPair } from './agreement-stats';
import type { AgreementPairs, AgreementSummary, GroupPassRate, PassRates, ReviewerFigures } from './agreement-views';
import { VersionedCache } from './versioned-cache';

export interface AgreementQuery extends Partial<AgreementFilter> {
  groupBy?: GroupBy;
  /** Bootstrap replicates per interval (default 1000). */
  replicates?: number;
  /** Pair endpoint: compute a bootstrap interval for each pair's κ. */
  intervals?: boolean;
  /** Pair endpoint: show only the pairs among this many reviewers, those with the most paired rounds. */
  top?: number;
}

/** Fixed so the same data always gives the same intervals. */
const BOOTSTRAP_SEED = 20240601;
const PAIR_REPLICATES = 200;

/**
 * Agreement statistics from the running counts. The bootstrap intervals cost seconds of CPU at a million reviews, so
 * each answer is kept (VersionedCache) until the counts it was computed from change: a decided round, a counted
 * review or a renamed user gives the next read a fresh computation, so live updates stay exact.
 */
@Injectable()
export class AgreementService {
  private readonly cache = new VersionedCache();

  constructor(private readonly repo: AgreementRepository) {}

  async summary(q: AgreementQuery): Promise<AgreementSummary> {
    const groupBy = q.groupBy ?? 'ability';
    const replicates = q.replicates ?? 1000;
    const f = filterOf(q);
    const { cells } = await this.repo.countsVersion();
    return this.cache.get(`summary ${JSON.stringify({ groupBy, replicates, ...f })}`, cells, async () => {
      const counts = await this.repo.groupCounts(groupBy, f);
      const small = counts.filter((g) => resamplesPairByPair(g.pairs, replicates)).map((g) => g.key);
      const tables = await this.repo.groupPairTables(groupBy, f, small);
      const groups = counts.map((g) => groupAgreement(g, replicates, BOOTSTRAP_SEED, tables.get(g.key)));
      sortGroups(groupBy, groups);
      return { groupBy, groups, computedAt: new Date() };
    });
  }

  /** Each group's pass rate from the unit counts alone: no pair tables, no bootstrap, so it answers in milliseconds. */
  async passRates(q: AgreementQuery): Promise<PassRates> {
    const groupBy = q.groupBy ?? 'ability';
    const groups = (await this.repo.groupCounts(groupBy, filterOf(q), { pairs: false })).map(groupPassRate);
    sortGroups(groupBy, groups);
    return { groupBy, groups };
  }

  /**
   * Cohen's κ for every reviewer pair (the heatmap) and the matrix's mean. Bootstrap intervals per pair only when
   * asked (`intervals`), with PAIR_REPLICATES replicates unless told otherwise: 200 reviewers make ~20,000 pairs, so a
   * heatmap asks for the `top` reviewers only and the intervals of their pairs alone are computed. The per-reviewer
   * means and the matrix's mean are point estimates over every pair either way.
   */
  async pairs(q: AgreementQuery): Promise<AgreementPairs> {
    allTime(q);
    if (q.sourceId) throw new BadRequestException('sourceId: pair tables are kept per ability; narrow them by abilityId');
    const f = filterOf(q);
    const replicates = q.intervals ? (q.replicates ?? PAIR_REPLICATES) : 0;
    const v = await this.repo.countsVersion();
    return this.cache.get(`pairs ${JSON.stringify({ replicates, top: q.top, ...f })}`, `${v.cells} ${v.people}`, async () => {
      const tables = await this.repo.pairTables(f);
      const { shown, ...all } = pairOverview(tables, q.top);
      const pairs = pairAgreements(shown, replicates, BOOTSTRAP_SEED);
      const ids = [...new Set(shown.flatMap((p) => [p.reviewerA, p.reviewerB]))];
      const reviewers = (await this.repo.reviewerNames(ids)).sort((a, b) => a.name.localeCompare(b.name));
      return { reviewers, pairs, ...all };
    });
  }

  async reviewers(q: AgreementQuery): Promise<ReviewerFigures[]> {
    allTime(q);
    const f = filterOf(q);
    const v = await this.repo.countsVersion();
    return this.cache.get(`reviewers ${JSON.stringify(f)}`, `${v.reviewers} ${v.people}`, () => this.repo.reviewers(f));
  }
}

function sortGroups(groupBy: GroupBy, groups: GroupPassRate[]): void {
  groups.sort((a, b) => (groupBy === 'week' ? a.key.localeCompare(b.key) : b.rounds - a.rounds || a.label.localeCompare(b.label)));
}

function allTime(q: AgreementQuery): void {
  if (q.from || q.to) throw new BadRequestException('from/to: pair and reviewer figures cover all time; narrow them by abilityId');
}

function filterOf(q: AgreementQuery): AgreementFilter {
  return { subject: q.subject ?? 'items', abilityId: q.abilityId, sourceId: q.sourceId, from: q.from, to: q.to };
}
