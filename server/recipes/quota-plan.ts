import type { QuotaRule } from './recipe-spec';
import { abilityKeysOf } from './recipe-spec';

export interface AbilityQuota {
  abilityKey: string;
  /** Eligible items the version has for this ability. */
  available: number;
  /** What the rule asks for, whatever the data: a cap, an even share, a count. */
  requested: number;
  /** What will be taken: at most `available`; under a total, more than `requested` where others fell short. */
  take: number;
}

/**
 * How many items each ability gets under `rule`, given what is available. Every ability in `abilityKeys` and every
 * key the rule names gets a row, in key order (the order remainders are handed out in).
 */
export function planQuotas(rule: QuotaRule, available: ReadonlyMap<string, number>, abilityKeys: readonly string[]): AbilityQuota[] {
  const keys = [...new Set([...abilityKeys, ...abilityKeysOf(rule)])].sort(byKey);
  const avail = (k: string) => available.get(k) ?? 0;
  const requested = requestedBy(rule, keys, avail);
  const take = 'total' in rule ? fillTotal(rule.total, rule.caps ?? {}, keys, avail) : new Map(keys.map((k) => [k, Math.min(requested.get(k)!, avail(k))]));
  return keys.map((k) => ({ abilityKey: k, available: avail(k), requested: requested.get(k)!, take: take.get(k)! }));
}

function requestedBy(rule: QuotaRule, keys: string[], avail: (k: string) => number): Map<string, number> {
  if ('perAbility' in rule) return new Map(keys.map((k) => [k, rule.perAbility]));
  if ('counts' in rule) return new Map(keys.map((k) => [k, rule.counts[k] ?? 0]));
  const caps = rule.caps ?? {};
  if ('all' in rule) return new Map(keys.map((k) => [k, caps[k] ?? avail(k)]));
  const uncapped = keys.filter((k) => !(k in caps));
  const capped = Object.values(caps).reduce((a, b) => a + b, 0);
  const shares = evenSplit(Math.max(0, rule.total - capped), uncapped);
  return new Map(keys.map((k) => [k, caps[k] ?? shares.get(k)!]));
}

/**
 * Capped abilities take up to their cap; what remains of the total is water-filled over the others: an even split,
 * an ability with fewer items than its share takes them all and the rest is split again over the others. So the
 * total is kept whenever the data allows it.
 */
function fillTotal(total: number, caps: Record<string, number>, keys: string[], avail: (k: string) => number): Map<string, number> {
  const take = new Map<string, number>();
  let remaining = total;
  for (const k of keys) {
    if (!(k in caps)) continue;
    take.set(k, Math.min(caps[k], avail(k)));
    remaining -= take.get(k)!;
  }
  for (const [k, n] of waterFill(remaining, keys.filter((k) => !(k in caps)), avail)) take.set(k, n);
  return take;
}

/** `total` spread as evenly as `avail` allows over `keys` (sorted): the first keys get the remainder. */
export function waterFill(total: number, keys: readonly string[], avail: (k: string) => number): Map<string, number> {
  const take = new Map<string, number>();
  let open = [...keys];
  let remaining = total;
  while (open.length > 0) {
    const ceilShare = Math.ceil(remaining / open.length);
    const scarce = open.filter((k) => avail(k) < ceilShare);
    if (scarce.length === 0) {
      for (const [k, n] of evenSplit(remaining, open)) take.set(k, n);
      return take;
    }
    for (const k of scarce) {
      take.set(k, avail(k));
      remaining -= avail(k);
    }
    open = open.filter((k) => !scarce.includes(k));
  }
  return take;
}

/** `total` split over `keys` (sorted), differing by at most one; the first keys get the remainder. */
export function evenSplit(total: number, keys: readonly string[]): Map<string, number> {
  if (keys.length === 0) return new Map();
  const base = Math.floor(total / keys.length);
  const extra = total - base * keys.length;
  return new Map(keys.map((k, i) => [k, base + (i < extra ? 1 : 0)]));
}

/** Code-unit order, the same as Postgres `COLLATE "C"`; ability keys are ASCII. */
export function byKey(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
