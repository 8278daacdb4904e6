import {
  bootstrapCi,
  cohenKappa,
  fleissKappa,
  gwetAc1,
  gwetAc1Table,
  krippendorffAlpha,
  multinomial,
  percentAgreement,
  percentileInterval,
  percentAgreementTable,
  type BootstrapInterval,
  type Coefficient,
  type Random,
  type WeightedUnit,
} from './stats';
import type { GroupCounts, PairTable, Table2x2 } from './agreement.repository';

/**
 * Table redraws (about 1 µs each) a group may spend on the within-pair bootstrap of its mean κ; past it (200
 * reviewers make ~20,000 pairs) the pairs themselves are resampled, which costs an array read per pair.
 */
const WITHIN_PAIR_WORK = 50_000;

export interface Estimate {
  estimate: Coefficient;
  low: Coefficient;
  high: Coefficient;
}

export interface GroupAgreement {
  key: string;
  label: string;
  /** Decided rounds (two decisions each). */
  rounds: number;
  /** Share of rounds both reviewers approved. */
  passRate: number;
  percentAgreement: Estimate;
  krippendorffAlpha: Estimate;
  fleissKappa: Estimate;
  gwetAc1: Estimate;
  /**
   * Mean of Cohen's κ over the reviewer pairs in the group (pairs change from item to item); the interval resamples
   * each pair's items. Null estimate where the group has no pair tables (by source or week, or within a time range).
   */
  meanCohenKappa: Estimate;
  reviewerPairs: number | null;
}

export interface PairAgreement {
  reviewerA: string;
  reviewerB: string;
  rounds: number;
  percentAgreement: Coefficient;
  cohenKappa: Estimate;
  gwetAc1: Coefficient;
}

/** Accept/reject with two reviewers per round: a round is a unit with counts [approvals, rejections]. */
export function unitsOf(g: Pick<GroupCounts, 'bothApprove' | 'split' | 'bothReject'>): WeightedUnit[] {
  return [
    { counts: [2, 0], weight: g.bothApprove },
    { counts: [1, 1], weight: g.split },
    { counts: [0, 2], weight: g.bothReject },
  ].filter((u) => u.weight > 0);
}

const NO_ESTIMATE: Estimate = { estimate: null, low: null, high: null };

function interval(ci: BootstrapInterval): Estimate {
  return { estimate: ci.estimate, low: ci.low, high: ci.high };
}

function meanKappa(tables: readonly number[][][]): Coefficient {
  let sum = 0;
  let defined = 0;
  for (const t of tables) {
    const k = cohenKappa(t).value;
    if (k !== null) {
      sum += k;
      defined++;
    }
  }
  return defined ? sum / defined : null;
}

/**
 * Percentile bootstrap of the mean pairwise κ. With few pairs each replicate redraws every pair's items from its
 * own table; with many, it redraws the pairs (a cluster bootstrap of their κ), whose spread then carries each
 * pair's sampling noise too and the cost stays linear in the pairs.
 */
export function meanCohenKappaInterval(tables: readonly Table2x2[], replicates: number, seed: number): Estimate {
  if (tables.length === 0) return NO_ESTIMATE;
  const options = { replicates, seed };
  if (tables.length * replicates > WITHIN_PAIR_WORK) {
    const kappas = tables.map((t) => cohenKappa(t).value).filter((k): k is number => k !== null);
    if (kappas.length === 0) return NO_ESTIMATE;
    const mean = (ks: readonly number[]) => ks.reduce((sum, k) => sum + k, 0) / ks.length;
    const resample = (random: Random) => kappas.map(() => kappas[Math.floor(random() * kappas.length)]);
    return interval(percentileInterval(kappas, mean, resample, options));
  }
  const cells = tables.map((t) => t.flat());
  const totals = cells.map((c) => c[0] + c[1] + c[2] + c[3]);
  const resample = (random: Random) =>
    cells.map((c, i) => {
      const [aa, ar, ra, rr] = multinomial(totals[i], c, random);
      return [
        [aa, ar],
        [ra, rr],
      ];
    });
  return interval(percentileInterval(tables, meanKappa, resample, options));
}

export function groupAgreement(g: GroupCounts, replicates: number, seed: number): GroupAgreement {
  const units = unitsOf(g);
  const rounds = g.bothApprove + g.split + g.bothReject;
  const options = { replicates, seed };
  return {
    key: g.key,
    label: g.label,
    rounds,
    passRate: rounds ? g.bothApprove / rounds : 0,
    percentAgreement: interval(bootstrapCi(units, percentAgreement, options)),
    krippendorffAlpha: interval(bootstrapCi(units, (u) => krippendorffAlpha(u).value, options)),
    fleissKappa: interval(bootstrapCi(units, (u) => fleissKappa(u).value, options)),
    gwetAc1: interval(bootstrapCi(units, (u) => gwetAc1(u).value, options)),
    meanCohenKappa: g.pairTables ? meanCohenKappaInterval(g.pairTables, replicates, seed) : NO_ESTIMATE,
    reviewerPairs: g.pairTables?.length ?? null,
  };
}

/**
 * Cohen's κ of each reviewer pair from its 2×2 table, with a bootstrap interval when `replicates` > 0 (else the
 * bounds are null). Pairs with the same table share one interval (same data, same seed).
 */
export function pairAgreements(pairs: readonly PairTable[], replicates: number, seed: number): PairAgreement[] {
  const intervals = new Map<string, Estimate>();
  return pairs.map((p) => {
    const key = p.table.flat().join(',');
    let kappa = intervals.get(key);
    if (!kappa) {
      kappa = replicates > 0 ? interval(bootstrapCi(p.table, (t) => cohenKappa(t).value, { replicates, seed })) : { estimate: cohenKappa(p.table).value, low: null, high: null };
      intervals.set(key, kappa);
    }
    return {
      reviewerA: p.reviewerA,
      reviewerB: p.reviewerB,
      rounds: p.table[0][0] + p.table[0][1] + p.table[1][0] + p.table[1][1],
      percentAgreement: percentAgreementTable(p.table),
      cohenKappa: kappa,
      gwetAc1: gwetAc1Table(p.table).value,
    };
  });
}
