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
import type { GroupCounts, PairKappas, PairTable, Table2x2 } from './agreement.repository';
import type { AgreementPairs, Estimate, GroupAgreement, GroupPassRate, PairAgreement, ReviewerMeanKappa } from './agreement-views';

export type { Estimate, GroupAgreement, PairAgreement } from './agreement-views';

/**
 * Table redraws (about 1 µs each) a group may spend on resampling its mean κ pair by pair; a group with more pairs
 * (200 reviewers make ~20,000) gets the normal interval of its pairs' mean instead, from SQL aggregates alone.
 */
export const WITHIN_PAIR_WORK = 50_000;
const Z_975 = 1.959963984540054;

/** Whether a group's mean-κ interval resamples each pair's items (its tables are then needed). */
export function resamplesPairByPair(pairs: PairKappas | null, replicates: number): boolean {
  return pairs !== null && pairs.count > 0 && pairs.count * replicates <= WITHIN_PAIR_WORK;
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

/** Percentile bootstrap of the mean pairwise κ, each replicate redrawing every pair's items from its own table. */
export function meanCohenKappaInterval(tables: readonly Table2x2[], replicates: number, seed: number): Estimate {
  if (tables.length === 0) return NO_ESTIMATE;
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
  return interval(percentileInterval(tables, meanKappa, resample, { replicates, seed }));
}

/**
 * With many pairs, the normal interval of the pairs' mean κ (what resampling the pairs converges to); their spread
 * carries each pair's sampling noise as well as the differences between pairs.
 */
export function pairMeanInterval(pairs: PairKappas): Estimate {
  if (pairs.mean === null || pairs.defined === 0) return NO_ESTIMATE;
  if (pairs.sd === null) return { estimate: pairs.mean, low: null, high: null };
  const half = (Z_975 * pairs.sd) / Math.sqrt(pairs.defined);
  return { estimate: pairs.mean, low: pairs.mean - half, high: pairs.mean + half };
}

/** `pairTables`: the group's pair tables when resamplesPairByPair(g.pairs, replicates). */
export function groupPassRate(g: GroupCounts): GroupPassRate {
  const rounds = g.bothApprove + g.split + g.bothReject;
  // single-review rounds decide items (so they count in the pass rate) but have no second decision to agree with
  const singleRounds = (g.singleApprove ?? 0) + (g.singleReject ?? 0);
  const decided = rounds + singleRounds;
  return { key: g.key, label: g.label, rounds, singleReviewRounds: singleRounds, passRate: decided ? (g.bothApprove + (g.singleApprove ?? 0)) / decided : 0 };
}

export function groupAgreement(g: GroupCounts, replicates: number, seed: number, pairTables?: readonly Table2x2[]): GroupAgreement {
  const units = unitsOf(g);
  const options = { replicates, seed };
  return {
    ...groupPassRate(g),
    percentAgreement: interval(bootstrapCi(units, percentAgreement, options)),
    krippendorffAlpha: interval(bootstrapCi(units, (u) => krippendorffAlpha(u).value, options)),
    fleissKappa: interval(bootstrapCi(units, (u) => fleissKappa(u).value, options)),
    gwetAc1: interval(bootstrapCi(units, (u) => gwetAc1(u).value, options)),
    meanCohenKappa: !g.pairs ? NO_ESTIMATE : pairTables ? meanCohenKappaInterval(pairTables, replicates, seed) : pairMeanInterval(g.pairs),
    reviewerPairs: g.pairs?.count ?? null,
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

/**
 * What the pair endpoint says of every pair, and which pairs it shows: with `top`, those among the `top` reviewers
 * with the most paired rounds (ties by id, so the choice is stable), else all. κ here is the point estimate.
 */
export function pairOverview(
  tables: readonly PairTable[],
  top?: number,
): Pick<AgreementPairs, 'meanCohenKappa' | 'reviewerCount' | 'pairCount' | 'reviewerMeans'> & { shown: PairTable[] } {
  const per = new Map<string, { rounds: number; sum: number; defined: number; pairs: number }>();
  let sum = 0;
  let defined = 0;
  for (const p of tables) {
    const k = cohenKappa(p.table).value;
    const rounds = p.table[0][0] + p.table[0][1] + p.table[1][0] + p.table[1][1];
    if (k !== null) {
      sum += k;
      defined++;
    }
    for (const id of [p.reviewerA, p.reviewerB]) {
      const r = per.get(id) ?? per.set(id, { rounds: 0, sum: 0, defined: 0, pairs: 0 }).get(id)!;
      r.rounds += rounds;
      r.pairs++;
      if (k !== null) {
        r.sum += k;
        r.defined++;
      }
    }
  }
  const reviewerMeans: ReviewerMeanKappa[] = [...per].map(([reviewerId, r]) => ({ reviewerId, meanCohenKappa: r.defined ? r.sum / r.defined : null, pairs: r.pairs }));
  let shown = [...tables];
  if (top !== undefined && per.size > top) {
    const chosen = new Set(
      [...per]
        .sort(([a, x], [b, y]) => y.rounds - x.rounds || (a < b ? -1 : 1))
        .slice(0, top)
        .map(([id]) => id),
    );
    shown = tables.filter((p) => chosen.has(p.reviewerA) && chosen.has(p.reviewerB));
  }
  return { shown, meanCohenKappa: defined ? sum / defined : null, reviewerCount: per.size, pairCount: tables.length, reviewerMeans };
}
