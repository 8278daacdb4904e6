/** How many validation and test items each ability should hold; train takes the rest. */
export interface SplitTargets {
  valid: number;
  test: number;
}

export const DEFAULT_SPLIT_TARGETS: SplitTargets = { valid: 100, test: 100 };

/** One ability's candidates by question format: already in each split, and still without one. */
export interface AbilitySplitState {
  abilityId: number;
  /** question format → count, for candidates already in valid / test. */
  valid: number;
  test: number;
  unassigned: Map<number, number>;
}

export interface FormatQuota {
  abilityId: number;
  questionFormat: number;
  test: number;
  valid: number;
}

/**
 * New test and validation items per (ability, question format): what each ability lacks of its targets, drawn
 * from its unassigned items in proportion to their question formats (largest remainder), test first. Splits
 * already given are never taken back, so an ability above a target simply gets no more.
 */
export function splitQuotas(states: AbilitySplitState[], targets: SplitTargets): FormatQuota[] {
  const out: FormatQuota[] = [];
  for (const s of states) {
    const pool = new Map(s.unassigned);
    const test = proportional(pool, Math.max(0, targets.test - s.test));
    for (const [f, n] of test) pool.set(f, pool.get(f)! - n);
    const valid = proportional(pool, Math.max(0, targets.valid - s.valid));
    for (const f of [...s.unassigned.keys()].sort((a, b) => a - b)) {
      out.push({ abilityId: s.abilityId, questionFormat: f, test: test.get(f) ?? 0, valid: valid.get(f) ?? 0 });
    }
  }
  return out;
}

/** Splits `want` (capped at the pool) across formats by pool share; remainders go to the largest fractions. */
function proportional(pool: Map<number, number>, want: number): Map<number, number> {
  const total = [...pool.values()].reduce((a, b) => a + b, 0);
  const take = Math.min(want, total);
  const out = new Map<number, number>();
  if (take === 0) return out;
  const shares = [...pool.entries()]
    .sort(([a], [b]) => a - b)
    .map(([f, n]) => ({ f, n, exact: (take * n) / total }));
  let given = 0;
  for (const s of shares) {
    out.set(s.f, Math.floor(s.exact));
    given += Math.floor(s.exact);
  }
  const byRemainder = [...shares].sort((a, b) => b.exact - Math.floor(b.exact) - (a.exact - Math.floor(a.exact)) || a.f - b.f);
  for (const s of byRemainder) {
    if (given === take) break;
    if (out.get(s.f)! < s.n) {
      out.set(s.f, out.get(s.f)! + 1);
      given++;
    }
  }
  return out;
}
