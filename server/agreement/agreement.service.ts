import { Injectable } from '@nestjs/common';
import { AgreementRepository, type AgreementFilter, type GroupBy, type PatternCount } from './agreement.repository';
import { groupAgreement, pairAgreement, type GroupAgreement, type PairAgreement } from './agreement-stats';

export interface AgreementQuery extends Partial<AgreementFilter> {
  groupBy?: GroupBy;
  /** Bootstrap replicates per interval (default 1000). */
  replicates?: number;
}

/** Fixed so the same data always gives the same intervals. */
const BOOTSTRAP_SEED = 20240601;

@Injectable()
export class AgreementService {
  constructor(private readonly repo: AgreementRepository) {}

  async summary(q: AgreementQuery): Promise<{ groupBy: GroupBy; groups: GroupAgreement[]; computedAt: Date }> {
    const groupBy = q.groupBy ?? 'ability';
    const patterns = await this.repo.patterns(groupBy, filterOf(q));
    const groups = new Map<string, { label: string; rows: PatternCount[] }>();
    for (const p of patterns) {
      const g = groups.get(p.key) ?? { label: p.label, rows: [] };
      g.rows.push(p);
      groups.set(p.key, g);
    }
    const replicates = q.replicates ?? 1000;
    const out = [...groups].map(([key, g]) => groupAgreement(key, g.label, g.rows, replicates, BOOTSTRAP_SEED));
    out.sort((a, b) => (groupBy === 'week' ? a.key.localeCompare(b.key) : b.rounds - a.rounds || a.label.localeCompare(b.label)));
    return { groupBy, groups: out, computedAt: new Date() };
  }

  /** Cohen's κ for every reviewer pair (the heatmap) and the matrix's mean. */
  async pairs(q: AgreementQuery): Promise<{ reviewers: { id: string; name: string }[]; pairs: PairAgreement[]; meanCohenKappa: number | null }> {
    const patterns = await this.repo.patterns('none', filterOf(q));
    const pairs = pairAgreement(patterns, q.replicates ?? 1000, BOOTSTRAP_SEED);
    const ids = [...new Set(pairs.flatMap((p) => [p.reviewerA, p.reviewerB]))];
    const reviewers = (await this.repo.reviewerNames(ids)).sort((a, b) => a.name.localeCompare(b.name));
    const defined = pairs.map((p) => p.cohenKappa.estimate).filter((k): k is number => k !== null);
    return { reviewers, pairs, meanCohenKappa: defined.length ? defined.reduce((s, k) => s + k, 0) / defined.length : null };
  }

  reviewers(q: AgreementQuery) {
    return this.repo.reviewers(filterOf(q));
  }
}

function filterOf(q: AgreementQuery): AgreementFilter {
  return { subject: q.subject ?? 'items', abilityId: q.abilityId, sourceId: q.sourceId, from: q.from, to: q.to };
}
