import { BadRequestException, Injectable } from '@nestjs/common';
import { AgreementRepository, type AgreementFilter, type GroupBy } from './agreement.repository';
import { groupAgreement, pairAgreements, resamplesPairByPair } from './agreement-stats';
import type { AgreementPairs, AgreementSummary, ReviewerFigures } from './agreement-views';

export interface AgreementQuery extends Partial<AgreementFilter> {
  groupBy?: GroupBy;
  /** Bootstrap replicates per interval (default 1000). */
  replicates?: number;
  /** Pair endpoint: compute a bootstrap interval for each pair's κ. */
  intervals?: boolean;
}

/** Fixed so the same data always gives the same intervals. */
const BOOTSTRAP_SEED = 20240601;
const PAIR_REPLICATES = 200;

@Injectable()
export class AgreementService {
  constructor(private readonly repo: AgreementRepository) {}

  async summary(q: AgreementQuery): Promise<AgreementSummary> {
    const groupBy = q.groupBy ?? 'ability';
    const replicates = q.replicates ?? 1000;
    const counts = await this.repo.groupCounts(groupBy, filterOf(q));
    const small = counts.filter((g) => resamplesPairByPair(g.pairs, replicates)).map((g) => g.key);
    const tables = await this.repo.groupPairTables(groupBy, filterOf(q), small);
    const groups = counts.map((g) => groupAgreement(g, replicates, BOOTSTRAP_SEED, tables.get(g.key)));
    groups.sort((a, b) => (groupBy === 'week' ? a.key.localeCompare(b.key) : b.rounds - a.rounds || a.label.localeCompare(b.label)));
    return { groupBy, groups, computedAt: new Date() };
  }

  /**
   * Cohen's κ for every reviewer pair (the heatmap) and the matrix's mean. Bootstrap intervals per pair only when
   * asked (`intervals`), with PAIR_REPLICATES replicates unless told otherwise: 200 reviewers make ~20,000 pairs.
   */
  async pairs(q: AgreementQuery): Promise<AgreementPairs> {
    allTime(q);
    if (q.sourceId) throw new BadRequestException('sourceId: pair tables are kept per ability; narrow them by abilityId');
    const tables = await this.repo.pairTables(filterOf(q));
    const pairs = pairAgreements(tables, q.intervals ? (q.replicates ?? PAIR_REPLICATES) : 0, BOOTSTRAP_SEED);
    const ids = [...new Set(pairs.flatMap((p) => [p.reviewerA, p.reviewerB]))];
    const reviewers = (await this.repo.reviewerNames(ids)).sort((a, b) => a.name.localeCompare(b.name));
    const defined = pairs.map((p) => p.cohenKappa.estimate).filter((k): k is number => k !== null);
    return { reviewers, pairs, meanCohenKappa: defined.length ? defined.reduce((s, k) => s + k, 0) / defined.length : null };
  }

  reviewers(q: AgreementQuery): Promise<ReviewerFigures[]> {
    allTime(q);
    return this.repo.reviewers(filterOf(q));
  }
}

function allTime(q: AgreementQuery): void {
  if (q.from || q.to) throw new BadRequestException('from/to: pair and reviewer figures cover all time; narrow them by abilityId');
}

function filterOf(q: AgreementQuery): AgreementFilter {
  return { subject: q.subject ?? 'items', abilityId: q.abilityId, sourceId: q.sourceId, from: q.from, to: q.to };
}
