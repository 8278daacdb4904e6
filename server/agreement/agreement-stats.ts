import {
  bootstrapCi,
  cohenKappa,
  fleissKappa,
  gwetAc1,
  gwetAc1Table,
  krippendorffAlpha,
  pairwiseCohenKappa,
  percentAgreement,
  percentAgreementTable,
  type BootstrapInterval,
  type Coefficient,
  type WeightedUnit,
} from './stats';
import type { PatternCount } from './agreement.repository';

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
  /** Mean of Cohen's κ over the reviewer pairs in the group (pairs change from item to item). */
  meanCohenKappa: Coefficient;
  reviewerPairs: number;
}

export interface PairAgreement {
  reviewerA: string;
  reviewerB: string;
  rounds: number;
  percentAgreement: Coefficient;
  cohenKappa: Estimate;
  gwetAc1: Coefficient;
}

const APPROVE = 0;
const REJECT = 1;

/** Accept/reject with two reviewers per round: a round is a unit with counts [approvals, rejections]. */
export function unitsOf(patterns: readonly PatternCount[]): WeightedUnit[] {
  const weights = [0, 0, 0];
  for (const p of patterns) weights[(p.approveLo ? 0 : 1) + (p.approveHi ? 0 : 1)] += p.n;
  return [
    { counts: [2, 0], weight: weights[0] },
    { counts: [1, 1], weight: weights[1] },
    { counts: [0, 2], weight: weights[2] },
  ].filter((u) => u.weight > 0);
}

function interval(ci: BootstrapInterval): Estimate {
  return { estimate: ci.estimate, low: ci.low, high: ci.high };
}

export function groupAgreement(key: string, label: string, patterns: readonly PatternCount[], replicates: number, seed: number): GroupAgreement {
  const units = unitsOf(patterns);
  const rounds = units.reduce((s, u) => s + u.weight, 0);
  const bothApprove = units.find((u) => u.counts[APPROVE] === 2)?.weight ?? 0;
  const options = { replicates, seed };
  const pairs = pairwiseCohenKappa(
    patterns.map((p) => ({ raterA: p.reviewerLo, raterB: p.reviewerHi, catA: p.approveLo ? APPROVE : REJECT, catB: p.approveHi ? APPROVE : REJECT, weight: p.n })),
    { categories: [APPROVE, REJECT] },
  );
  return {
    key,
    label,
    rounds,
    passRate: rounds ? bothApprove / rounds : 0,
    percentAgreement: interval(bootstrapCi(units, percentAgreement, options)),
    krippendorffAlpha: interval(bootstrapCi(units, (u) => krippendorffAlpha(u).value, options)),
    fleissKappa: interval(bootstrapCi(units, (u) => fleissKappa(u).value, options)),
    gwetAc1: interval(bootstrapCi(units, (u) => gwetAc1(u).value, options)),
    meanCohenKappa: pairs.mean,
    reviewerPairs: pairs.pairs.length,
  };
}

/** Cohen's κ of each reviewer pair from its 2×2 table (rows: the pair's first reviewer in id order). */
export function pairAgreement(patterns: readonly PatternCount[], replicates: number, seed: number): PairAgreement[] {
  const tables = new Map<string, { a: string; b: string; table: number[][] }>();
  for (const p of patterns) {
    const key = `${p.reviewerLo}/${p.reviewerHi}`;
    let t = tables.get(key);
    if (!t) tables.set(key, (t = { a: p.reviewerLo, b: p.reviewerHi, table: [[0, 0], [0, 0]] }));
    t.table[p.approveLo ? APPROVE : REJECT][p.approveHi ? APPROVE : REJECT] += p.n;
  }
  return [...tables.values()].map(({ a, b, table }) => ({
    reviewerA: a,
    reviewerB: b,
    rounds: table.flat().reduce((s, x) => s + x, 0),
    percentAgreement: percentAgreementTable(table),
    cohenKappa: interval(bootstrapCi(table, (t) => cohenKappa(t).value, { replicates, seed })),
    gwetAc1: gwetAc1Table(table).value,
  }));
}
