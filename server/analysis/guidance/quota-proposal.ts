/**
 * Per-ability quotas for a total item budget (issue 13 item 6; the DoIT paper's guidance: cut resistant abilities,
 * cap plateaued ones, expand sensitive ones). Pure function, no I/O.
 *
 * Quotas are total per-ability train counts (what a recipe revision holds), not additions to the current counts;
 * current counts only serve the expected score change.
 *
 * Rules, in order:
 * 1. Every ability has an upper limit: resistant and size-sensitive-only abilities the floor (default 64; α_D is not
 *    significantly > 0 for either, so the fitted slope is no evidence that data helps), plateaued ones the cap
 *    (default: the volume where the plateau starts), responsive ones none; all never above the available items.
 *    Every ability first gets the floor (or its upper limit, if lower).
 * 2. If the floors alone exceed the budget, every floor is cut in proportion (largest remainders, ties to the
 *    earlier ability), and that is the proposal.
 * 3. The rest of the budget goes one item at a time to the ability whose next item adds most on its fitted curve,
 *    α·ln((n+1)/n) (an ability with no item yet goes first), among plateaued and responsive abilities below their
 *    limit. For log curves this greedy allocation is optimal (each gain is concave in n) and it is the closed form
 *    "equal marginal gain α/n, so n ∝ α" with integer counts and the limits respected, which the closed form alone
 *    does not give.
 * 4. If every ability reaches its limit first, the budget cannot be met: the proposal says how many items are left
 *    over and does not push any ability past its floor, cap or available items (raise the floor or the cap to use
 *    them).
 */
import { fittedScore, growsWithData, type AbilityClass, type AbilityFit } from './ability-fit';
import { checkCount, duplicateProblems, fitProblems, GuidanceInputError, plateauCapOf, plateauCapProblems } from './guidance-input';
import { reason, type GuidanceReason } from './guidance-messages';

export const DEFAULT_QUOTA_FLOOR = 64;

export interface QuotaAbilityInput {
  ability: string;
  fit: AbilityFit;
  /** items of this ability that can go into a recipe (accepted, train split) */
  available: number;
  /** this ability's train count in the current recipe or version */
  current: number;
}

export interface QuotaOptions {
  /** quota of resistant and size-sensitive-only abilities, and the least any ability gets; default 64 */
  floor?: number;
  /** cap for every plateaued ability instead of the volume where its own plateau starts */
  plateauCap?: number;
}

export interface AbilityQuota {
  ability: string;
  class: AbilityClass;
  quota: number;
  current: number;
  available: number;
  /** the most this ability could get: floor, cap or available items */
  limit: number;
  /** fitted score at the quota (null for a quota of 0: the log curve starts at one item) */
  expectedScore: number | null;
  /** fitted score at the quota minus at the current count (null when either is 0) */
  expectedChange: number | null;
  /** what the last item given adds on the fitted curve, α·ln(quota/(quota−1)) (null below 2 items) */
  lastItemGain: number | null;
  reasons: GuidanceReason[];
}

export interface QuotaProposal {
  budget: number;
  floor: number;
  allocated: number;
  /** budget − allocated: > 0 only when every ability is at its limit */
  unallocated: number;
  quotas: AbilityQuota[];
  reasons: GuidanceReason[];
}

interface Slot {
  input: QuotaAbilityInput;
  limit: number;
  base: number;
  quota: number;
}

export function proposeQuotas(budget: number, abilities: readonly QuotaAbilityInput[], options: QuotaOptions = {}): QuotaProposal {
  const floor = options.floor ?? DEFAULT_QUOTA_FLOOR;
  checkInput(budget, abilities, options, floor);

  const slots: Slot[] = abilities.map((input) => {
    const limit = Math.min(input.available, limitByClass(input.fit, floor, options.plateauCap));
    const base = Math.min(floor, limit);
    return { input, limit, base, quota: base };
  });
  const needed = slots.reduce((s, x) => s + x.base, 0);
  const reasons: GuidanceReason[] = [];
  if (needed > budget) {
    cutInProportion(slots, budget, needed);
    reasons.push(reason('pace.guidance.budget.belowFloors', { budget, needed }));
  } else {
    const left = fillByMarginalGain(slots, budget - needed);
    const allocated = budget - left;
    reasons.push(
      left === 0
        ? reason('pace.guidance.budget.met', { budget })
        : reason('pace.guidance.budget.notEnoughItems', { budget, allocated, unallocated: left }),
    );
  }
  const allocated = slots.reduce((s, x) => s + x.quota, 0);
  return { budget, floor, allocated, unallocated: budget - allocated, quotas: slots.map((s) => describeQuota(s, floor, options.plateauCap)), reasons };
}

function limitByClass(fit: AbilityFit, floor: number, plateauCap: number | undefined): number {
  switch (fit.class) {
    case 'resistant':
    case 'size-sensitive-only':
      return floor;
    case 'plateaued':
      return plateauCapOf(fit, plateauCap);
    case 'responsive':
      return Number.POSITIVE_INFINITY;
  }
}

/** Floors cut so they sum to the budget: each gets ⌊budget·base/needed⌋, the remainders go to the largest fractions. */
function cutInProportion(slots: Slot[], budget: number, needed: number): void {
  const shares = slots.map((s) => (budget * s.base) / needed);
  slots.forEach((s, k) => (s.quota = Math.floor(shares[k])));
  let left = budget - slots.reduce((sum, s) => sum + s.quota, 0);
  const order = slots.map((_, k) => k).sort((a, b) => shares[b] - Math.floor(shares[b]) - (shares[a] - Math.floor(shares[a])) || a - b);
  for (const k of order) {
    if (left === 0) break;
    slots[k].quota += 1;
    left -= 1;
  }
}

/** The gain of one more item at n items on the fitted log curve (the first item of an ability without any goes first). */
const nextItemGain = (fit: AbilityFit, n: number) => (n === 0 ? Number.POSITIVE_INFINITY : fit.alpha * Math.log((n + 1) / n));

/**
 * Items the one-at-a-time rule is sure to give each ability: every item whose gain exceeds a threshold t, for the
 * lowest t (found by bisection) at which those items still fit in the budget. The greedy rule takes the `items`
 * largest gains of all abilities' decreasing gain sequences, so every item above such a t is among them; one item
 * fewer per ability is taken so that rounding in the count cannot add an item the rule would not give. The rest is
 * left to the exact loop. This makes a budget of 10⁶ items take milliseconds instead of a step per item.
 */
function prefill(open: Slot[], items: number): number {
  const countAbove = (s: Slot, t: number) => {
    const alpha = s.input.fit.alpha;
    if (!(alpha > 0)) return 0;
    // α·ln((m+1)/m) > t  ⇔  m < 1/(e^{t/α} − 1)
    const below = Math.ceil(1 / Math.expm1(t / alpha));
    return Math.max(0, Math.min(s.limit, Number.isFinite(below) ? below : s.limit) - s.quota);
  };
  const total = (t: number) => open.reduce((sum, s) => sum + countAbove(s, t), 0);
  let low = 0; // total(low) may exceed items
  let high = Math.max(...open.map((s) => (s.input.fit.alpha > 0 ? nextItemGain(s.input.fit, Math.max(1, s.quota)) : 0)), 0);
  if (high === 0) return items;
  if (total(Number.MIN_VALUE) <= items) low = high = Number.MIN_VALUE;
  for (let k = 0; k < 200 && high > low && high - low > high * 1e-15; k++) {
    const mid = (low + high) / 2;
    if (total(mid) <= items) high = mid;
    else low = mid;
  }
  let left = items;
  for (const s of open) {
    const take = Math.max(0, countAbove(s, high) - 1);
    s.quota += take;
    left -= take;
  }
  return left;
}

/** Gives `items` one at a time to the ability whose next item adds most; returns how many found no ability below its limit. */
function fillByMarginalGain(slots: Slot[], items: number): number {
  const open = slots.filter((s) => growsWithData(s.input.fit) && s.quota < s.limit);
  let left = open.length > 0 ? prefill(open, items) : items;
  for (let k = open.length - 1; k >= 0; k--) if (open[k].quota >= open[k].limit) open.splice(k, 1);
  while (left > 0 && open.length > 0) {
    let best = 0;
    let bestGain = nextItemGain(open[0].input.fit, open[0].quota);
    for (let k = 1; k < open.length; k++) {
      const gain = nextItemGain(open[k].input.fit, open[k].quota);
      if (gain > bestGain) {
        best = k;
        bestGain = gain;
      }
    }
    const slot = open[best];
    // Fast path: give the chosen ability as many items as it can take before its next gain drops below the runner-up's.
    const runnerUp = Math.max(-Infinity, ...open.filter((_, k) => k !== best).map((s) => nextItemGain(s.input.fit, s.quota)));
    let take = 1;
    if (slot.quota > 0 && slot.input.fit.alpha > 0 && Number.isFinite(runnerUp) && runnerUp > 0) {
      // α·ln((n+1)/n) ≥ g  ⇔  n ≤ 1/(e^{g/α} − 1): the chosen ability stays best up to that count (ties to the earlier)
      const lastBest = Math.floor(1 / Math.expm1(runnerUp / slot.input.fit.alpha));
      take = Math.max(1, lastBest - slot.quota);
    } else if (slot.quota > 0 && !(runnerUp > 0)) {
      take = left; // nobody else gains anything: no runner-up to hand over to
    }
    take = Math.min(take, left, slot.limit - slot.quota);
    slot.quota += take;
    left -= take;
    if (slot.quota >= slot.limit) open.splice(best, 1);
  }
  return left;
}

function describeQuota(slot: Slot, floor: number, plateauCap: number | undefined): AbilityQuota {
  const { ability, fit, available, current } = slot.input;
  const quota = slot.quota;
  const reasons: GuidanceReason[] = [];
  if (fit.class === 'resistant') reasons.push(reason('pace.guidance.quota.resistant', { ability, floor }));
  else if (fit.class === 'size-sensitive-only') reasons.push(reason('pace.guidance.quota.sizeSensitiveOnly', { ability, floor }));
  else if (fit.class === 'plateaued') reasons.push(reason('pace.guidance.quota.plateaued', { ability, cap: plateauCapOf(fit, plateauCap) }));
  const lastItemGain = quota >= 2 ? fit.alpha * Math.log(quota / (quota - 1)) : null;
  if (fit.class === 'responsive') reasons.push(reason('pace.guidance.quota.responsive', { ability, alpha: fit.alpha, marginal: lastItemGain ?? 0 }));
  if (quota < slot.base) reasons.push(reason('pace.guidance.quota.cutToBudget', { ability, quota, target: slot.base }));
  else if (quota === available && available < limitByClass(fit, floor, plateauCap)) reasons.push(reason('pace.guidance.quota.availableLimit', { ability, available }));

  const expectedScore = quota >= 1 ? fittedScore(fit, quota) : null;
  const expectedChange = quota >= 1 && current >= 1 ? fit.alpha * Math.log(quota / current) : null;
  if (expectedChange !== null) reasons.push(reason('pace.guidance.quota.expectedChange', { change: expectedChange, current, quota }));
  else if (expectedScore !== null) reasons.push(reason('pace.guidance.quota.noCurrentItems', { ability, quota, score: expectedScore }));
  return { ability, class: fit.class, quota, current, available, limit: slot.limit, expectedScore, expectedChange, lastItemGain, reasons };
}

function checkInput(budget: number, abilities: readonly QuotaAbilityInput[], options: QuotaOptions, floor: number): void {
  const problems: string[] = [];
  checkCount(problems, 'budget', budget);
  checkCount(problems, 'floor', floor);
  problems.push(...plateauCapProblems(options.plateauCap));
  if (abilities.length === 0) problems.push('no abilities to propose quotas for');
  problems.push(...duplicateProblems(abilities.map((a) => a.ability)));
  for (const a of abilities) {
    problems.push(...fitProblems(a.ability, a.fit, options.plateauCap !== undefined));
    checkCount(problems, `${a.ability}: available`, a.available);
    checkCount(problems, `${a.ability}: current`, a.current);
  }
  if (problems.length > 0) throw new GuidanceInputError(problems);
}
