import type { AbilityScoreView, EvaluationSuite } from '../evaluation-views';
import { aggregate } from '../scoring';

export interface Verdict {
  suite: EvaluationSuite;
  ability: string;
  split: string | null;
  shots: number;
  score: number;
  expected: number;
}

/** Per-ability scores for every suite × split × shots of an evaluation (benchmark items, with no split, count as test). */
export function abilityScores(verdicts: Iterable<Verdict>): AbilityScoreView[] {
  const groups = new Map<string, { suite: EvaluationSuite; split: 'valid' | 'test'; shots: number; items: Verdict[] }>();
  for (const v of verdicts) {
    const split = v.split === 'valid' ? 'valid' : 'test';
    const key = `${v.suite}\0${split}\0${v.shots}`;
    const group = groups.get(key) ?? { suite: v.suite, split, shots: v.shots, items: [] };
    group.items.push(v);
    groups.set(key, group);
  }
  const out: AbilityScoreView[] = [];
  for (const g of [...groups.values()].sort((a, b) => cmp(a.suite, b.suite) || cmp(a.split, b.split) || a.shots - b.shots)) {
    for (const a of aggregate(g.items).abilities) {
      out.push({ suite: g.suite, ability: a.ability, split: g.split, shots: g.shots, items: a.items, score: a.score, expected: a.expected });
    }
  }
  return out;
}

/** The unweighted mean over in-domain abilities of one split (0-shot), as DoIT averages; null when the split has none. */
export function inDomainAverage(scores: readonly AbilityScoreView[], split: 'valid' | 'test'): number | null {
  const picked = scores.filter((s) => s.suite === 'in-domain' && s.split === split && s.shots === 0);
  return picked.length ? picked.reduce((sum, s) => sum + s.score, 0) / picked.length : null;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
